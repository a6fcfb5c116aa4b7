import ArgumentParser
import Foundation
import PopulationData

// Minimal stand-in, replaced by the population branch's version on merge.
/// Where a command's population comes from: a microdata CSV, or a generated synthetic one.
struct PopulationSource: ParsableArguments {
    @Option(name: .long, help: "Person-level microdata CSV (the R1 input format).")
    var population: String?

    @Option(name: .long, help: "Households of a generated synthetic population.")
    var households: Int = 20_000

    @Option(name: .long, help: "Random seed of the generated population and its stored draws.")
    var seed: UInt64 = 1

    /// Loads or generates the population, with a one-line description for outputs.
    func load() throws -> (population: Population, description: String) {
        if let population {
            let url = URL(fileURLWithPath: population)
            return (try PopulationCSV.read(url, seed: seed), "file \(population) (draws from seed \(seed))")
        }
        throw ValidationError("synthetic populations are not available in this build yet; give --population FILE.csv")
    }
}
