import Foundation
import Testing
import SpsimSupport
@testable import PopulationData
#if canImport(Glibc)
import Glibc
#endif

/// Each malformed file must fail the whole import with an `InputError` that names the
/// file, the line, the column (when there is one) and the offending value.
@Suite("Malformed CSV files are refused with a located error")
struct MalformedCSVTests {
    static let good1 = "1,1,100.5,40,M,PB,0,employee,industry,1,30000,5,20.5,0"
    static let good2 = "1,2,100.5,38,F,PB,0,inactive,,0,0,0,20.5,0"
    static let good3 = "2,3,80,70,F,SD,1,inactive,,0,0,0,60,1"

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var lines: [String]
        var line: Int?
        var column: String?
        var value: String?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing column", lines: [validHeader.replacingOccurrences(of: ",pmt_score", with: ""), "1,1,100.5,40,M,PB,0,employee,industry,1,30000,5,0"],
             line: 1, column: "pmt_score", value: nil),
        Case(name: "unknown sex", lines: [validHeader, good1, "1,2,100.5,38,X,PB,0,inactive,,0,0,0,20.5,0"], line: 3, column: "sex", value: "X"),
        Case(name: "unknown province", lines: [validHeader, good1, "1,2,100.5,38,F,Punjab,0,inactive,,0,0,0,20.5,0"], line: 3, column: "province", value: "Punjab"),
        Case(name: "unknown labour status", lines: [validHeader, "1,1,100.5,40,M,PB,0,worker,industry,1,30000,5,20.5,0"], line: 2, column: "labour_status", value: "worker"),
        Case(name: "unknown sector", lines: [validHeader, "1,1,100.5,40,M,PB,0,employee,mining,1,30000,5,20.5,0"], line: 2, column: "sector", value: "mining"),
        Case(name: "bad flag", lines: [validHeader, good1, "1,2,100.5,38,F,PB,yes,inactive,,0,0,0,20.5,0"], line: 3, column: "urban", value: "yes"),
        Case(name: "non-numeric age", lines: [validHeader, good1, good2, "2,3,80,seventy,F,SD,1,inactive,,0,0,0,60,1"], line: 4, column: "age", value: "seventy"),
        Case(name: "age out of range", lines: [validHeader, good1, "1,2,100.5,138,F,PB,0,inactive,,0,0,0,20.5,0"], line: 3, column: "age", value: "138"),
        Case(name: "negative earnings", lines: [validHeader, "1,1,100.5,40,M,PB,0,employee,industry,1,-5,5,20.5,0"], line: 2, column: "monthly_earnings", value: "-5"),
        Case(name: "non-numeric earnings", lines: [validHeader, "1,1,100.5,40,M,PB,0,employee,industry,1,30 000,5,20.5,0"], line: 2, column: "monthly_earnings", value: "30 000"),
        Case(name: "pmt out of range", lines: [validHeader, "1,1,100.5,40,M,PB,0,employee,industry,1,30000,5,101,0"], line: 2, column: "pmt_score", value: "101"),
        Case(name: "zero weight", lines: [validHeader, good1, good2, "2,3,0,70,F,SD,1,inactive,,0,0,0,60,1"], line: 4, column: "weight", value: "0"),
        Case(name: "negative weight", lines: [validHeader, "1,1,-100.5,40,M,PB,0,employee,industry,1,30000,5,20.5,0"], line: 2, column: "weight", value: "-100.5"),
        Case(name: "weight differs within a household", lines: [validHeader, good3, good1, "1,2,100.25,38,F,PB,0,inactive,,0,0,0,20.5,0"], line: 4, column: "weight", value: "100.25"),
        Case(name: "pmt differs within a household (rows not adjacent)", lines: [validHeader, good1, good3, "1,2,100.5,38,F,PB,0,inactive,,0,0,0,21,0"], line: 4, column: "pmt_score", value: "21"),
        Case(name: "duplicate person_id", lines: [validHeader, good1, good3, "1,3,100.5,38,F,PB,0,inactive,,0,0,0,20.5,0"], line: 4, column: "person_id", value: "3"),
        Case(name: "zero household_id", lines: [validHeader, "0,1,100.5,40,M,PB,0,employee,industry,1,30000,5,20.5,0"], line: 2, column: "household_id", value: "0"),
        Case(name: "truncated last line", lines: [validHeader, good1, good2, "2,3,80,70,F,S"], line: 4, column: nil, value: "2,3,80,70,F,S"),
        Case(name: "too many fields", lines: [validHeader, good1, good1 + ",extra"], line: 3, column: nil, value: good1 + ",extra"),
        Case(name: "sector for an inactive person", lines: [validHeader, "1,1,100.5,40,M,PB,0,inactive,services,0,0,0,20.5,0"], line: 2, column: "sector", value: "services"),
        Case(name: "formal without a job", lines: [validHeader, "1,1,100.5,40,M,PB,0,unemployed,,1,0,0,20.5,0"], line: 2, column: "formal", value: "1"),
    ]

    @Test("each malformed file fails with file, line, column and value", arguments: cases)
    func malformed(_ testCase: Case) throws {
        let text = testCase.name == "truncated last line"
            ? testCase.lines.joined(separator: "\n")
            : testCase.lines.joined(separator: "\n") + "\n"
        let url = try csvFile(text)
        let error = try #require(throws: InputError.self) { try PopulationCSV.read(url) }
        #expect(error.file == url.path)
        #expect(error.line == testCase.line)
        #expect(error.column == testCase.column)
        if let value = testCase.value { #expect(error.value == value) }
        #expect(!error.fix.isEmpty)
    }

    @Test("an empty file and a header-only file are refused")
    func empty() throws {
        let emptyURL = try csvFile("")
        let emptyError = try #require(throws: InputError.self) { try PopulationCSV.read(emptyURL) }
        #expect(emptyError.file == emptyURL.path)
        #expect(emptyError.problem.contains("empty"))
        let headerOnly = try csvFile(validHeader + "\n")
        let headerError = try #require(throws: InputError.self) { try PopulationCSV.read(headerOnly) }
        #expect(headerError.line == 2)
    }

    @Test("invalid UTF-8 is refused, naming the field")
    func invalidUTF8() throws {
        var bytes = Array((validHeader + "\n" + MalformedCSVTests.good1 + "\n").utf8)
        bytes += Array("1,2,100.5,38,F,".utf8) + [0x50, 0xC3, 0x28] + Array(",0,inactive,,0,0,0,20.5,0\n".utf8)
        let url = try csvFile(bytes)
        let error = try #require(throws: InputError.self) { try PopulationCSV.read(url) }
        #expect(error.line == 3)
        #expect(error.column == "province")
        #expect(error.problem.contains("UTF-8"))
    }

    @Test("valid non-ASCII text in an ignored column is accepted")
    func unicodeInExtraColumn() throws {
        let text = validHeader + ",name\n" + MalformedCSVTests.good1 + ",عائشہ\n"
        let population = try PopulationCSV.read(try csvFile(text))
        #expect(population.personCount == 1)
    }

    @Test("a population path that is a FIFO, a device or a folder is refused without blocking (issue 13)")
    func specialFiles() throws {
        let folder = try temporaryFolder()
        let fifo = folder.appendingPathComponent("pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // Should the reader open the FIFO, a writer opening and closing it after 5 s ends
        // the wait (the file then reads as empty), so that this test fails instead of hanging.
        let path = fifo.path
        let unblock = Thread { @Sendable in
            Thread.sleep(forTimeInterval: 5)
            let fd = open(path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        unblock.start()
        let start = Date()
        let piped = try #require(throws: InputError.self) { try PopulationCSV.read(fifo, showProgress: false) }
        #expect(Date().timeIntervalSince(start) < 4)
        #expect(piped.file == fifo.path && piped.problem == "this is a named pipe (FIFO), not a CSV file")
        #expect(piped.fix.contains("regular file"))
        let device = try #require(throws: InputError.self) { try PopulationCSV.read(URL(fileURLWithPath: "/dev/zero"), showProgress: false) }
        #expect(device.problem == "this is a device, not a CSV file")
        let directory = try #require(throws: InputError.self) { try PopulationCSV.read(folder, showProgress: false) }
        #expect(directory.problem == "this is a folder, not a CSV file")
    }

    @Test("a missing file is an input error, not a crash")
    func missingFile() throws {
        let url = try temporaryFolder().appendingPathComponent("absent.csv")
        let error = try #require(throws: InputError.self) { try PopulationCSV.read(url) }
        #expect(error.file == url.path)
    }
}
