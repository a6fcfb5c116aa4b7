import ArgumentParser

// Placeholder: replaced by the work on this subcommand.
extension SPSim {
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "compare",
            abstract: "Project a baseline and scenarios over years and compare them side by side."
        )
        func run() async throws {
            throw ValidationError("'spsim compare' is not available yet in this version.")
        }
    }
}
