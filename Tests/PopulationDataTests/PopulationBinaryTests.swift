import Foundation
import Testing
@testable import PopulationData
import SpsimSupport

@Suite("XXH64 checksum")
struct XXHash64Tests {
    /// Digests from the reference implementation (Fixtures/xxh64_vectors.py).
    @Test func matchesTheReferenceImplementation() {
        let cases: [([UInt8], UInt64, UInt64)] = [
            ([], 0xEF46_DB37_51D8_E999, 0x95F0_626F_6F0A_4409),
            (Array("a".utf8), 0xD24E_C4F1_A98C_6E5B, 0xDC63_49D4_89E0_F965),
            (Array("abc".utf8), 0x44BC_2CF5_AD77_0999, 0x9E75_5206_1566_76D7),
            (Array((0..<768).map { UInt8($0 % 256) }), 0x8E03_C838_C596_036F, 0xB1E1_0F6C_5294_CD6B),
        ]
        for (bytes, seed0, seed7) in cases {
            #expect(XXHash64.hash(bytes) == seed0, "length \(bytes.count), seed 0")
            #expect(XXHash64.hash(bytes, seed: 7) == seed7, "length \(bytes.count), seed 7")
        }
    }
}

@Suite("Binary population files (.spop)")
struct PopulationBinaryTests {
    static let population: Population = {
        // Small but complete: every column, the household money columns included.
        try! SyntheticPopulation.generate(households: 300, seed: 11, calibration: CalibrationTargets.pakistan(), workers: 1)
    }()

    func written(_ population: Population = PopulationBinaryTests.population, seed: UInt64 = 11) throws -> URL {
        let url = try temporaryFolder().appendingPathComponent("people.spop")
        try PopulationBinary.write(population, seed: seed, source: "test population", to: url)
        return url
    }

    @Test func roundTripKeepsEveryColumnExactly() throws {
        let url = try written()
        let back = try PopulationBinary.read(url)
        #expect(differingColumns(Self.population, back) == [])
        let header = try PopulationBinary.header(of: url)
        #expect(header.households == 300 && header.persons == Self.population.personCount && header.seed == 11)
        #expect(header.source == "test population" && header.version == PopulationBinary.formatVersion)
    }

    @Test func populationWithoutMoneyColumnsRoundTrips() throws {
        var population = Self.population
        population.selfEmploymentIncome = []; population.remittanceIncome = []; population.propertyIncome = []
        population.transferIncome = []; population.consumption = []
        let back = try PopulationBinary.read(try written(population))
        #expect(differingColumns(population, back) == [])
    }

    @Test func csvAndBinaryGiveTheSamePopulation() throws {
        let folder = try temporaryFolder()
        let csv = folder.appendingPathComponent("people.csv")
        try PopulationCSV.write(Self.population, to: csv)
        let fromCSV = try PopulationFile.read(csv, seed: 11, showProgress: false)
        let spop = folder.appendingPathComponent("people.spop")
        try PopulationFile.write(fromCSV, seed: 11, source: "from csv", to: spop)
        #expect(PopulationBinary.isBinary(spop) && !PopulationBinary.isBinary(csv))
        let fromBinary = try PopulationFile.read(spop, seed: 11, showProgress: false)
        #expect(differingColumns(fromCSV, fromBinary) == [])
    }

    @Test func anotherSeedDrawsAgainAsTheCSVImportDoes() throws {
        let folder = try temporaryFolder()
        let csv = folder.appendingPathComponent("people.csv")
        try PopulationCSV.write(Self.population, to: csv)
        let spop = try written()
        let binary = try PopulationBinary.read(spop, seed: 99)
        let imported = try PopulationCSV.read(csv, seed: 99, showProgress: false)
        #expect(binary.takeUpDraw == imported.takeUpDraw && binary.householdDraw == imported.householdDraw)
        #expect(binary.takeUpDraw != Self.population.takeUpDraw)
        #expect(binary.age == Self.population.age)
    }

    // MARK: - Bad files: a clear error naming the file, nothing half-read

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func truncatedFileIsRefused() throws {
        let url = try written()
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 1000).write(to: url)
        let text = message { _ = try PopulationBinary.read(url) }
        #expect(text.contains(url.path) && text.contains("truncated") && text.contains("Fix:"), "\(text)")
        try data.prefix(40).write(to: url)
        #expect(message { _ = try PopulationBinary.read(url) }.contains("truncated"))
    }

    @Test func foreignFileIsRefused() throws {
        let url = try temporaryFolder().appendingPathComponent("people.spop")
        try Data("household_id,person_id\n1,1\n".utf8).write(to: url)
        let text = message { _ = try PopulationFile.read(url, seed: 1, showProgress: false) }
        #expect(text.contains("not an spsim binary population file") && text.contains(url.path), "\(text)")
        try Data().write(to: url)
        #expect(message { _ = try PopulationBinary.read(url) }.contains("not an spsim binary population file"))
    }

    @Test func olderAndNewerVersionsAreRefusedWithWhatToDo() throws {
        let url = try written()
        var data = try Data(contentsOf: url)
        data[8] = 0
        try data.write(to: url)
        let older = message { _ = try PopulationBinary.read(url) }
        #expect(older.contains("version 0") && older.contains("older spsim") && older.contains("population convert"), "\(older)")
        data[8] = 2
        try data.write(to: url)
        #expect(message { _ = try PopulationBinary.read(url) }.contains("newer spsim"))
    }

    @Test func damagedColumnIsNamed() throws {
        let url = try written()
        var data = try Data(contentsOf: url)
        // Flip one byte in the last column (benefit_draw ends the file, before its padding).
        let persons = Self.population.personCount
        let endOfData = data.count - (PopulationBinary.aligned(persons * 4) - persons * 4)
        data[endOfData - 3] ^= 0x40
        try data.write(to: url)
        let text = message { _ = try PopulationBinary.read(url) }
        #expect(text.contains("benefit_draw") && text.contains("damaged"), "\(text)")
    }

    @Test func damagedHeaderIsRefused() throws {
        let url = try written()
        var data = try Data(contentsOf: url)
        data[70] ^= 0x01   // inside the first column name of the directory
        try data.write(to: url)
        #expect(message { _ = try PopulationBinary.read(url) }.contains("header is damaged"))
    }

    @Test func writingNeverLeavesAHalfFile() throws {
        var broken = Self.population
        broken.age.removeLast()
        let url = try temporaryFolder().appendingPathComponent("people.spop")
        #expect(throws: InputError.self) { try PopulationBinary.write(broken, seed: 1, source: "", to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).isEmpty)
    }
}
