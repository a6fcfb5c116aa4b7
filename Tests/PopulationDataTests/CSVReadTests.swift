import Foundation
import Testing
import SpsimSupport
@testable import PopulationData

@Suite("CSV microdata in and out")
struct CSVReadTests {
    /// Two households given out of order, with members interleaved and extra columns.
    let shuffled = """
    person_id,notes,household_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled,worker_group
    7,x,20,1.5,40,F,SD,1,employee,services,0,12000.5,0,55.25,0,domestic
    3,y,10,250.25,35,M,PB,0,employee,industry,1,40000,12,20,0,other
    2,,10,250.25,33,F,PB,0,inactive,,0,0,0,20,1,
    6,z,20,1.5,12,M,SD,1,inactive,,0,0,0,55.25,0,other

    """

    @Test("households sorted by id, persons by id; extra columns ignored; worker_group read")
    func ordering() throws {
        let url = try csvFile(shuffled)
        let population = try PopulationCSV.read(url, seed: 3)
        #expect(population.structuralProblem() == nil)
        #expect(population.householdID == [10, 20])
        #expect(population.personID == [2, 3, 6, 7])
        #expect(population.firstPerson == [0, 2, 4])
        #expect(population.householdWeight == [250.25, 1.5])
        #expect(population.pmtScore == [20, 55.25])
        #expect(population.age == [33, 35, 12, 40])
        #expect(population.sex == [.female, .male, .male, .female])
        #expect(population.labourStatus == [.inactive, .employee, .inactive, .employee])
        #expect(population.sector == [.none, .industry, .none, .services])
        #expect(population.formal == [false, true, false, false])
        #expect(population.monthlyEarnings == [0, 40000, 0, 12000.5])
        #expect(population.contributoryYears == [0, 12, 0, 0])
        #expect(population.disabled == [true, false, false, false])
        #expect(population.workerGroup == [.other, .other, .other, .domestic])
        #expect(population.province == [.punjab, .punjab, .sindh, .sindh])
        #expect(population.urban == [false, false, true, true])
    }

    @Test("stored draws depend on seed and identifier only, not on row order")
    func drawsFromIdentifiers() throws {
        let a = try PopulationCSV.read(try csvFile(shuffled), seed: 3)
        let lines = shuffled.split(separator: "\n").map(String.init)
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let b = try PopulationCSV.read(try csvFile(reversed), seed: 3)
        #expect(differingColumns(a, b).isEmpty)
        let c = try PopulationCSV.read(try csvFile(shuffled), seed: 4)
        #expect(a.takeUpDraw != c.takeUpDraw)
        #expect(a.takeUpDraw[0] == StoredDraw.takeUp.uniform(seed: 3, identifier: 2))
        #expect(a.householdDraw[1] == StoredDraw.household.uniform(seed: 3, identifier: 20))
        // The four person columns are different draws.
        #expect(a.takeUpDraw != a.complianceDraw && a.complianceDraw != a.transitionDraw && a.transitionDraw != a.benefitDraw)
    }

    @Test("write then read gives back every column exactly")
    func roundTrip() throws {
        let original = try PopulationCSV.read(try csvFile(shuffled), seed: 9)
        let out = try temporaryFolder().appendingPathComponent("out.csv")
        try PopulationCSV.write(original, to: out)
        let again = try PopulationCSV.read(out, seed: 9)
        #expect(differingColumns(original, again).isEmpty)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text.hasPrefix(PopulationCSV.columnNames.joined(separator: ",") + "\n"))
    }

    @Test("a byte-order mark and Windows line endings are accepted")
    func bomAndCRLF() throws {
        let plain = try PopulationCSV.read(try csvFile(shuffled), seed: 1)
        let windows = Array("\u{FEFF}".utf8) + Array(shuffled.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let fromWindows = try PopulationCSV.read(try csvFile(windows), seed: 1)
        #expect(differingColumns(plain, fromWindows).isEmpty)
    }

    @Test("a last line without a newline is read when complete")
    func noFinalNewline() throws {
        let trimmed = String(shuffled.dropLast())
        let population = try PopulationCSV.read(try csvFile(trimmed), seed: 1)
        #expect(population.personCount == 4)
    }

    @Test("numbers in every written form read to the correctly rounded Double")
    func numberForms() throws {
        let texts = ["0", "0.0", "1", "250.25", "1e-07", "1.5E+3", "123456789012345678901234", "0.1", "3.141592653589793",
                     "5e-324", "1.7976931348623157e308", "17.000000000000004", "9007199254740993", "+2.5", "00012.50"]
        for text in texts {
            let bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeBufferPointer { NumberParsing.double($0.baseAddress!, 0, bytes.count) }
            #expect(parsed == Double(text.hasPrefix("+") ? String(text.dropFirst()) : text), "\(text)")
        }
        for bad in ["", "-", ".", "1e", "1.2.3", "nan", "inf", "0x10", "1,5", " 1"] {
            let bytes = Array(bad.utf8) + [0]
            let parsed = bytes.withUnsafeBufferPointer { NumberParsing.double($0.baseAddress!, 0, bytes.count - 1) }
            #expect(parsed == nil, "\(bad)")
        }
        // Shortest round-trip text of awkward values reads back exactly.
        for value in [0.1 + 0.2, 1.0 / 3.0, 38_292_556.0 / 7.0, 1e-300, 123456.789e10] {
            let text = Array(PopulationCSV.shortestText(value).utf8)
            let parsed = text.withUnsafeBufferPointer { NumberParsing.double($0.baseAddress!, 0, text.count) }
            #expect(parsed == value)
        }
    }
}

@Suite("Conformance input R1")
struct R1InputTests {
    static let path = "/work/shared/conformance/r1-population-small.csv"

    @Test("the R1 small population loads, with totals matching a plain re-count of the file",
          .enabled(if: FileManager.default.fileExists(atPath: R1InputTests.path)))
    func r1Loads() throws {
        let url = URL(fileURLWithPath: R1InputTests.path)
        let population = try PopulationCSV.read(url)
        #expect(population.structuralProblem() == nil)
        // Independent re-count with plain string handling.
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
        var households: [Substring: Double] = [:]
        var weightedPersons = 0.0
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let weight = Double(fields[2]) ?? .nan
            households[fields[0]] = weight
            weightedPersons += weight
        }
        #expect(population.personCount == lines.count)
        #expect(population.householdCount == households.count)
        let total = population.personWeights().reduce(0, +)
        #expect(abs(total - weightedPersons) <= 1e-9 * weightedPersons)
        // Round trip through the writer.
        let out = try temporaryFolder().appendingPathComponent("r1.csv")
        try PopulationCSV.write(population, to: out)
        #expect(differingColumns(population, try PopulationCSV.read(out)).isEmpty)
    }
}
