import ArgumentParser

// Placeholder: replaced by the work on this subcommand.
extension SPSim {
    struct Population: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "population",
            abstract: "Build, check and export populations (synthetic or microdata)."
        )
        func run() async throws {
            throw ValidationError("'spsim population' is not available yet in this version.")
        }
    }
}
