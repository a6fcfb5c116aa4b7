import Foundation
import Testing
@testable import Indicators
@testable import PolicyRules
import PopulationData
import SpsimSupport

/// Adequacy indicators, enrollees by phase and poverty by group on the two hand-made
/// households of `IndicatorTests` (A: weight 2, PMT 20, AE 2.8; B: weight 3, PMT 50, AE 2.8),
/// every expected value worked out by hand.
@Suite("Adequacy and breakdowns on hand-made households")
struct AdequacyTests {
    static func record(_ set: IndicatorSet, _ indicator: String, _ breakdown: String, _ group: String) -> Double? {
        set.records.first { $0.indicator == indicator && $0.breakdown == breakdown && $0.group == group }?.value
    }

    /// R1's policy with the extension phase of the hand-worked test and C102's old-age level.
    static func policy(oldAgeLevel: Double = 0.40) -> PolicyParameters {
        let target = PhaseTarget(labourStatuses: [.employee, .ownAccount], sectors: [.industry, .services], formal: false, minimumAge: 18, maximumAge: 59)
        var policy = r1Policy(phases: [extensionPhase(target: target)])
        policy.c102Levels = [.oldAge: oldAgeLevel]
        return policy
    }

    @Test("benefit per beneficiary and its ratio to the poverty line, the minimum wage and the mean wage")
    func ratios() throws {
        let population = IndicatorTests.population()
        let policy = Self.policy()
        let result = try PolicyEngine.run(policy, on: population)
        let set = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        func value(_ indicator: String, _ breakdown: String, _ group: String) throws -> Double {
            try #require(Self.record(set, indicator, breakdown, group), "\(indicator) \(breakdown) \(group) missing")
        }
        // References: line 8,400 per AE; minimum wage 37,000; the only employee is the man of A
        // (30,000 floored to 37,000), so the mean wage of employees is 37,000.
        #expect(set["poverty_line"] == 8_400)
        #expect(set["minimum_wage"] == 37_000)
        #expect(close(try #require(set["mean_employee_earnings"]), 37_000))

        // Household transfer: 4,500 to household A only (weight 2, AE 2.8).
        // Line for the household: 8,400 × 2.8 = 23,520 → 4,500 ÷ 23,520 = 0.191327 (below R202's 1).
        #expect(close(try value("benefit_per_beneficiary", "scheme", "household_transfer"), 4_500))
        #expect(close(try value("adequacy_ratio", "poverty_line", "household_transfer"), 4_500.0 / 23_520, 1e-9))
        #expect(close(try value("adequacy_ratio", "minimum_wage", "household_transfer"), 4_500.0 / 37_000, 1e-9))
        #expect(close(try value("adequacy_ratio", "mean_wage", "household_transfer"), 4_500.0 / 37_000, 1e-9))
        // Paid by the budget: no C102 check.
        #expect(Self.record(set, "adequacy_ratio", "c102", "household_transfer") == nil)

        // Contributory pension: the man of B, max(10,000, 37,000 × 20 ÷ 50) = 14,800 (a person
        // payment: the line for one AE, 14,800 ÷ 8,400 = 1.7619 ≥ 1, meets R202).
        #expect(close(try value("benefit_per_beneficiary", "scheme", "contributory"), 14_800))
        #expect(close(try value("adequacy_ratio", "poverty_line", "contributory"), 14_800.0 / 8_400, 1e-9))
        // C102: base = minimum wage (EOBI), so the reference wage is 37,000: 14,800 ÷ 37,000 = 0.40.
        #expect(close(try value("adequacy_ratio", "c102", "contributory"), 0.40, 1e-9))
        #expect(try value("adequacy_standard", "c102", "contributory") == 0.40)
        #expect(try value("adequacy_reference_wage", "c102", "contributory") == 37_000)

        // The social pension pays nobody (the man of 70 has a contributory pension): no records.
        #expect(Self.record(set, "benefit_per_beneficiary", "scheme", "social_pension") == nil)
        // The minimum wage pays no benefit: no adequacy records.
        #expect(Self.record(set, "benefit_per_beneficiary", "scheme", "minimum_wage") == nil)
    }

    @Test("the C102 check uses the mean wage when contributions are levied on earnings, and goes when the level is not given")
    func c102Reference() throws {
        let population = IndicatorTests.population()
        var policy = Self.policy(oldAgeLevel: 0.45)
        var contributory = try #require(policy[ContributoryInsurance.self])
        contributory.contributionBase = .earnings
        policy[ContributoryInsurance.self] = contributory
        let result = try PolicyEngine.run(policy, on: population)
        let set = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        // Mean wage of employees 37,000 (the man of A after the floor); the pension is
        // 14,800 either way (the accrual uses the minimum wage): 0.40 < 0.45, below.
        let ratio = try #require(Self.record(set, "adequacy_ratio", "c102", "contributory"))
        #expect(close(ratio, 0.40, 1e-9))
        #expect(try #require(Self.record(set, "adequacy_standard", "c102", "contributory")) == 0.45)
        #expect(ratio < 0.45)

        policy.c102Levels = [:]
        let without = try IndicatorCalculator.compute(population: population, result: try PolicyEngine.run(policy, on: population), policy: policy)
        #expect(Self.record(without, "adequacy_ratio", "c102", "contributory") == nil)
        #expect(Self.record(without, "adequacy_ratio", "poverty_line", "contributory") != nil)
    }

