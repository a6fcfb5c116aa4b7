// Issue 13, "Nothing crashes": numbers no policy can mean (which trapped or overflowed) are
// refused when loaded, with the valid range in the Fix; years and indexation are checked.
import Foundation
import Testing
@testable import PolicyRules
import SpsimSupport

@Suite("Input hardening: values no policy can mean")
struct ValueRangeTests {
    @Test("an amount of 1e29 is refused with the valid range, in a file and with --set")
    func hugeAmount() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: "  household_transfer.amount: 1e29\n")
        let found = f.problems(url)
        #expect(located(found, file: "scenario.yaml", line: 6, key: "household_transfer.amount", containing: "an amount above 1e15 PKR/month (no policy can mean more)"))
        #expect(found.first?.description.contains("found '1e29'. Fix: write an amount from 0 to 1e15 (PKR/month)") == true)
        let set = f.problems(try f.scenario(), overrides: ["minimum_wage.amount=1e29"])
        #expect(set.count == 1 && set.first?.file == "--set" && set.first?.column == "minimum_wage.amount")
        #expect(set.first?.description.contains("an amount above 1e15") == true && oneLine(set))
    }

    @Test("contributory.minimum_years of 1e20 or 1e300 is refused as years 0 to 100", arguments: ["1e20", "1e300", "101", "2.5"])
    func hugeYears(_ value: String) throws {
        let f = try ScenarioFixture()
        let found = f.problems(try f.scenario(changes: "  contributory.minimum_years: \(value)\n"))
        #expect(located(found, file: "scenario.yaml", line: 6, key: "contributory.minimum_years", containing: "a number of years must be a whole number from 0 to 100"))
        let set = f.problems(try f.scenario(), overrides: ["contributory.minimum_years=\(value)"])
        #expect(set.count == 1 && set.first?.description.hasPrefix("--set [contributory.minimum_years]: a number of years must be a whole number from 0 to 100; found '\(value)'. Fix: ") == true)
    }

    @Test("growth rates: above −1 and at most 1 (+100% a year)", arguments: ["10", "1.5", "-1", "-2"])
    func growth(_ value: String) throws {
        let f = try ScenarioFixture()
        let set = f.problems(try f.scenario(), overrides: ["economy.nominal_wage_growth=\(value)"])
        #expect(set.count == 1 && set.first?.column == "economy.nominal_wage_growth" && oneLine(set))
        #expect(set.first?.fix.contains("above −1 and at most 1") == true)
    }

    @Test("accrual divisor from 1 to 10,000; compliance a share; ages whole 0 to 120")
    func otherRanges() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: """
          contributory.accrual_divisor: 1e-300
          minimum_wage.compliance_informal: 2
          social_pension.age: 64.5
          economy.gdp: 2e15

        """)
        let found = f.problems(url)
        #expect(found.count == 4 && oneLine(found))
        #expect(located(found, file: "scenario.yaml", line: 6, key: "contributory.accrual_divisor", containing: "must be from 1 to 10,000"))
        #expect(located(found, file: "scenario.yaml", line: 7, key: "minimum_wage.compliance_informal", containing: "between 0 and 1"))
        #expect(located(found, file: "scenario.yaml", line: 8, key: "social_pension.age", containing: "whole number from 0 to 120"))
        #expect(located(found, file: "scenario.yaml", line: 9, key: "economy.gdp", containing: "above 1e15 PKR/year"))
    }

    @Test("non-numbers and infinities are refused", arguments: ["inf", "nan", "1e400", "-inf"])
    func nonFinite(_ value: String) throws {
        let f = try ScenarioFixture()
        let found = f.problems(try f.scenario(changes: "  household_transfer.amount: \(value)\n"))
        #expect(located(found, file: "scenario.yaml", line: 6, key: "household_transfer.amount", containing: "expected a number"))
    }
}

@Suite("Input hardening: years and indexation")
struct YearTests {
    @Test("run --year 2200 with wage growth 10: the growth is refused when loaded")
    func year2200() throws {
        let f = try ScenarioFixture()
        let set = f.problems(try f.scenario(), overrides: ["economy.nominal_wage_growth=10"])
        #expect(set.first?.description == "--set [economy.nominal_wage_growth]: a growth rate above 1 (+100% a year); found '10'. Fix: write the growth as a fraction per year above −1 and at most 1, e.g. 0.07 for 7% (if you meant 10%, write 0.1)")
    }

    @Test("a simulation year outside 2000–2100 is an error, not a trap", arguments: [2200, 1999, 2101, Int.max])
    func yearRange(_ year: Int) throws {
        let scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml"))
        do {
            _ = try scenario.policy(year: year)
            Issue.record("year \(year) was accepted")
        } catch let errors as InputErrors {
            #expect(errors.errors.count == 1 && errors.errors[0].column == "year")
            #expect(errors.errors[0].description.contains("simulation year \(year) is outside the years spsim simulates (2000–2100); found '\(year)'. Fix: choose a year from 2000 to 2100"))
        }
        #expect(try scenario.policy(year: 2100).year == 2100)
    }

    @Test("indexation that overflows is an error naming the parameter and the year")
    func overflowingIndex() throws {
        var scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml"))
        // Values the loader refuses, set directly: the arithmetic must still be checked.
        var growth = try #require(scenario.parameters["economy.nominal_wage_growth"])
        growth.values[0].value = .number(1e10)
        scenario.parameters["economy.nominal_wage_growth"] = growth
        var wage = try #require(scenario.parameters["minimum_wage.amount"])
        wage.indexation = .wages
        scenario.parameters["minimum_wage.amount"] = wage
        do {
            _ = try scenario.policy(year: 2100)
            Issue.record("an infinite index was accepted")
        } catch let errors as InputErrors {
            #expect(oneLine(errors.errors))
            #expect(errors.errors.contains { $0.column == "economy.nominal_wage_growth" && $0.problem.contains("too large to compute with") && $0.value != nil })
        }
    }

    @Test("a whole-number parameter far out of range is an error in policy(year:), not a trap")
    func wholeConversion() throws {
        var scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml"))
        var years = try #require(scenario.parameters["contributory.minimum_years"])
        years.values[0].value = .number(1e20)
        scenario.parameters["contributory.minimum_years"] = years
        #expect(throws: InputErrors.self) { try scenario.policy(year: 2025) }
    }
}
