import ArgumentParser
import Foundation
import PolicyRules
import PopulationData
import Projection
import ResultsFormat
import SpsimSupport

extension SPSim {
    /// `spsim fit`: how well the baseline reproduces what is published.
    struct Fit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fit",
            abstract: "Show how well the baseline fits published figures: calibration targets and administrative data.",
            discussion: """
            One table of every calibration target of the population (census, LFS, HIES: \
            Sources/PopulationData/Resources/calibration-pakistan.yaml) and every published figure \
            the model represents (scenarios/validation/published-figures.yaml: EOBI, BISP, HIES), \
            with the model's value, the ratio model ÷ published and whether the model was fitted \
            to it. Figures are computed on the baseline projected to their year, as `compare` \
            does. Writes fit.csv (figure,source,year,published,model,ratio,fitted,unit,note) to --out.
            """
        )

        @Argument(help: "The baseline scenario (default: scenarios/baseline.yaml).")
        var scenario: String = "scenarios/baseline.yaml"

        @OptionGroup var source: PopulationSource

        @Option(help: ArgumentHelp("Published figures to check against.", valueName: "FILE"))
        var figures: String = "scenarios/validation/published-figures.yaml"

        @OptionGroup var timing: ProjectionOptions

        @Option(help: ArgumentHelp("Only the published figures of simulation year Y (fiscal year Y–Y+1); the population's calibration targets are always shown.", valueName: "Y"))
        var year: Int?

        @Option(help: "Folder for fit.csv.")
        var out: String = "results/fit"

        func run() async throws {
            try fit()
        }

        func fit() throws {
            let writer = try ResultsFolderWriter.begin(out)
            defer { writer.finish() }
            let baseline = try ScenarioLoader.load(URL(fileURLWithPath: scenario))
            // A bad figures file or a --year without figures fails before any work.
            let listed = try BaselineFit.loadFigures(URL(fileURLWithPath: figures))
            if let year, !listed.contains(where: { $0.year == year }) {
                throw InputError(file: "--year", problem: "\(figures) has no figure for simulation year \(year)", value: String(year),
                                 fix: "give one of \(Set(listed.map(\.year)).sorted().map(String.init).joined(separator: ", ")) (year Y is fiscal year Y–Y+1), or leave --year out for every figure")
            }
            let population = try source.load()
            let rows = try BaselineFit.rows(population: population, baseline: baseline, figuresFile: URL(fileURLWithPath: figures),
                                            baseYear: timing.baseYear, projection: timing.load(besides: scenario).projection, year: year)
            try writer.replace { temporary in
                try AtomicFile.write(FitRecords.csv(rows), to: temporary.appendingPathComponent(FitRecords.fileName))
            }
            print("How well the baseline fits: \(baseline.name) on \(source.summary)")
            print(BaselineFit.table(rows))
            print(FitRecords.summary(rows))
            print("Wrote \(out)/fit.csv (\(rows.count) rows).")
        }
    }
}
