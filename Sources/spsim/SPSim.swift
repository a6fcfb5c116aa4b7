import ArgumentParser
import SpsimSupport

/// The `spsim` command: a root with one subcommand per task, each in its own file.
@main
struct SPSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spsim",
        abstract: "Social-protection policy microsimulation: test coverage-extension options before a rupee is spent.",
        discussion: """
        spsim builds a synthetic Pakistan population calibrated to published figures (or reads \
        survey microdata), applies contributory and non-contributory scheme rules and phased \
        coverage-extension scenarios, and projects cost, SDG 1.3.1 coverage, poverty and gender outcomes.
        """,
        version: SpsimVersion.current,
        subcommands: [Population.self, Schemes.self, Run.self, Compare.self, Report.self, Solve.self]
    )
}
