import ArgumentParser
import Foundation
import Reports
import SpsimSupport

extension SPSim {
    /// `spsim report RESULTS_DIR`: turns the folder `spsim compare` wrote into charts,
    /// a Markdown summary and a self-contained HTML report, written into the same folder.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write charts, tables and a self-contained HTML report from a results folder.",
            discussion: """
            Reads RESULTS_DIR/manifest.json, comparison.csv and comparison.json (written by \
            `spsim compare`), checks them against each other (record counts, SHA-256, years, \
            values) and adds summary.md (comparison tables), charts/*.svg (one chart per file, \
            for slides) and report.html (one self-contained file with every chart and table; \
            opens offline in any browser). The folder is replaced as a whole: a copy gets the \
            new files and is swapped in, under the folder's lock.
            """
        )

        @Argument(help: ArgumentHelp("The results folder written by `spsim compare` (holds manifest.json and comparison.csv).", valueName: "RESULTS_DIR"))
        var resultsDirectory: String

        func run() async throws {
            let directory = URL(fileURLWithPath: resultsDirectory)
            let written = try Self.writeFiles(resultsDirectory: directory)
            let base = directory.standardizedFileURL.path
            print("Wrote \(written.count) files into \(resultsDirectory):")
            for url in written {
                var path = url.standardizedFileURL.path
                if path.hasPrefix(base + "/") { path = String(path.dropFirst(base.count + 1)) }
                print("  \(path)")
            }
        }

        /// `ReportWriter.write`. Its input errors are thrown as they are: `CommandLineExit`
        /// prints their one-line description (file, line, problem, fix) and exits with status 1.
        static func writeFiles(resultsDirectory: URL) throws -> [URL] {
            try ReportWriter.write(resultsDirectory: resultsDirectory)
        }
    }
}
