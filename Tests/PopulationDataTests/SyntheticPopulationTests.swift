import Foundation
import Testing
import SpsimSupport
@testable import PopulationData

@Suite("Synthetic population")
struct SyntheticPopulationTests {
    @Test("generate → write → read with the same seed round-trips every column, draws included")
    func roundTrip() throws {
        let population = try SyntheticPopulation.generate(households: 3_000, seed: 11)
        #expect(population.structuralProblem() == nil)
        let url = try temporaryFolder().appendingPathComponent("synthetic.csv")
        try PopulationCSV.write(population, to: url)
        let again = try PopulationCSV.read(url, seed: 11)
        #expect(differingColumns(population, again).isEmpty)
    }

    @Test("the same seed gives a byte-identical CSV with 1 and 2 workers; another seed differs")
    func deterministicAcrossThreads() throws {
        let calibration = try CalibrationTargets.pakistan()
        // More than two blocks so that the two workers interleave.
        let households = SyntheticPopulation.blockSize * 2 + 123
        let one = try SyntheticPopulation.generate(households: households, seed: 5, calibration: calibration, workers: 1)
        let two = try SyntheticPopulation.generate(households: households, seed: 5, calibration: calibration, workers: 2)
        let folder = try temporaryFolder()
        try PopulationCSV.write(one, to: folder.appendingPathComponent("one.csv"))
        try PopulationCSV.write(two, to: folder.appendingPathComponent("two.csv"))
        let bytesOne = try Data(contentsOf: folder.appendingPathComponent("one.csv"))
        let bytesTwo = try Data(contentsOf: folder.appendingPathComponent("two.csv"))
        #expect(bytesOne == bytesTwo)
        let other = try SyntheticPopulation.generate(households: households, seed: 6, calibration: calibration, workers: 2)
        #expect(other.age != one.age)
    }

    @Test("households are well formed: one head aged 20+, plausible ages, earnings only for the employed")
    func wellFormed() throws {
        let population = try SyntheticPopulation.generate(households: 2_000, seed: 3)
        for h in 0..<population.householdCount {
            let range = population.personRange(h)
            #expect(range.count >= 1 && range.count <= 15)
            #expect(population.age[range.lowerBound] >= 20)
            #expect(population.householdWeight[h] > 0)
            #expect(population.pmtScore[h] >= 0 && population.pmtScore[h] <= 100)
            // Province and area are household-level in the synthetic population.
            for p in range {
                #expect(population.province[p] == population.province[range.lowerBound])
                #expect(population.urban[p] == population.urban[range.lowerBound])
            }
        }
        for p in 0..<population.personCount {
            let status = population.labourStatus[p]
            #expect(status.isEmployed == (population.sector[p] != .none))
            if !status.isEmployed || status == .unpaidFamily { #expect(population.monthlyEarnings[p] == 0) }
            if status == .employee { #expect(population.monthlyEarnings[p] > 0) }
            if population.age[p] < 10 { #expect(status == .inactive) }
            if population.formal[p] { #expect(status.isEmployed && population.sector[p] != .agriculture) }
            #expect(Int(population.contributoryYears[p]) <= max(15, Int(population.age[p]) - 18))
        }
    }

    @Test("a household count below 1, or too small for the census groups, is refused")
    func badCount() throws {
        #expect(throws: InputError.self) { try SyntheticPopulation.generate(households: 0, seed: 1) }
        // Too few households to have a member in every census group (e.g. Islamabad's over-65s).
        let tooSmall = try #require(throws: InputError.self) { try SyntheticPopulation.generate(households: 50, seed: 1) }
        #expect(tooSmall.file == "--households")
        #expect(tooSmall.value == "50")
    }
}
