import Foundation
import Testing
@testable import Indicators
@testable import PolicyRules
import PopulationData

/// Consumption after the schemes = consumption before + propensity × (policy − market
/// income), and poverty measured on it (`poverty.welfare_measure: consumption`).
@Suite("Consumption after policy")
struct ConsumptionTests {
    /// Two households with income beyond earnings and consumption set by hand.
    static func twoHouseholds() -> Population {
        var b = HouseholdBuilder()
        // Household 1: PMT 10 (receives the 4,500 transfer); a formal employee at 30,000
        // (floored to 37,000, pays 1% of 37,000 = 370) and a child.
        b.household(id: 1, pmt: 10, [
            .init(id: 1, age: 30, sex: .female, status: .employee, sector: .services, formal: true, earnings: 30_000),
            .init(id: 2, age: 10),
        ])
        // Household 2: PMT 60; one inactive person aged 70 (social pension 3,000).
        b.household(id: 2, pmt: 60, [.init(id: 3, age: 70, sex: .male)])
        var population = b.population
        population.selfEmploymentIncome = [2_000, 0]
        population.remittanceIncome = [0, 5_000]
        population.propertyIncome = [1_000, 500]
        population.transferIncome = [0, 0]
        population.consumption = [20_000, 4_000]
        return population
    }

    @Test("computed by hand for two households, propensity 0.5")
    func byHand() throws {
        let population = Self.twoHouseholds()
        var policy = r1Policy()
        policy.welfareMeasure = .consumption
        policy.consumptionPropensity = 0.5
        let result = try PolicyEngine.run(policy, on: population)
        // Household 1: market = 30,000 + 2,000 + 1,000 = 33,000; policy = 37,000 − 370 +
        // 4,500 + 3,000 = 44,130; consumption 20,000 + 0.5 × 11,130 = 25,565.
        #expect(close(result.marketIncome[0], 33_000))
        #expect(close(result.policyIncome[0], 44_130))
        #expect(close(result.consumptionMarket[0], 20_000))
        #expect(close(result.consumptionPolicy[0], 25_565))
        // Household 2: market = 5,500; policy = 5,500 + 3,000 = 8,500; consumption 4,000 + 1,500.
        #expect(close(result.marketIncome[1], 5_500))
        #expect(close(result.policyIncome[1], 8_500))
        #expect(close(result.consumptionPolicy[1], 5_500))
        // Poverty on consumption per adult equivalent at the line 8,400: household 1 has
        // 1.8 AE (20,000 / 1.8 = 11,111 before, 14,203 after: not poor); household 2 one
        // adult (4,000 then 5,500: poor). 1 of 3 persons poor, before and after.
        let indicators = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        #expect(close(try #require(indicators["poverty_headcount_market"]), 1.0 / 3))
        #expect(close(try #require(indicators["poverty_headcount_policy"]), 1.0 / 3))
        #expect(close(try #require(indicators["poverty_gap_policy"]), (1 - 5_500 / 8_400.0) / 3))
        #expect(close(try #require(indicators["mean_household_consumption_market"]), 12_000))
        #expect(close(try #require(indicators["mean_household_consumption_policy"]), (25_565 + 5_500) / 2))
    }

    @Test("earnings_income (R1) leaves income beyond earnings out; income includes it")
    func incomeMeasures() throws {
        let population = Self.twoHouseholds()
        var policy = r1Policy()
        policy.welfareMeasure = .earningsIncome
        let r1 = try PolicyEngine.run(policy, on: population)
        #expect(close(r1.marketIncome[0], 30_000) && close(r1.marketIncome[1], 0))
        policy.welfareMeasure = .income
        let income = try PolicyEngine.run(policy, on: population)
        #expect(close(income.marketIncome[1], 5_500) && close(income.policyIncome[1], 8_500))
        // Under an income measure, poverty is of income: household 2 (8,500 ≥ 8,400) is not poor after policy.
        let indicators = try IndicatorCalculator.compute(population: population, result: income, policy: policy)
        #expect(close(try #require(indicators["poverty_headcount_policy"]), 0))
    }

    @Test("the baseline measures poverty on consumption with propensity 1; R1 on earnings and benefits")
    func scenarios() throws {
        let baseline = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/baseline.yaml")).policy(year: 2025)
        #expect(baseline.welfareMeasure == .consumption && baseline.consumptionPropensity == 1)
        let r1 = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml")).policy(year: 2025)
        #expect(r1.welfareMeasure == .earningsIncome)
    }
}
