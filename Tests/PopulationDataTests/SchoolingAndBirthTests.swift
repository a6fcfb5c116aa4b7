import Foundation
import Testing
import SpsimSupport
@testable import PopulationData

@Suite("School enrolment and births: optional columns, imputed from published rates")
struct SchoolingAndBirthTests {
    let header = "household_id,person_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled"

    @Test("school_level and birth_in_year are read when given (empty = not enrolled / no birth)")
    func readWhenGiven() throws {
        let text = """
        \(header),school_level,birth_in_year
        1,1,10,30,F,PB,0,inactive,,0,0,0,20,0,,1
        1,2,10,8,F,PB,0,inactive,,0,0,0,20,0,primary,
        1,3,10,16,M,PB,0,inactive,,0,0,0,20,0,higher_secondary,0
        1,4,10,12,M,PB,0,inactive,,0,0,0,20,0,secondary,0

        """
        let population = try PopulationCSV.read(try csvFile(text), seed: 1)
        #expect(population.schoolLevel == [.none, .primary, .higherSecondary, .secondary])
        #expect(population.birthInYear == [true, false, false, false])
    }

    @Test("a bad school_level names the file, line, column and the values to write")
    func badValue() throws {
        let text = "\(header),school_level\n1,1,10,8,F,PB,0,inactive,,0,0,0,20,0,grade3\n"
        do {
            _ = try PopulationCSV.read(try csvFile(text), seed: 1)
            Issue.record("a bad school level was accepted")
        } catch let error as InputError {
            #expect(error.line == 2 && error.column == "school_level" && error.value == "grade3")
            #expect(error.description.contains("primary, secondary or higher_secondary"))
        }
    }

    @Test("absent columns are imputed exactly as the synthetic population draws them")
    func imputedWhenAbsent() throws {
        let text = """
        \(header)
        1,1,10,30,F,PB,0,inactive,,0,0,0,20,0
        1,2,10,8,F,PB,0,inactive,,0,0,0,20,0
        1,3,10,25,F,PB,0,inactive,,0,0,0,20,0

        """
        let population = try PopulationCSV.read(try csvFile(text), seed: 5)
        let model = try CalibrationTargets.pakistan().model
        var expected = population
        expected.assignSchooling(model.schooling, seed: 5)
        expected.assignBirths(model.fertility, seed: 5)
        #expect(population.schoolLevel == expected.schoolLevel)
        #expect(population.birthInYear == expected.birthInYear)
        // Only the child can be enrolled; men and children never give birth.
        #expect(population.schoolLevel[0] == .none && population.schoolLevel[2] == .none)
    }

    @Test("enrolment and birth shares match the calibration rates within sampling error")
    func ratesReproduced() throws {
        // 200,000 persons: girls and boys of every age 0-49, identifiers 1…
        var population = Population()
        var id: Int64 = 0
        population.householdID = [1]; population.householdWeight = [1]; population.pmtScore = [50]; population.householdDraw = [0.5]
        for _ in 0..<2_000 { for age in 0..<50 { for sex in Sex.allCases {
            id += 1
            population.personID.append(id); population.age.append(UInt8(age)); population.sex.append(sex)
        } } }
        let model = try CalibrationTargets.pakistan().model
        population.assignSchooling(model.schooling, seed: 11)
        population.assignBirths(model.fertility, seed: 11)
        for (band, range) in model.schooling.bands.enumerated() {
            for sex in Sex.allCases {
                let members = population.personID.indices.filter { Int(population.age[$0]) >= range[0] && Int(population.age[$0]) <= range[1] && population.sex[$0] == sex }
                let share = Double(members.filter { population.schoolLevel[$0] != .none }.count) / Double(members.count)
                let rate = model.schooling.rates[band] + (sex == .female ? -1 : 1) * model.schooling.sex_gap / 2
                let se = (rate * (1 - rate) / Double(members.count)).squareRoot()
                #expect(abs(share - rate) < 5 * se, "band \(range) \(sex): share \(share), rate \(rate)")
            }
        }
        for (band, range) in model.fertility.bands.enumerated() {
            let women = population.personID.indices.filter { Int(population.age[$0]) >= range[0] && Int(population.age[$0]) <= range[1] && population.sex[$0] == .female }
            let share = Double(women.filter { population.birthInYear[$0] }.count) / Double(women.count)
            let rate = model.fertility.per_thousand[band] / 1000
            #expect(abs(share - rate) < 5 * (rate * (1 - rate) / Double(women.count)).squareRoot())
        }
        #expect(!population.birthInYear.indices.contains { population.birthInYear[$0] && population.sex[$0] == .male })
    }
}
