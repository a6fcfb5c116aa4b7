// `spsim compare`: project a baseline and scenarios over years and compare them side by side.
import ArgumentParser
import Foundation
import PolicyRules
import PopulationData
import Projection
import Reports
import ResultsFormat
import SpsimSupport

extension SPSim {
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Project a baseline and scenarios over years and compare them side by side.",
            discussion: """
            Runs BASELINE and each SCENARIO over the same population (same households, weights \
            and random draws) for every year of --years, with earnings uprated by the scenario's \
            nominal wage index and weights reweighted each year to the population projection. \
            Prints, per year and for the horizon, government cost (PKR and % of GDP, by scheme \
            and by who pays), SDG 1.3.1 coverage (total, women, men, older persons, contributors, \
            informal workers), poverty, Gini and women's share of benefits, with each scenario's \
            difference from the baseline; writes manifest.json, comparison.csv and comparison.json \
            to --out (see docs/results-format.md).

            With --replicates N (N > 1) the comparison is rerun on N independent populations and \
            draw sets (seeds derived from --seed; replicate 0 uses --seed itself), every scenario \
            of a replicate on the same one; each figure is the mean over the replicates with a \
            90% interval (5th and 95th percentiles), and each difference from the baseline gets \
            its interval from the paired replicates. The intervals cover the sampling of the \
            synthetic population and the random draws; with --assumptions FILE they also cover \
            the uncertain assumptions the file gives as distributions (each replicate draws \
            them, replicate 0 takes their central values; the same values in every scenario of \
            a replicate). --tornado runs each assumption at its low and its high bound, the \
            others central, and writes tornado.csv (what drives cost and coverage in the last year).

            Example: spsim compare scenarios/baseline.yaml scenarios/kafaalat-expansion.yaml --years 2025-2035
            """
        )

        @Argument(help: ArgumentHelp("The baseline scenario or parameter file (e.g. scenarios/baseline.yaml).", valueName: "BASELINE"))
        var baseline: String

        @Argument(help: ArgumentHelp("Scenario files to compare with the baseline.", valueName: "SCENARIO"))
        var scenarios: [String] = []

        @Option(help: ArgumentHelp("Years to project, FIRST-LAST (simulation year Y is fiscal year Y to Y+1).", valueName: "FIRST-LAST"))
        var years: String = "2025-2035"

        @OptionGroup var source: PopulationSource

        @OptionGroup var timing: ProjectionOptions

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter in every scenario, as name=value, or in one scenario, as SCENARIO:name=value (repeatable).", valueName: "NAME=VALUE"))
        var overrides: [String] = []

        @Option(help: ArgumentHelp("Results folder (default: results/<baseline>-vs-<scenario>…).", valueName: "DIR"))
        var out: String?

        @Option(help: ArgumentHelp("Independent populations and draw sets to run, 1 to 1000 (default 1); with more than one, every figure gets a 90% interval.", valueName: "N"))
        var replicates: Int = 1

        @Option(help: ArgumentHelp("Uncertain assumptions (YAML: parameter, unit, from, distribution, bounds, source, date), drawn in every replicate (e.g. scenarios/assumptions/uncertain-assumptions.yaml).", valueName: "FILE"))
        var assumptions: String?

        @Flag(help: "With --assumptions: also run each assumption at its low and high bound (others central) and write tornado.csv.")
        var tornado = false

        @Option(help: ArgumentHelp("Scenarios (or, with --replicates, replicates) run at a time (default: the number of cores). Results do not depend on it.", valueName: "N"))
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: ArgumentHelp("Published figures the baseline is checked against, written as fit.csv (default: validation/published-figures.yaml beside the baseline; skipped when there is none).", valueName: "FILE"))
        var figures: String?

        @Option(help: ArgumentHelp("Assumptions of the EOBI fund projection written as fund.csv (default: assumptions/eobi-fund.yaml beside the baseline; skipped when there is none).", valueName: "FILE"))
        var fund: String?

        @Flag(help: "Also write the report (summary.md, charts, report.html) into the results folder.")
        var report = false

        func validate() throws {
            _ = try Self.parseYears(years)
            if tornado && assumptions == nil { throw ValidationError("--tornado needs --assumptions FILE (the assumptions whose bounds it runs). Fix: add e.g. --assumptions scenarios/assumptions/uncertain-assumptions.yaml") }
            if threads < 1 { throw ValidationError("--threads must be at least 1; found \(threads). Fix: give a positive number, e.g. --threads 2") }
            if !(1...Replicates.limit).contains(replicates) {
                throw ValidationError("--replicates must be from 1 to \(Replicates.limit); found \(replicates). Fix: give the number of independent populations to run, e.g. --replicates 20 (1 = no intervals)")
            }
        }

        /// Parses `FIRST-LAST` or a single year.
        static func parseYears(_ text: String) throws -> [Int] {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = parts.compactMap { Int($0) }
            guard numbers.count == parts.count, (1...2).contains(numbers.count), numbers.allSatisfy({ (1900...2200).contains($0) }) else {
                throw ValidationError("--years '\(text)' is not a year range. Fix: write FIRST-LAST, e.g. --years 2025-2035, or one year, e.g. --years 2030")
            }
            let first = numbers[0], last = numbers.count == 2 ? numbers[1] : numbers[0]
            guard first <= last else {
                throw ValidationError("--years '\(text)' ends before it starts. Fix: put the earlier year first, e.g. --years \(last)-\(first)")
            }
            guard last - first <= 100 else {
                throw ValidationError("--years '\(text)' spans more than 100 years. Fix: choose a shorter horizon, e.g. --years 2025-2035")
            }
            return Array(first...last)
        }

        /// Input problems (scenario files, `--set`, the projection, the population) are
        /// thrown as they are; `CommandLineExit` prints them and exits with status 1.
        func run() async throws {
            try await compare()
        }

        func compare() async throws {
            let started = Date()
            let yearList = try Self.parseYears(years)
            let files = [baseline] + scenarios
            for file in files where !FileManager.default.fileExists(atPath: file) {
                throw InputError(file: file, problem: "the scenario file does not exist", fix: "check the path; the shipped scenarios are in scenarios/ (e.g. scenarios/baseline.yaml)")
            }
            // `--set NAME:param=value` changes scenario NAME only; the others apply to all.
            let names = files.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
            let scoped = try Self.scopedOverrides(overrides, scenarios: names)
            // Load and validate every scenario before any work; report all problems together.
            var loaded: [Scenario] = []
            var problems: [InputError] = []
            for (file, name) in zip(files, names) {
                do { loaded.append(try ScenarioLoader.load(URL(fileURLWithPath: file), overrides: scoped[name] ?? [])) }
                catch let errors as InputErrors { problems += errors.errors }
                catch let error as InputError { problems.append(error) }
            }
            // The same --set problem is found in every scenario: report it once.
            // Uncertain assumptions: read whole and checked against every scenario at both
            // bounds before any work.
            var uncertain: UncertainAssumptions? = nil
            if let assumptions {
                do {
                    let read = try UncertainAssumptions.load(URL(fileURLWithPath: assumptions))
                    for scenario in loaded {
                        _ = try read.apply(read.assumptions.map(\.distribution.low), to: scenario)
                        _ = try read.apply(read.assumptions.map(\.distribution.high), to: scenario)
                    }
                    uncertain = read
                } catch let errors as InputErrors { problems += errors.errors }
                catch let error as InputError { problems.append(error) }
            }
            var seen: Set<String> = []
            problems = problems.filter { seen.insert($0.description).inserted }
            if !problems.isEmpty { throw InputErrors(problems) }

            // Lock the results folder before the long computation, so a second run writing the
            // same --out is refused at once (and stale temporary folders of killed runs are removed).
            let outPath = out ?? "results/\(Self.defaultRunName(loaded.map(\.name)))"
            let writer = try ResultsFolderWriter.begin(outPath)
            defer { writer.finish() }

            let (populationProjection, projectionPath) = try timing.load(besides: baseline)

            // The published figures for fit.csv, checked before the long computation.
            let baselineDirectory = (baseline as NSString).deletingLastPathComponent
            let defaultFigures = (baselineDirectory.isEmpty ? "" : baselineDirectory + "/") + "validation/published-figures.yaml"
            let figuresPath = figures ?? (FileManager.default.fileExists(atPath: defaultFigures) ? defaultFigures : nil)
            if let figuresPath { _ = try BaselineFit.loadFigures(URL(fileURLWithPath: figuresPath)) }
            let defaultFund = (baselineDirectory.isEmpty ? "" : baselineDirectory + "/") + "assumptions/eobi-fund.yaml"
            let fundPath = fund ?? (FileManager.default.fileExists(atPath: defaultFund) ? defaultFund : nil)
            let fundAssumptions = try fundPath.map { try FundAssumptions.load(URL(fileURLWithPath: $0)) }

            let population = try source.load(showProgress: true)
            let populationEntry: ResultsManifest.PopulationSource
            if let file = source.populationFile {
                populationEntry = .init(kind: "file", path: file, sha256: try SHA256Digest.hex(ofFileAt: URL(fileURLWithPath: file)))
            } else {
                populationEntry = .init(kind: "generated", households: source.households, seed: source.seed)
            }
            let projector = try Projector(population: population, baseYear: timing.baseYear, years: yearList, projection: populationProjection)
            let progressLine = ProgressLine("Projecting", total: replicates * loaded.count * yearList.count)
            let counter = ProgressCounter()
            // Replicate 0 is the run's own population (what one replicate gives), its
            // scenarios in parallel; the others run up to --threads replicates at a time,
            // each with its own population, reduced in replicate order.
            let seeds = Replicates.seeds(base: source.seed, count: replicates)
            // The scenarios of replicate r: with uncertain assumptions, each at its value for r.
            let scenariosOf: @Sendable (Int) throws -> [Scenario] = { [loaded, uncertain] r in
                guard let uncertain else { return loaded }
                let values = try uncertain.values(replicate: r, seed: seeds[r])
                return try loaded.map { try uncertain.apply(values, to: $0) }
            }
            let comparison = try Comparison.run(try scenariosOf(0), projector: projector, threads: threads) {
                progressLine.update(counter.increment())
            }
            var records = comparison.records
            if replicates > 1 {
                let source = self.source, baseYear = timing.baseYear
                let others = try Replicates.map(Array(1..<replicates), threads: threads) { r in
                    let population = try source.load(seed: seeds[r], showProgress: false)
                    let projector = try Projector(population: population, baseYear: baseYear, years: yearList, projection: populationProjection)
                    return try Comparison.run(try scenariosOf(r), projector: projector, threads: 1) {
                        progressLine.update(counter.increment())
                    }.records
                }
                records = try Replicates.summarise([records] + others)
            }
            progressLine.finish()

            // The tornado: each assumption at its low and high bound, the others central, on
            // the run's own population, for the last year.
            var tornadoBars: [TornadoBar] = []
            if tornado, let uncertain, let last = yearList.last {
                let tornadoLine = ProgressLine("Tornado", total: (1 + 2 * uncertain.assumptions.count) * loaded.count)
                let tornadoCounter = ProgressCounter()
                tornadoBars = try Tornado.run(loaded, assumptions: uncertain, population: population, baseYear: timing.baseYear, year: last,
                                              projection: populationProjection, threads: threads) { tornadoLine.update(tornadoCounter.increment()) }
                tornadoLine.finish()
            }

            // How well the baseline fits published figures (fit.csv), on the same population.
            var fit: [FitRow]? = nil
            if let figuresPath {
                fit = try BaselineFit.rows(population: population, baseline: loaded[0], figuresFile: URL(fileURLWithPath: figuresPath),
                                           baseYear: timing.baseYear, projection: populationProjection)
            }

            // The fund of the contributory scheme in each scenario (from the records' means).
            let funds = try fundAssumptions.map { try FundProjection.fromRecords(records, scenarios: loaded, years: yearList, assumptions: $0) } ?? []

            // A scenario amount indexed differently from the baseline's is compared with the
            // baseline's path: say so beside the figures.
            let notes = loaded.dropFirst().flatMap { $0.indexationNotes(comparedWith: loaded[0]) }
            let manifest = ResultsManifest(
                date: ISO8601DateFormatter().string(from: Date()),
                seed: source.seed,
                population: populationEntry,
                populationProjection: .init(name: "", file: projectionPath, title: populationProjection.title,
                                            sha256: try SHA256Digest.hex(ofFileAt: URL(fileURLWithPath: projectionPath))),
                years: yearList,
                baseline: loaded[0].name,
                scenarios: try zip(files, loaded).map { file, scenario in
                    .init(name: scenario.name, file: file, title: scenario.title, sha256: try SHA256Digest.hex(ofFileAt: URL(fileURLWithPath: file)))
                },
                overrides: overrides,
                reweighting: projector.reweightingReports.map(ResultsManifest.ReweightingFit.init),
                notes: notes.isEmpty ? nil : notes,
                replicates: replicates,
                replicateSeeds: seeds,
                uncertaintySources: Self.uncertaintySources(replicates: replicates, assumptions: uncertain))
            print("spsim compare: \(loaded.count) scenario(s), \(yearList.first ?? 0)–\(yearList.last ?? 0), population \(source.summary)\(replicates > 1 ? ", \(replicates) replicates (figures: means with 90% intervals)" : "")")
            let largestError = projector.reweightingReports.map(\.maximumRelativeError).max() ?? 0
            print("Weights fitted each year to \(projectionPath) (largest relative error of a projected total: \(String(format: "%.1e", largestError))); ages are held fixed (static ageing).")
            print("")
            print(ComparisonTables.console(ComparisonResults(manifest: manifest, records: records)))
            for note in notes { print("Note: \(note)") }
            if let sources = manifest.uncertaintySources {
                print(replicates > 1 ? "The intervals include:" : "Uncertain assumptions at their central values (give --replicates N for intervals that include them):")
                for line in sources { print("  - \(line)") }
            }
            if !tornadoBars.isEmpty { print(TornadoTable.console(tornadoBars), terminator: "") }
            if !funds.isEmpty, let fundPath { print(FundTable.console(funds, assumptionsFile: fundPath, initialReserve: fundAssumptions?.initialReserve ?? 0), terminator: "") }

            // Everything, report included, goes into a temporary folder swapped in whole.
            try ComparisonFiles.write(records: records, fit: fit, manifest: manifest, with: writer) { folder in
                if !tornadoBars.isEmpty { try AtomicFile.write(TornadoRecords.csv(tornadoBars), to: folder.appendingPathComponent(TornadoRecords.fileName)) }
                if !funds.isEmpty { try AtomicFile.write(FundRecords.csv(funds), to: folder.appendingPathComponent(FundRecords.fileName)) }
                if report { try ReportWriter.writeFiles(into: folder) }
            }
            let seconds = Date().timeIntervalSince(started)
            print("Wrote \(outPath)/ (manifest.json, comparison.csv, comparison.json\(fit == nil ? "" : ", fit.csv")\(funds.isEmpty ? "" : ", fund.csv")\(tornadoBars.isEmpty ? "" : ", tornado.csv")\(report ? ", summary.md, report.html, charts/" : "")) in \(NumberText.fixed(seconds, digits: 1)) s.")
        }

        /// The `--set` overrides of each scenario (by short name): `NAME:param=value` goes to
        /// scenario NAME only (the text before the first `=` holds a `:`; parameter names
        /// never do), every other override to all, in the order given.
        /// - Throws: `InputError` naming `--set` for a NAME that is not a compared scenario.
        static func scopedOverrides(_ overrides: [String], scenarios names: [String]) throws -> [String: [String]] {
            var result: [String: [String]] = [:]
            for name in names { result[name] = [] }
            for override in overrides {
                let left = override.prefix { $0 != "=" }
                guard let colon = left.firstIndex(of: ":") else {
                    for name in names { result[name]?.append(override) }
                    continue
                }
                let scenario = String(override[..<colon])
                guard result[scenario] != nil else {
                    let near = SpsimSupport.nearest(to: scenario, among: names).map { "did you mean '\($0)'? " } ?? ""
                    throw InputError(file: "--set", problem: "no compared scenario is named '\(scenario)'", value: override,
                                     fix: "\(near)write NAME:parameter=value with NAME one of \(names.joined(separator: ", ")) (the file names without .yaml), or leave NAME: out to change every scenario")
                }
                result[scenario]?.append(String(override[override.index(after: colon)...]))
            }
            return result
        }

        /// What the intervals include (nil: one replicate and no assumptions, so no intervals).
        static func uncertaintySources(replicates: Int, assumptions: UncertainAssumptions?) -> [String]? {
            var lines: [String] = []
            if replicates > 1 { lines.append("sampling of the population and the random draws (\(replicates) replicates)") }
            for assumption in assumptions?.assumptions ?? [] {
                lines.append(replicates > 1 ? assumption.summary : "\(assumption.summary) [central value only: one replicate]")
            }
            return lines.isEmpty ? nil : lines
        }

        /// `baseline` alone, `baseline-vs-option`, or `baseline-vs-option-and-N-more`.
        static func defaultRunName(_ names: [String]) -> String {
            guard let first = names.first else { return "comparison" }
            switch names.count {
            case 1: return first
            case 2: return "\(first)-vs-\(names[1])"
            default: return "\(first)-vs-\(names[1])-and-\(names.count - 2)-more"
            }
        }
    }
}
