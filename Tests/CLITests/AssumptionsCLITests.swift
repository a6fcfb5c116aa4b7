import Foundation
import Testing

@Suite("compare --assumptions and --tornado from the command line")
struct AssumptionsCLITests {
    typealias CLI = SPSimProcess
    static let assumptions = "scenarios/assumptions/uncertain-assumptions.yaml"

    func compare(_ out: URL, threads: Int, extra: [String] = []) throws -> SPSimProcess.Outcome {
        try CLI.run(["compare", "scenarios/baseline.yaml", "scenarios/kafaalat-expansion.yaml", "--years", "2025-2026", "--households", "600",
                     "--replicates", "3", "--assumptions", Self.assumptions, "--tornado", "--threads", String(threads), "--out", out.path] + extra)
    }

    @Test("replicates draw the assumptions: manifest lists the sources, tornado.csv has a bar per assumption, scenario and indicator; same files for 1 and 2 threads")
    func assumptionsAndTornado() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
        let first = try compare(one, threads: 1)
        #expect(first.status == 0, "\(first)")
        #expect(first.outputLines.contains("The intervals include:"), "\(first)")
        #expect(first.outputLines.contains { $0.hasPrefix("  - economy.cpi_inflation (/year) from 2026-07-01: triangular (low 0.05, mode 0.065, high 0.1); source: assumption") })
        #expect(first.outputLines.contains { $0.hasPrefix("What drives the results in 2026") })
        #expect(first.outputLines.last?.contains("tornado.csv") == true)
        let second = try compare(two, threads: 2)
        #expect(second.status == 0, "\(second)")
        for file in ["comparison.csv", "tornado.csv"] {
            #expect(try Data(contentsOf: one.appendingPathComponent(file)) == Data(contentsOf: two.appendingPathComponent(file)), "\(file) differs between 1 and 2 threads")
        }

        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("manifest.json"))) as? [String: Any])
        let sources = try #require(manifest["uncertainty_sources"] as? [String])
        #expect(sources.count == 5)
        #expect(sources.first == "sampling of the population and the random draws (3 replicates)")

        let rows = SPSimProcess.Outcome.lines(try String(contentsOf: one.appendingPathComponent("tornado.csv"), encoding: .utf8))
        #expect(rows.first == "scenario,year,indicator,parameter,unit,low_input,high_input,central,at_low,at_high,swing")
        #expect(rows.count == 1 + 2 * 2 * 4)
        // Kafaalat's cost rises with its take-up: at the high bound above the low bound.
        let takeUp = try #require(rows.first { $0.hasPrefix("baseline,2026,government_cost_pct_gdp,household_transfer.take_up,") })
        let fields = takeUp.split(separator: ",").map(String.init)
        let atLow = try #require(Double(fields[8])), atHigh = try #require(Double(fields[9]))
        #expect(atLow < atHigh, "\(takeUp)")
    }

    @Test("a bad assumptions file is refused before any work with file, line and key; --tornado needs --assumptions")
    func badAssumptions() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.yaml")
        let text = try String(contentsOfFile: SPSimProcess.packageRoot.appendingPathComponent(Self.assumptions).path, encoding: .utf8)
            .replacingOccurrences(of: "    unit: /1\n", with: "    unit: percent\n")
        try text.write(to: bad, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let refused = try CLI.run(["compare", "scenarios/baseline.yaml", "--years", "2025", "--households", "100", "--assumptions", bad.path, "--out", out.path])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.standardError.contains("\(bad.path):"), "\(refused)")
        #expect(refused.standardError.contains("household_transfer.take_up.unit]: the unit does not match the parameter's unit '/1'; found 'percent'"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let tornadoAlone = try CLI.run(["compare", "scenarios/baseline.yaml", "--years", "2025", "--households", "100", "--tornado", "--out", out.path])
        #expect(tornadoAlone.status == 2, "\(tornadoAlone)")
        #expect(tornadoAlone.standardError.contains("--tornado needs --assumptions FILE"), "\(tornadoAlone)")
    }
}
