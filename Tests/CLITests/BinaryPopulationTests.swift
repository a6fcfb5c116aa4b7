import Foundation
import Testing

@Suite("Binary population files from the command line")
struct BinaryPopulationTests {
    typealias CLI = SPSimProcess

    @Test("convert CSV → .spop: run R1 on either file writes the same indicators; .spop → CSV gives the CSV back",
          .enabled(if: SPSimProcess.hasConformanceData, "../shared/conformance is not beside the repository"))
    func convertAndRun() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = "../shared/conformance/r1-population-small.csv"
        let spop = folder.appendingPathComponent("r1.spop")
        let convert = try CLI.run(["population", "convert", csv, spop.path, "--seed", "3"])
        #expect(convert.status == 0, "\(convert)")
        #expect(convert.outputLines.last?.hasPrefix("converted \(csv) → \(spop.path): ") == true, "\(convert)")
        #expect(convert.outputLines.last?.contains("draws from seed 3") == true, "\(convert)")

        let fromCSV = try CLI.run(["run", "scenarios/conformance/r1.yaml", "--population", csv, "--seed", "3", "--out", folder.appendingPathComponent("a").path])
        // No --seed: the .spop's own (3).
        let fromBinary = try CLI.run(["run", "scenarios/conformance/r1.yaml", "--population", spop.path, "--out", folder.appendingPathComponent("b").path])
        #expect(fromCSV.status == 0 && fromBinary.status == 0, "\(fromCSV)\n\(fromBinary)")
        let a = try Data(contentsOf: folder.appendingPathComponent("a/indicators.csv"))
        let b = try Data(contentsOf: folder.appendingPathComponent("b/indicators.csv"))
        #expect(a == b)

        // Back to CSV: the same rows as a CSV written from the CSV itself.
        let back = folder.appendingPathComponent("back.csv")
        let reverse = try CLI.run(["population", "convert", spop.path, back.path])
        #expect(reverse.status == 0, "\(reverse)")
        let again = folder.appendingPathComponent("again.spop")
        #expect(try CLI.run(["population", "convert", back.path, again.path, "--seed", "3"]).status == 0)
        let fromBack = try CLI.run(["run", "scenarios/conformance/r1.yaml", "--population", again.path, "--out", folder.appendingPathComponent("c").path])
        #expect(fromBack.status == 0, "\(fromBack)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("c/indicators.csv")) == a)
    }

    @Test("generate --out FILE.spop writes a binary population that compare reads")
    func generateBinary() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spop = folder.appendingPathComponent("p.spop"), csv = folder.appendingPathComponent("p.csv")
        #expect(try CLI.run(["population", "generate", "--households", "400", "--seed", "9", "--out", spop.path]).status == 0)
        #expect(try CLI.run(["population", "generate", "--households", "400", "--seed", "9", "--out", csv.path]).status == 0)
        let head = try FileHandle(forReadingFrom: spop).read(upToCount: 8) ?? Data()
        #expect(String(decoding: head, as: UTF8.self) == "SPSIMPOP")
        let validateBinary = try CLI.run(["population", "validate", "--population", spop.path])
        let validateCSV = try CLI.run(["population", "validate", "--population", csv.path, "--seed", "9"])
        #expect(validateBinary.status == 0, "\(validateBinary)")
        // The same weighted figures (the table after the first line, which names the file).
        #expect(Array(validateBinary.outputLines.dropFirst()) == Array(validateCSV.outputLines.dropFirst()))
        #expect(validateBinary.outputLines.first == "population: microdata \(spop.path) (seed 9)")

        let compare = try CLI.run(["compare", "scenarios/baseline.yaml", "--years", "2025-2025", "--population", spop.path, "--out", folder.appendingPathComponent("out").path])
        #expect(compare.status == 0, "\(compare)")
    }

    @Test("a damaged or foreign .spop gets a clear error, exit 1 and no results folder")
    func badFiles() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spop = folder.appendingPathComponent("p.spop")
        #expect(try CLI.run(["population", "generate", "--households", "200", "--out", spop.path]).status == 0)
        var data = try Data(contentsOf: spop)
        data = data.prefix(data.count / 2)
        try data.write(to: spop)
        let out = folder.appendingPathComponent("out")
        let truncated = try CLI.run(["run", "scenarios/baseline.yaml", "--population", spop.path, "--out", out.path])
        #expect(truncated.status == 1, "\(truncated)")
        #expect(truncated.standardError.contains("\(spop.path): the file is truncated"), "\(truncated)")
        #expect(truncated.standardError.contains("Fix: "), "\(truncated)")
        #expect(!FileManager.default.fileExists(atPath: out.path))

        let foreign = folder.appendingPathComponent("notes.spop")
        try Data("just text\n".utf8).write(to: foreign)
        let refused = try CLI.run(["population", "validate", "--population", foreign.path])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.standardError.contains("not an spsim binary population file"), "\(refused)")
    }
}
