import ArgumentParser

// Placeholder: replaced by the work on this subcommand.
extension SPSim {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write charts, tables and a self-contained HTML report from a results folder."
        )
        func run() async throws {
            throw ValidationError("'spsim report' is not available yet in this version.")
        }
    }
}
