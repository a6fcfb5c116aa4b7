import ArgumentParser
import Foundation
import SpsimSupport

/// The `spsim` command: a root with one subcommand per task, each in its own file.
struct SPSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spsim",
        abstract: "Social-protection policy microsimulation: test coverage-extension options before a rupee is spent.",
        discussion: """
        spsim builds a synthetic Pakistan population calibrated to published figures (or reads \
        survey microdata), applies contributory and non-contributory scheme rules and phased \
        coverage-extension scenarios, and projects cost, SDG 1.3.1 coverage, poverty and gender outcomes.

        Exit status: 0 success; 1 bad input (a file or value given to the command: a missing \
        or malformed file, a scenario problem, a --set override); 2 bad usage (an unknown \
        option, a missing argument, an option value that does not parse or is out of range).
        """,
        version: SpsimVersion.current,
        subcommands: [Population.self, Schemes.self, Run.self, Compare.self, Report.self, Fit.self, Solve.self, Demography.self]
    )
}

// Every exit status is decided in one place (`CommandLineExit`), not by ArgumentParser's
// own codes (64 for usage errors) nor by each command.
exit(await CommandLineExit.run(SPSim.self, arguments: Array(CommandLine.arguments.dropFirst())))
