// TEMPORARY until the population and reports branches are merged: replaced by
// PopulationOptions.swift (population) and the report writer (reports).
import ArgumentParser
import Foundation
import PopulationData
import Projection

struct PopulationSource: ParsableArguments {
    @Option(help: "Households to generate.") var households: Int = 100_000
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Population CSV.") var population: String?

    struct Loaded {
        var population: PopulationData.Population
        var seed: UInt64
        var description: String
        var manifestEntry: ResultsManifest.PopulationSource
    }

    func load() throws -> Loaded {
        throw ValidationError("populations are not available in this build yet")
    }
}

extension SPSim.Report {
    static func write(resultsDirectory: URL) async throws {
        throw ValidationError("reports are not available in this build yet")
    }
}
