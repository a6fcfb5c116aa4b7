import Foundation
@testable import PopulationData
import SpsimSupport
import Testing

/// The generated EOBI population (issue 11): public employees, pensioners, pensions in
/// payment; and the two optional CSV columns.
@Suite("EOBI population: public sector, pensioners, pensions in payment, CSV columns")
struct EOBIPopulationTests {
    let header = "household_id,person_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled"

    @Test("a small generated population meets the pensioner and public-sector targets; pensioners mostly do not work and sit at the minimum")
    func generated() throws {
        let calibration = try CalibrationTargets.pakistan()
        let population = try SyntheticPopulation.generate(households: 20_000, seed: 11, calibration: calibration)
        let model = calibration.model
        let history = model.contributory_history
        let weights = population.personWeights()
        var pensioners = 0.0, working = 0.0, atMinimum = 0.0, employees = 0.0, publicEmployees = 0.0
        for p in 0..<population.personCount {
            let pensionAge = population.sex[p] == .male ? history.pension_age_men : history.pension_age_women
            if population.labourStatus[p] == .employee {
                employees += weights[p]
                if population.publicSector[p] { publicEmployees += weights[p] }
            }
            if population.publicSector[p] {
                // Public employees are formal employees with no EOBI history.
                #expect(population.labourStatus[p] == .employee && population.formal[p] && population.contributoryYears[p] == 0)
            }
            let isPensioner = Int(population.age[p]) >= pensionAge && Int(population.contributoryYears[p]) >= history.pension_minimum_years
            if isPensioner {
                pensioners += weights[p]
                if population.labourStatus[p].isEmployed { working += weights[p] }
                // Every generated pensioner has a stored pension of at least the minimum then.
                #expect(Double(population.pensionInPayment[p]) >= model.pension_awards.minimum_pension.value)
                if Double(population.pensionInPayment[p]) == model.pension_awards.minimum_pension.value { atMinimum += weights[p] }
            } else {
                #expect(population.pensionInPayment[p] == 0)
            }
        }
        // The selection is exact up to one person's weight (38.3m households / 20,000 ≈ 1,900
        // per household, raked): within 1% of 427,149 (about 4,300).
        let target = try calibration.value("eobi_pensioners")
        #expect(target == 427_149)
        #expect(abs(pensioners / target - 1) < 0.01, "pensioners \(pensioners)")
        // Public share of employees: 0.113 up to one weight in about 8,000 employees: within 0.005.
        #expect(abs(publicEmployees / employees - 0.113) < 0.005, "public share \(publicEmployees / employees)")
        // Most pensioners no longer work (employed odds 0.3 among persons at pension age, of
        // whom about a third of men work): more than half not employed.
        #expect(working / pensioners < 0.5, "working share \(working / pensioners)")
        // Most pensions at the minimum (administrative-data.md): more than half.
        #expect(atMinimum / pensioners > 0.5, "at minimum \(atMinimum / pensioners)")
    }

    @Test("the award rule: the minimum wage of the award year × years ÷ 50, at least the minimum pension")
    func awardRule() throws {
        let awards = try CalibrationTargets.pakistan().model.pension_awards
        // 2023-24: 32,000 × 35 / 50 = 22,400.
        #expect(awards.pension(awardYear: 2023, years: 35) == 22_400)
        // 2023-24, 15 years: 32,000 × 15 / 50 = 9,600 < 10,000: the minimum.
        #expect(awards.pension(awardYear: 2023, years: 15) == 10_000)
        // 2018-19 uses 2017-18's 15,000: × 35 / 50 = 10,500.
        #expect(awards.pension(awardYear: 2018, years: 35) == 10_500)
        // Before the first listed year (2008: 6,000): 6,000 × 35 / 50 = 4,200: the minimum.
        #expect(awards.pension(awardYear: 1995, years: 35) == 10_000)
    }

    @Test("public_sector and pension_in_payment round-trip through CSV; absent they are 0")
    func roundTrip() throws {
        let text = """
        \(header),public_sector,pension_in_payment
        1,1,10,40,F,PB,1,employee,services,1,50000,0,20,0,1,
        1,2,10,66,M,PB,1,inactive,,0,0,25,20,0,0,12345.5
        1,3,10,30,M,PB,1,employee,industry,1,40000,5,20,0,,0

        """
        let population = try PopulationCSV.read(try csvFile(text), seed: 1)
        #expect(population.publicSector == [true, false, false])
        #expect(population.pensionInPayment == [0, 12_345.5, 0])
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("out.csv")
        try PopulationCSV.write(population, to: url)
        let again = try PopulationCSV.read(url, seed: 1)
        #expect(differingColumns(population, again).isEmpty)
        let written = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(written[0].contains(",birth_in_year,public_sector,pension_in_payment,"))
        #expect(written[2].contains(",0,0,12345.5,"))
        // Absent columns: nobody public, no stored pension (the rule then computes new awards).
        let plain = try PopulationCSV.read(try csvFile("\(header)\n1,1,10,66,M,PB,1,inactive,,0,0,25,20,0\n"), seed: 1)
        #expect(plain.publicSector == [false] && plain.pensionInPayment == [0])
    }

    @Test("a bad public_sector value names the file, line, column, value and fix")
    func badPublicSector() throws {
        let url = try csvFile("\(header),public_sector\n1,1,10,40,F,PB,1,employee,services,1,50000,0,20,0,yes\n")
        do {
            _ = try PopulationCSV.read(url, seed: 1)
            Issue.record("a bad public_sector was accepted")
        } catch let error as InputError {
            #expect(error.file == url.path && error.line == 2 && error.column == "public_sector" && error.value == "yes")
            #expect(error.description.contains("write 1 for an employee of the public sector"))
        }
        // 1 for someone who is not an employee is refused, with the fix.
        let notEmployee = try csvFile("\(header),public_sector\n1,1,10,40,F,PB,1,own_account,services,1,50000,0,20,0,1\n")
        do {
            _ = try PopulationCSV.read(notEmployee, seed: 1)
            Issue.record("public_sector = 1 for an own-account worker was accepted")
        } catch let error as InputError {
            #expect(error.line == 2 && error.column == "public_sector" && error.description.contains("only employees"))
        }
        // A negative pension in payment is out of range.
        let negative = try csvFile("\(header),pension_in_payment\n1,1,10,66,M,PB,1,inactive,,0,0,25,20,0,-5\n")
        do {
            _ = try PopulationCSV.read(negative, seed: 1)
            Issue.record("a negative pension was accepted")
        } catch let error as InputError {
            #expect(error.line == 2 && error.column == "pension_in_payment" && error.value == "-5")
        }
    }
}
