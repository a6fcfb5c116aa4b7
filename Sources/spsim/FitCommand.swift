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

        @Option(help: ArgumentHelp("Population projection file for reweighting (default: demography/pakistan-projection.yaml beside the scenario).", valueName: "FILE"))
        var projection: String?

        @Option(name: .customLong("base-year"), help: "The year whose prices the population's money columns are at (as in compare; 2023 = FY2023-24, the synthetic population's).")
        var baseYear: Int = 2023

        @Option(help: "Folder for fit.csv.")
        var out: String = "results/fit"

        func validate() throws {
            guard (2000...2100).contains(baseYear) else {
                throw ValidationError("--base-year must be a simulation year from 2000 to 2100; found \(baseYear). Fix: give the year whose prices the population's money columns are at, e.g. --base-year 2023 (the synthetic population: FY2023-24 prices)")
            }
        }

        func run() async throws {
            try fit()
        }

        func fit() throws {
            let writer = try ResultsFolderWriter.begin(out)
            defer { writer.finish() }
            let baseline = try ScenarioLoader.load(URL(fileURLWithPath: scenario))
            let published = try BaselineFit.loadFigures(URL(fileURLWithPath: figures))
            let directory = (scenario as NSString).deletingLastPathComponent
            let projectionPath = projection ?? (directory.isEmpty ? "" : directory + "/") + "demography/pakistan-projection.yaml"
            let populationProjection = try PopulationProjectionLoader.load(URL(fileURLWithPath: projectionPath))
            let calibration = try CalibrationTargets.pakistan()
            let population = try source.load()
            let years = Array(Set(published.map(\.year))).sorted()
            guard let first = years.first, let last = years.last else {
                throw InputError(file: figures, problem: "the file lists no figures", fix: "list figures under 'figures:'")
            }
            let projector = try Projector(population: population, baseYear: baseYear, years: Array(first...last), projection: populationProjection)
            let rows = try BaselineFit.rows(population: population, calibration: calibration, baseline: baseline, figures: published, projector: projector)
            try writer.replace { temporary in
                try AtomicFile.write(BaselineFit.csv(rows), to: temporary.appendingPathComponent("fit.csv"))
            }
            print("How well the baseline fits: \(baseline.name) on \(source.summary)")
            print(BaselineFit.table(rows))
            let fitted = rows.filter(\.fitted), checked = rows.filter { !$0.fitted }
            let worstFitted = fitted.map { abs($0.ratio - 1) }.max() ?? 0
            print("Fitted figures: \(fitted.count), largest gap \(NumberText.percent(worstFitted)); checked only: \(checked.count), \(checked.filter { abs($0.ratio - 1) > 0.15 }.count) off by more than 15% (see the notes in fit.csv).")
            print("Wrote \(out)/fit.csv (\(rows.count) rows).")
        }
    }
}
