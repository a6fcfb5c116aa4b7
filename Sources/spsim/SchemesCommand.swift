import ArgumentParser
import PolicyRules

extension SPSim {
    /// `spsim schemes`: the schemes spsim knows, with their parameters.
    struct Schemes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schemes",
            abstract: "List the schemes spsim can simulate, with their parameters, units, valid values and defaults.",
            discussion: """
            A parameter or scenario file uses a scheme by giving at least one of its parameters; \
            a scheme it does not mention is off. Parameters marked "required" must then be given.
            """
        )

        @Flag(help: "Print one Markdown table (as in docs/scenario-format.md) instead of the listing.")
        var markdown = false

        func run() throws {
            print(markdown ? SchemeRegistry.markdownTable() : SchemeRegistry.listing(), terminator: "")
        }
    }
}
