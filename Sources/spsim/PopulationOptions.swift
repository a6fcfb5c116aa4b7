import ArgumentParser
import Foundation
import PopulationData
import SpsimSupport

// Stand-in with the population branch's interface, replaced by its version on merge.
/// Where a command's population comes from: a synthetic population (`--households`,
/// `--seed`) or a person-level CSV (`--population FILE`, read with `--seed` for its
/// stored draws). Shared by `population`, `run` and `compare`.
struct PopulationSource: ParsableArguments {
    @Option(help: "Number of households of the synthetic population.")
    var households: Int = 100_000

    @Option(help: "Seed that fixes every random draw (same seed, same population and results).")
    var seed: UInt64 = 20_250_701

    @Option(name: .customLong("population"), help: ArgumentHelp("Person-level CSV microdata to use instead of a synthetic population.", valueName: "file"))
    var populationFile: String?

    /// A short description for headers and manifests.
    var summary: String {
        if let populationFile { return "microdata \(populationFile) (seed \(seed))" }
        return "synthetic, \(households) households, seed \(seed)"
    }

    func load(showProgress: Bool = true) throws -> PopulationData.Population {
        if let populationFile {
            return try PopulationCSV.read(URL(fileURLWithPath: populationFile), seed: seed, showProgress: showProgress)
        }
        throw ValidationError("synthetic populations are not available in this build yet; give --population FILE.csv")
    }
}
