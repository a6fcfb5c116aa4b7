import Foundation
import Testing
@testable import Indicators
@testable import PolicyRules
import PopulationData

/// The R1 indicators on two hand-made households, every value worked out by hand.
@Suite("Indicators on hand-made households")
struct IndicatorTests {
    /// Household A (weight 2, PMT 20): woman 40 (inactive), man 45 (formal employee, 30,000), boy 5.
    /// Household B (weight 3, PMT 50): man 70 (20 contributory years), woman 30 (own-account,
    /// services, informal, 10,000: an extension enrollee), girl 10.
    static func population() -> Population {
        var b = HouseholdBuilder()
        b.household(id: 1, weight: 2, pmt: 20, [
            .init(id: 1, age: 40, sex: .female),
            .init(id: 2, age: 45, sex: .male, status: .employee, sector: .industry, formal: true, earnings: 30_000),
            .init(id: 3, age: 5, sex: .male),
        ])
        b.household(id: 2, weight: 3, pmt: 50, [
            .init(id: 4, age: 70, sex: .male, years: 20),
            .init(id: 5, age: 30, sex: .female, status: .ownAccount, sector: .services, earnings: 10_000),
            .init(id: 6, age: 10, sex: .female),
        ])
        return b.population
    }

    @Test("R1 indicators worked out by hand")
    func handWorked() throws {
        let population = Self.population()
        let target = PhaseTarget(labourStatuses: [.employee, .ownAccount], sectors: [.industry, .services], formal: false, minimumAge: 18, maximumAge: 59)
        let policy = r1Policy(phases: [extensionPhase(target: target)])
        let result = try PolicyEngine.run(policy, on: population)
        let set = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        func value(_ key: String) throws -> Double { try #require(set[key], "\(key) missing") }

        // A: man's earnings floored to 37,000, pays 370, employer 1,850; transfer 4,500 to the woman.
        //    Market 30,000; policy 36,630 + 4,500 = 41,130; AE 1 + 1 + 0.8 = 2.8.
        // B: pension max(10,000, 37,000 × 20 ÷ 50) = 14,800; enrollee owes 2,220, subsidy 1,110,
        //    pays 1,110. Market 10,000; policy 8,890 + 14,800 = 23,690; AE 2.8.
        #expect(try value("population") == 15)
        #expect(try value("households") == 5)
        #expect(close(try value("transfer_cost"), 12 * 2 * 4_500))
        #expect(try value("social_pension_cost") == 0)
        #expect(close(try value("contribution_subsidy_cost"), 12 * 3 * 1_110))
        #expect(close(try value("government_cost"), 108_000 + 39_960))
        #expect(close(try value("government_cost_pct_gdp"), 100 * 147_960 / 110e12))
        #expect(close(try value("contributory_pension_expenditure"), 12 * 3 * 14_800))
        #expect(close(try value("contribution_revenue"), 12 * (2 * 2_220 + 3 * 2_220)))
        #expect(close(try value("employer_contributions"), 12 * 2 * 1_850))
        #expect(close(try value("worker_contributions"), 12 * (2 * 370 + 3 * 1_110)))
        #expect(try value("formal_contributors") == 2 && value("extension_enrollees") == 3 && value("active_contributors") == 5)
        #expect(try value("contributory_pensioners") == 3 && value("social_pensioners") == 0)
        #expect(try value("transfer_households") == 2 && value("transfer_persons") == 6)
        // Covered: all of A (transfer, 6), man 70 and the enrollee in B (6); the girl is not: 12 of 15.
        #expect(close(try value("coverage_rate"), 12.0 / 15.0))
        #expect(close(try value("coverage_rate_women"), 5.0 / 8.0)) // women: 2 + 3 + 3 (girl), covered 2 + 3
        #expect(try value("coverage_rate_men") == 1)
        #expect(try value("old_age_coverage") == 1) // only the man of 70 is at pension age
        #expect(try value("contributor_share_of_employed") == 1)
        // Benefits: 4,500 to the woman of A (weight 2), 14,800 to the man of B (weight 3).
        #expect(close(try value("women_benefit_share"), 9_000.0 / (9_000 + 44_400)))
        // Per AE: market A 10,714.3, B 3,571.4 (< 8,400: 9 of 15 poor); policy A 14,689.3, B 8,460.7 (none poor).
        #expect(close(try value("poverty_headcount_market"), 0.6))
        #expect(try value("poverty_headcount_policy") == 0 && value("poverty_gap_policy") == 0)
        // Gini with two groups (B poorer, weight share 0.6, income share L): G = 1 − [0.6 L + 0.4 (1 + L)] = 0.6 − L.
        #expect(close(try value("gini_market"), 0.6 - 90_000.0 / 270_000.0))
        #expect(close(try value("gini_policy"), 0.6 - 213_210.0 / 459_990.0))
        // Financing: the budget pays the government cost; employers and workers their shares.
        let budget = try #require(set.records.first { $0.indicator == "financing" && $0.group == "budget" })
        #expect(close(budget.value, 147_960))
    }

    @Test("decile table: benefit shares sum to 1 and average benefits match the totals")
    func deciles() throws {
        let population = Self.population()
        let policy = r1Policy()
        let result = try PolicyEngine.run(policy, on: population)
        let set = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        let shares = set.records.filter { $0.indicator == "benefit_share" }
        #expect(shares.count == 10)
        #expect(close(shares.map(\.value).reduce(0, +), 1))
        let byDecile = set.records.filter { $0.indicator == "benefits_received" && $0.breakdown == "decile" }.map(\.value).reduce(0, +)
        #expect(close(byDecile, try #require(set["benefits_received"])))
    }
}
