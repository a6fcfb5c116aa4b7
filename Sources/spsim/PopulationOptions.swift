import ArgumentParser
import Foundation
import PopulationData
import SpsimSupport

/// Where a command's population comes from: a synthetic population (`--households`,
/// `--seed`) or a population file (`--population FILE`): a person-level CSV, read with
/// `--seed` for its stored draws, or a binary `.spop` file (which carries its draws; another
/// `--seed` draws them again). Shared by `population`, `run`, `compare` and `solve`.
struct PopulationSource: ParsableArguments {
    @Option(help: "Number of households of the synthetic population.")
    var households: Int = 100_000

    @Option(name: .customLong("seed"), help: ArgumentHelp("Seed that fixes every random draw (same seed, same population and results). Default 20250701; for a .spop file, the seed it was written with (its stored draws).", valueName: "seed"))
    var seedOption: UInt64?

    /// The seed in effect: the one given, else a `.spop` file's own, else 20250701.
    var seed: UInt64 {
        if let seedOption { return seedOption }
        if let populationFile, PopulationBinary.isBinary(URL(fileURLWithPath: populationFile)),
           let header = try? PopulationBinary.header(of: URL(fileURLWithPath: populationFile)) {
            return header.seed
        }
        return 20_250_701
    }

    @Option(name: .customLong("population"), help: ArgumentHelp("Population file to use instead of a synthetic population: person-level CSV microdata or a binary .spop file (formats: docs/population.md).", valueName: "file"))
    var populationFile: String?

    func validate() throws {
        guard households >= 1 && households <= 50_000_000 else {
            throw ValidationError("--households must be from 1 to 50,000,000 (got \(households)).")
        }
    }

    /// A short description for headers and manifests.
    var summary: String {
        if let populationFile { return "microdata \(populationFile) (seed \(seed))" }
        return "synthetic, \(households) households, seed \(seed)"
    }

    /// Builds or reads the population (progress on standard error for large inputs).
    func load(showProgress: Bool = true) throws -> PopulationData.Population {
        try load(seed: seed, showProgress: showProgress)
    }

    /// The same with another seed (a replicate's): a synthetic population generated from
    /// it, or the same microdata households with their stored draws from it.
    func load(seed: UInt64, showProgress: Bool) throws -> PopulationData.Population {
        if let populationFile {
            return try PopulationFile.read(URL(fileURLWithPath: populationFile), seed: seed, showProgress: showProgress)
        }
        return try SyntheticPopulation.generate(households: households, seed: seed, calibration: CalibrationTargets.pakistan(), showProgress: showProgress)
    }
}
