// Property-based tests of the population CSV (issue 13): random small valid files read
// exactly, and write → read gives the same columns, stored draws included.
//
// Each property draws a seed and a size with swift-property-based; the file is built from
// the seed, so a failure names the seed that reproduces it.
import Foundation
import PropertyBased
import Testing
@testable import PopulationData

/// SplitMix64: a small seeded generator for building one test file from one drawn seed.
struct CSVRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func element<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// A number as a file may hold it: whole, short decimal, or full precision, over many magnitudes.
    mutating func number(in range: ClosedRange<Double>) -> Double {
        switch int(0...3) {
        case 0: return Double(int(Int(range.lowerBound.rounded(.up))...Int(range.upperBound.rounded(.down))))
        case 1: return (Double.random(in: range, using: &self) * 100).rounded() / 100
        case 2: return Double.random(in: range, using: &self)
        default:
            // Any magnitude the range allows, with a random mantissa.
            let top = max(range.upperBound, Double.leastNormalMagnitude)
            let exponent = Double.random(in: -30...log10(top), using: &self)
            return min(max(Double.random(in: 1..<10, using: &self) * pow(10, exponent - 1), range.lowerBound), range.upperBound)
        }
    }
}

/// A random valid file: its header (all 19 columns or the 14 required ones, in a random
/// order), its rows in a random order, and the numbers it holds by person_id.
struct RandomCSV {
    var header: [String]
    var rows: [[String: String]]
    var weight: [Int64: Double] = [:]
    var earnings: [Int64: Double] = [:]
    var pmt: [Int64: Double] = [:]

    init(seed: UInt64, households: Int, allColumns: Bool) {
        var random = CSVRandom(seed)
        header = allColumns ? PopulationCSV.columnNames : Array(PopulationCSV.columnNames.prefix(14))
        header.shuffle(using: &random)
        rows = []
        var householdIDs = Set<Int64>(), personIDs = Set<Int64>()
        while householdIDs.count < households { householdIDs.insert(Int64(random.int(1...(random.chance(0.5) ? 50 : 999_999_999_999)))) }
        for household in householdIDs.sorted() {
            let weight = random.number(in: 0.001...1e7)
            let pmt = random.number(in: 0...100)
            for _ in 0..<random.int(1...6) {
                var person: Int64
                repeat { person = Int64(random.int(1...(random.chance(0.5) ? 100 : 999_999_999_999))) } while personIDs.contains(person)
                personIDs.insert(person)
                let status = random.element(LabourStatus.allCases)
                let earnings = status.isEmployed && random.chance(0.8) ? random.number(in: 0...1e9) : 0
                self.weight[person] = weight; self.earnings[person] = earnings; self.pmt[person] = pmt
                rows.append([
                    "household_id": String(household), "person_id": String(person), "weight": weight.description,
                    "age": String(random.int(0...120)), "sex": random.element(Sex.allCases).code, "province": random.element(Province.allCases).code,
                    "urban": random.element(["0", "1"]), "labour_status": status.code,
                    "sector": status.isEmployed ? random.element(["agriculture", "industry", "services"]) : "",
                    "formal": status.isEmployed ? random.element(["0", "1"]) : "0",
                    "monthly_earnings": earnings.description, "contributory_years": String(random.int(0...100)),
                    "pmt_score": pmt.description, "disabled": random.element(["0", "1"]),
                    "worker_group": random.element(WorkerGroup.allCases).code,
                    "school_level": random.element(SchoolLevel.allCases).code, "birth_in_year": random.element(["0", "1"]),
                    "public_sector": status == .employee ? random.element(["0", "1", ""]) : random.element(["0", ""]),
                    "pension_in_payment": random.element(["", "0", "10000", random.number(in: 0...10_000_000).description]),
                ])
            }
        }
        rows.shuffle(using: &random)
    }

    func text(rows order: [[String: String]]? = nil) -> String {
        ([header.joined(separator: ",")] + (order ?? rows).map { row in header.map { row[$0] ?? "" }.joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }
}

@Suite("Property-based: population CSV round trips")
struct CSVPropertyTests {
    @Test("a random valid file reads exactly, and write → read gives identical columns, draws included")
    func writeRead() async throws {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...8), Gen.bool) { seed, households, allColumns in
            let file = RandomCSV(seed: seed, households: households, allColumns: allColumns)
            let first = try PopulationCSV.read(try csvFile(file.text()), seed: seed, showProgress: false)
            #expect(first.personCount == file.rows.count && first.householdCount == households)
            for h in 0..<first.householdCount {
                for p in first.personRange(h) {
                    let id = first.personID[p]
                    #expect(first.householdWeight[h] == file.weight[id], "weight of person \(id)")
                    #expect(first.pmtScore[h] == file.pmt[id], "pmt_score of person \(id)")
                    #expect(first.monthlyEarnings[p] == file.earnings[id], "monthly_earnings of person \(id)")
                }
            }
            let written = try temporaryFolder().appendingPathComponent("written.csv")
            try PopulationCSV.write(first, to: written)
            let second = try PopulationCSV.read(written, seed: seed, showProgress: false)
            #expect(differingColumns(first, second) == [])
        }
    }

    @Test("the rows' order does not change what is read")
    func rowOrder() async throws {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...8), Gen.bool) { seed, households, allColumns in
            let file = RandomCSV(seed: seed, households: households, allColumns: allColumns)
            var random = CSVRandom(seed ^ 0x5EED)
            let a = try PopulationCSV.read(try csvFile(file.text()), seed: seed, showProgress: false)
            let b = try PopulationCSV.read(try csvFile(file.text(rows: file.rows.shuffled(using: &random))), seed: seed, showProgress: false)
            #expect(differingColumns(a, b) == [])
        }
    }
}
