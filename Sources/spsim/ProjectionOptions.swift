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
    @Option(name: .customLong("base-year"), help: ArgumentHelp("The year the population's earnings and weights describe (the wage index is 1 then).", valueName: "YEAR"))
    var baseYear: Int = 2025

    @Option(help: ArgumentHelp("Population projection file for reweighting (default: demography/pakistan-projection.yaml beside the baseline).", valueName: "FILE"))
    var projection: String?

    func validate() throws {
        guard (2000...2100).contains(baseYear) else {
            throw ValidationError("--base-year must be a simulation year from 2000 to 2100; found \(baseYear). Fix: give the year the population's earnings describe, e.g. --base-year 2025")
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

    /// The years a single-year figure for `year` is projected over, as `compare` would:
    /// from the base year to `year` (so contributory years accrue as in `compare
    /// --years BASE-YEAR`), or `year` alone when it is before the base year.
    func yearsLeading(to year: Int) -> [Int] {
        year <= baseYear ? [year] : Array(baseYear...year)
    }

    /// How a single-year command (`run`, `solve`) computes `year`: projected as `compare`
    /// does when a projection file is found (`--projection`, or beside the scenario); the
    /// population as given when there is none and `year` is the base year. Any other year
    /// without a projection is refused: the population's weights and earnings describe
    /// the base year only.
    func singleYear(_ population: PopulationData.Population, year: Int, besides scenario: String) throws -> SingleYear {
        let file = path(besides: scenario)
        if projection == nil && !FileManager.default.fileExists(atPath: file) {
            guard year == baseYear else {
                throw InputError(file: scenario, problem: "the population describes \(baseYear) (--base-year) and no population projection was found to move it to \(year) (looked for \(file))",
                                 value: String(year), fix: "give --projection FILE (e.g. scenarios/demography/pakistan-projection.yaml), or run --year \(baseYear), or set --base-year to the year the population describes")
            }
            return try SingleYear(population: population, year: year, projector: nil)
        }
        let projector = try Projector(population: population, baseYear: baseYear, years: yearsLeading(to: year), projection: load(besides: scenario).projection)
        return try SingleYear(population: population, year: year, projector: projector)
    }
}
