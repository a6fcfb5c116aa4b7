# The two commands of the README:
#   make results   install what is missing, build in release, run the main job (writes results/)
#   make test      install what is missing, run the test suite
SWIFT ?= swift
SPSIM = .build/release/spsim

# The main job: the five strategy options of the LEG comparison on the default synthetic
# population, 2025-2035, into results/strategy-options/: 10 replicates (90% intervals)
# that also draw the uncertain assumptions, and the tornado of what drives the results.
RESULTS_HOUSEHOLDS ?= 100000
RESULTS_SEED ?= 20250701
RESULTS_YEARS ?= 2025-2035
RESULTS_REPLICATES ?= 10
RESULTS_ASSUMPTIONS ?= scenarios/assumptions/uncertain-assumptions.yaml
RESULTS_OUT ?= results/strategy-options
STRATEGY_OPTIONS = scenarios/baseline.yaml scenarios/kafaalat-expansion.yaml \
	scenarios/contributory-extension.yaml scenarios/minimum-wage-registration.yaml \
	scenarios/social-protection-floor.yaml

.PHONY: results test deps build clean bench

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product spsim

results: build
	$(SPSIM) compare $(STRATEGY_OPTIONS) --years $(RESULTS_YEARS) \
		--households $(RESULTS_HOUSEHOLDS) --seed $(RESULTS_SEED) --replicates $(RESULTS_REPLICATES) \
		--assumptions $(RESULTS_ASSUMPTIONS) --tornado --out $(RESULTS_OUT) --report

test: deps
	$(SWIFT) test

# The package-benchmark suite (Benchmarks/, a package of its own): import, .spop load,
# rules, indicators and a projection year at 100,000 households.
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

clean:
	rm -rf .build
