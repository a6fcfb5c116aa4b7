import ArgumentParser
import Foundation
import PopulationData
import Projection
import SpsimSupport

/// How a command places the population in time: the year its earnings and weights
/// describe (`--base-year`) and the population projection its weights are fitted to each
/// year (`--projection`). Shared by `compare`, `run`, `solve` and `fit`, so a figure for a
/// year is computed the same way by every command.
struct ProjectionOptions: ParsableArguments {
    @Option(name: .customLong("base-year"), help: ArgumentHelp("The year whose prices the population's money columns are at and whose weights it has: earnings are uprated by nominal wages, other income and consumption by the CPI (default: 2023 = FY2023-24, the synthetic population's; for an imported file in run and solve, --year: taken as given).", valueName: "YEAR"))
    var explicitBaseYear: Int?

    /// The base year of compare and fit: `--base-year`, else 2023 (the synthetic population's FY2023-24).
    var baseYear: Int { explicitBaseYear ?? 2023 }

    /// The base year of a single-year command: `--base-year`, else the year itself for an
    /// imported file (microdata of the year, taken as given), else 2023.
    func baseYear(for year: Int, imported: Bool) -> Int { explicitBaseYear ?? (imported ? year : 2023) }

    @Option(help: ArgumentHelp("Population projection file for reweighting (default: demography/pakistan-projection.yaml beside the baseline).", valueName: "FILE"))
    var projection: String?

    func validate() throws {
        if let explicitBaseYear, !(2000...2100).contains(explicitBaseYear) {
            throw ValidationError("--base-year must be a simulation year from 2000 to 2100; found \(explicitBaseYear). Fix: give the year whose prices the population's money columns are at, e.g. --base-year 2023 (the synthetic population: FY2023-24 prices)")
        }
    }

    /// The projection file: `--projection`, or `demography/pakistan-projection.yaml` in the
    /// folder of `scenario` (the baseline).
    func path(besides scenario: String) -> String {
        if let projection { return projection }
        let directory = (scenario as NSString).deletingLastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + "demography/pakistan-projection.yaml"
    }

    /// Loads the projection file found by `path(besides:)`.
    func load(besides scenario: String) throws -> (projection: PopulationProjection, path: String) {
        let file = path(besides: scenario)
        guard FileManager.default.fileExists(atPath: file) else {
            throw InputError(file: file, problem: "the population projection file does not exist", fix: "give one with --projection FILE (the shipped one is scenarios/demography/pakistan-projection.yaml)")
        }
        return (try PopulationProjectionLoader.load(URL(fileURLWithPath: file)), file)
    }

    /// How a single-year command (`run`, `solve`) computes `year`: projected exactly as
    /// `compare` projects that year (the projector carries the population from the base
    /// year, so the figure does not depend on the horizon) when a projection file is found
    /// (`--projection`, or beside the scenario); the population as given when there is
    /// none and `year` is the base year. Any other year without a projection is refused:
    /// the population's weights and prices describe the base year only. Checked before
    /// the population is built.
    struct SingleYearPlan {
        let year: Int
        let baseYear: Int
        /// nil: the population as given.
        let projection: PopulationProjection?

        func make(_ population: PopulationData.Population) throws -> SingleYear {
            guard let projection else { return try SingleYear(population: population, year: year, projector: nil) }
            return try SingleYear(population: population, year: year,
                                  projector: Projector(population: population, baseYear: baseYear, years: [year], projection: projection))
        }
    }

    func singleYear(_ year: Int, besides scenario: String, imported: Bool) throws -> SingleYearPlan {
        let baseYear = self.baseYear(for: year, imported: imported)
        let file = path(besides: scenario)
        if projection == nil && !FileManager.default.fileExists(atPath: file) {
            guard year == baseYear else {
                throw InputError(file: scenario, problem: "the population describes \(baseYear) (--base-year) and no population projection was found to move it to \(year) (looked for \(file))",
                                 value: String(year), fix: "give --projection FILE (e.g. scenarios/demography/pakistan-projection.yaml), or run --year \(baseYear), or set --base-year to the year the population describes")
            }
            return SingleYearPlan(year: year, baseYear: baseYear, projection: nil)
        }
        return SingleYearPlan(year: year, baseYear: baseYear, projection: try load(besides: scenario).projection)
    }
}