    @Test("enrollees by phase and by sex")
    func enrolleesByPhase() throws {
        let population = IndicatorTests.population()
        // Two phases: the first targets women, the second men; only the woman of B (weight 3,
        // own-account, informal) matches a phase's target (the man of A is a registered formal employee).
        let women = PhaseTarget(labourStatuses: [.employee, .ownAccount], formal: false, sexes: [.female])
        let men = PhaseTarget(labourStatuses: [.employee, .ownAccount], formal: false, sexes: [.male])
        var policy = r1Policy(phases: [extensionPhase(name: "women", target: women), extensionPhase(name: "men", target: men)])
        policy.c102Levels = [:]
        let result = try PolicyEngine.run(policy, on: population)
        let set = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        #expect(Self.record(set, "phase_enrollees", "phase", "women") == 3)
        #expect(Self.record(set, "phase_enrollees", "phase_sex", "women:F") == 3)
        #expect(Self.record(set, "phase_enrollees", "phase_sex", "women:M") == 0)
        #expect(Self.record(set, "phase_enrollees", "phase", "men") == 0)
        #expect(Self.record(set, "phase_enrollees", "phase_sex", "men:M") == 0)
        // The phases' enrollees add up to extension_enrollees.
        #expect(set["extension_enrollees"] == 3)

        // A result built by hand carries no registration: zero enrollees, no crash.
        var bare = result
        bare.registration = .empty
        let bareSet = try IndicatorCalculator.compute(population: population, result: bare, policy: policy)
        #expect(Self.record(bareSet, "phase_enrollees", "phase", "women") == 0)
    }

    @Test("poverty gap by group: population-weighted groups combine to the total; old-age poverty is the 65+ group")
    func povertyGapByGroup() throws {
        let population = IndicatorTests.population()
        // No phase; line 12,000. A: 37,000 − 370 + 4,500 = 41,130 ÷ 2.8 = 14,689 (not poor).
        // B: 10,000 + 14,800 = 24,800 ÷ 2.8 = 8,857.14 (poor; gap g = (12,000 − 8,857.14) ÷ 12,000 = 0.261905).
        var policy = r1Policy()
        policy.povertyLine = 12_000
        let result = try PolicyEngine.run(policy, on: population)
        let set = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        let g = (12_000 - 24_800.0 / 2.8) / 12_000
        // Total: B's 3 persons × weight 3 = 9 poor of 15 weighted persons, each with gap g.
        #expect(close(try #require(set["poverty_gap_policy"]), 9 * g / 15, 1e-9))
        // By sex: women 8 (A woman 2, B woman 3, girl 3), 6 poor; men 7 (A man 2, boy 2, B man 3), 3 poor.
        #expect(close(try #require(Self.record(set, "poverty_gap_policy", "sex", "F")), 6 * g / 8, 1e-9))
        #expect(close(try #require(Self.record(set, "poverty_gap_policy", "sex", "M")), 3 * g / 7, 1e-9))
        // Old-age poverty: the 65+ group is the man of B alone.
        #expect(Self.record(set, "poverty_headcount_policy", "age_group", "65+") == 1)
        #expect(close(try #require(Self.record(set, "poverty_gap_policy", "age_group", "65+")), g, 1e-9))

        // Every breakdown: Σ group persons × group gap = population × total gap.
        let total = try #require(set["poverty_gap_policy"])
        var persons: [String: [String: Double]] = [:]
        for h in 0..<population.householdCount {
            for p in population.personRange(h) {
                let w = population.householdWeight[h]
                persons["sex", default: [:]][population.sex[p].code, default: 0] += w
                persons["age_group", default: [:]][AgeGroup(age: Int(population.age[p])).code, default: 0] += w
                persons["province", default: [:]][population.province[p].code, default: 0] += w
                persons["area", default: [:]][population.urban[p] ? "urban" : "rural", default: 0] += w
            }
        }
        for (breakdown, groups) in persons {
            var combined = 0.0
            for (group, weight) in groups {
                combined += weight * (try #require(Self.record(set, "poverty_gap_policy", breakdown, group), "\(breakdown) \(group)"))
            }
            #expect(close(combined / 15, total, 1e-12), "\(breakdown)")
        }
    }

    @Test("the baseline gives the C102 levels as data; R1 gives none; a level above 1 is refused with key and fix")
    func standardsAreData() throws {
        let baseline = repositoryRoot.appendingPathComponent("scenarios/baseline.yaml")
        let policy = try ScenarioLoader.load(baseline).policy(year: 2025)
        #expect(policy.c102Levels == [.oldAge: 0.40, .disability: 0.40, .maternity: 0.45])
        let r1 = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml")).policy(year: 2025)
        #expect(r1.c102Levels.isEmpty)
        #expect(try ScenarioLoader.load(baseline, overrides: ["adequacy.c102_old_age=0.5"]).policy(year: 2025).c102Levels[.oldAge] == 0.5)
        do {
            _ = try ScenarioLoader.load(baseline, overrides: ["adequacy.c102_old_age=1.5"])
            Issue.record("a C102 level of 1.5 was accepted")
        } catch let errors as InputErrors {
            let error = try #require(errors.errors.first)
            #expect(error.file == "--set" && error.column == "adequacy.c102_old_age" && !error.fix.isEmpty, "\(error)")
        }
    }
}
