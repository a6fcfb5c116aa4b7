import ArgumentParser

// Placeholder: replaced by the work on this subcommand.
extension SPSim {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run one scenario for one year and print its indicators."
        )
        func run() async throws {
            throw ValidationError("'spsim run' is not available yet in this version.")
        }
    }
}
