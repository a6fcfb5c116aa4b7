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

            Example: spsim compare scenarios/baseline.yaml scenarios/kafaalat-expansion.yaml --years 2025-2035
            """
        )

        @Argument(help: ArgumentHelp("The baseline scenario or parameter file (e.g. scenarios/baseline.yaml).", valueName: "BASELINE"))
        var baseline: String

        @Argument(help: ArgumentHelp("Scenario files to compare with the baseline.", valueName: "SCENARIO"))
        var scenarios: [String] = []

        @Option(help: ArgumentHelp("Years to project, FIRST-LAST (simulation year Y is fiscal year Y to Y+1).", valueName: "FIRST-LAST"))
        var years: String = "2025-2035"

        @Option(name: .customLong("base-year"), help: ArgumentHelp("The year whose prices the population's earnings, other income and consumption are at (the wage and price indices are 1 then); 2023 = FY2023-24, the synthetic population's.", valueName: "YEAR"))
        var baseYear: Int = 2023

        @OptionGroup var source: PopulationSource

        @Option(help: ArgumentHelp("Population projection file for reweighting (default: demography/pakistan-projection.yaml beside the baseline).", valueName: "FILE"))
        var projection: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter in every scenario, as name=value (repeatable).", valueName: "NAME=VALUE"))
        var overrides: [String] = []

        @Option(help: ArgumentHelp("Results folder (default: results/<baseline>-vs-<scenario>…).", valueName: "DIR"))
        var out: String?

        @Option(help: ArgumentHelp("Scenarios run at a time (default: the number of cores). Results do not depend on it.", valueName: "N"))
        var threads: Int = ProcessInfo.processInfo.activeProcessorCount

        @Flag(help: "Also write the report (summary.md, charts, report.html) into the results folder.")
        var report = false

        func validate() throws {
            _ = try Self.parseYears(years)
            if threads < 1 { throw ValidationError("--threads must be at least 1; found \(threads). Fix: give a positive number, e.g. --threads 2") }
            guard (2000...2100).contains(baseYear) else {
                throw ValidationError("--base-year must be a simulation year from 2000 to 2100; found \(baseYear). Fix: give the year whose prices the population's money columns are at, e.g. --base-year 2023 (the synthetic population: FY2023-24 prices)")
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
            // Load and validate every scenario before any work; report all problems together.
            var loaded: [Scenario] = []
            var problems: [InputError] = []
            for file in files {
                do { loaded.append(try ScenarioLoader.load(URL(fileURLWithPath: file), overrides: overrides)) }
                catch let errors as InputErrors { problems += errors.errors }
                catch let error as InputError { problems.append(error) }
            }
            // The same --set problem is found in every scenario: report it once.
            var seen: Set<String> = []
            problems = problems.filter { seen.insert($0.description).inserted }
            if !problems.isEmpty { throw InputErrors(problems) }

            // Lock the results folder before the long computation, so a second run writing the
            // same --out is refused at once (and stale temporary folders of killed runs are removed).
            let outPath = out ?? "results/\(Self.defaultRunName(loaded.map(\.name)))"
            let writer = try ResultsFolderWriter.begin(outPath)
            defer { writer.finish() }

            let baselineDirectory = (baseline as NSString).deletingLastPathComponent
            let projectionPath = projection ?? (baselineDirectory.isEmpty ? "" : baselineDirectory + "/") + "demography/pakistan-projection.yaml"
            guard FileManager.default.fileExists(atPath: projectionPath) else {
                throw InputError(file: projectionPath, problem: "the population projection file does not exist", fix: "give one with --projection FILE (the shipped one is scenarios/demography/pakistan-projection.yaml)")
            }
            let populationProjection = try PopulationProjectionLoader.load(URL(fileURLWithPath: projectionPath))

            let population = try source.load(showProgress: true)
            let populationEntry: ResultsManifest.PopulationSource
            if let file = source.populationFile {
                populationEntry = .init(kind: "file", path: file, sha256: try SHA256Digest.hex(ofFileAt: URL(fileURLWithPath: file)))
            } else {
                populationEntry = .init(kind: "generated", households: source.households, seed: source.seed)
            }
            let projector = try Projector(population: population, baseYear: baseYear, years: yearList, projection: populationProjection)
            let progressLine = ProgressLine("Projecting", total: loaded.count * yearList.count)
            let counter = ProgressCounter()
            let comparison = try Comparison.run(loaded, projector: projector, threads: threads) {
                progressLine.update(counter.increment())
            }
            progressLine.finish()

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
                reweighting: projector.reweightingReports.map(ResultsManifest.ReweightingFit.init))
            print("spsim compare: \(loaded.count) scenario(s), \(yearList.first ?? 0)–\(yearList.last ?? 0), population \(source.summary)")
            let largestError = projector.reweightingReports.map(\.maximumRelativeError).max() ?? 0
            print("Weights fitted each year to \(projectionPath) (largest relative error of a projected total: \(String(format: "%.1e", largestError))); ages are held fixed (static ageing).")
            print("")
            print(ComparisonTables.console(ComparisonResults(manifest: manifest, records: comparison.records)))

            // Everything, report included, goes into a temporary folder swapped in whole.
            try ComparisonFiles.write(records: comparison.records, manifest: manifest, with: writer) { folder in
                if report { try ReportWriter.writeFiles(into: folder) }
            }
            let seconds = Date().timeIntervalSince(started)
            print("Wrote \(outPath)/ (manifest.json, comparison.csv, comparison.json\(report ? ", summary.md, report.html, charts/" : "")) in \(NumberText.fixed(seconds, digits: 1)) s.")
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
