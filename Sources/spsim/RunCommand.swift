import ArgumentParser
import Foundation
import Indicators
import PolicyRules
import PopulationData
import Projection
import ResultsFormat
import SpsimSupport

extension SPSim {
    /// `spsim run SCENARIO`: one scenario, one year, one population → indicators.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run one scenario for one year and print its indicators.",
            discussion: """
            Loads and validates the scenario (and its baseline chain) whole, applies the rules \
            to every household, and writes indicators.json and indicators.csv to the output \
            folder (atomically), then prints a table. Nothing runs if the scenario has a problem.

            The year is computed as `compare` computes it: the population is projected from \
            --base-year to --year (weights fitted to the population projection each year, \
            earnings on the wage index, contributory years accrued), so `run --year Y` gives \
            `compare --years BASE-Y`'s figures for Y. Without a projection file (none beside \
            the scenario and no --projection, as for the conformance cases) the population \
            is used as given, for its base year only.

            Examples:
              spsim run scenarios/baseline.yaml
              spsim run scenarios/conformance/r1.yaml --population ../shared/conformance/r1-population-small.csv
              spsim run scenarios/baseline.yaml --set household_transfer.amount=5000 --out results/kafaalat-5000
            """
        )

        @Argument(help: "Scenario or parameter file (YAML).")
        var scenario: String

        @OptionGroup var source: PopulationSource

        @OptionGroup var timing: ProjectionOptions

        @Option(name: .long, help: "Simulation year Y: values in effect on 1 July Y.")
        var year: Int = 2025

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter: name=value (repeatable), e.g. minimum_wage.amount=40000 or phases.NAME.FIELD=value.", valueName: "name=value"))
        var overrides: [String] = []

        @Option(name: .long, help: "Folder for indicators.json and indicators.csv.")
        var out: String = "results/run"

        func validate() throws {
            guard (1900...2200).contains(year) else {
                throw ValidationError("--year \(year) is not a simulation year; give a year such as 2025")
            }
        }

        func run() async throws {
            do {
                try runScenario()
            } catch let error as InputError {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }

        func runScenario() throws {
            // The output folder is checked and locked first: a bad --out is refused before any work.
            let writer = try ResultsFolderWriter.begin(out)
            defer { writer.finish() }
            let url = URL(fileURLWithPath: scenario)
            let loaded: Scenario
            do {
                loaded = try ScenarioLoader.load(url, overrides: overrides)
                _ = try loaded.policy(year: year)   // the year's parameters checked before any work
            } catch let errors as InputErrors {
                throw CommandFailure("\(scenario) was not run: \(errors)")
            } catch let error as InputError {
                throw CommandFailure("\(scenario) was not run:\n  \(error)")
            }
            let plan = try timing.singleYear(year, besides: scenario, imported: source.populationFile != nil)
            let population = try source.load()
            let description = source.summary
            let indicators = try plan.make(population).indicators(loaded)
            let runDescription = RunDescription(scenario: loaded.name, title: loaded.title, scenarioFile: scenario, year: year,
                                                population: description, overrides: overrides)
            let folder = URL(fileURLWithPath: out)
            // The folder is replaced as a whole (temporary sibling, then swapped in).
            try writer.replace { temporary in
                try AtomicFile.write(indicators.json(runDescription), to: temporary.appendingPathComponent("indicators.json"))
                try AtomicFile.write(indicators.csv(), to: temporary.appendingPathComponent("indicators.csv"))
            }
            print(indicators.table(runDescription))
            print("Wrote \(folder.appendingPathComponent("indicators.json").path) and indicators.csv (\(indicators.records.count) records).")
        }
    }
}
