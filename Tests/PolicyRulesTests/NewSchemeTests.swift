import Foundation
import Testing
@testable import Indicators
@testable import PolicyRules
import PopulationData

/// The two schemes added through the registry, on hand-made households; every expected
/// value is worked out by hand in the comments.
@Suite("Education stipends and maternity benefit")
struct NewSchemeTests {
    /// Quarterly schedule as in the baseline from 2024: girls 2,500 / 3,500 / 4,500,
    /// boys 2,000 / 3,000 / 4,000.
    static let stipend = EducationStipend(girls: [2_500, 3_500, 4_500], boys: [2_000, 3_000, 4_000], takeUp: 0.6)

    @Test("education stipend: enrolled children of transfer households, by level and sex, paid to the mother")
    func educationStipend() throws {
        var b = HouseholdBuilder()
        // PMT 20 ≤ 32: receives Kafaalat. Mother 35 is the recipient.
        b.household(id: 1, pmt: 20, [
            .init(id: 1, age: 35, sex: .female),
            .init(id: 2, age: 8, sex: .female, school: .primary, takeUpDraw: 0.1),     // 2,500 / 3 = 833.33
            .init(id: 3, age: 12, sex: .male, school: .secondary, takeUpDraw: 0.5),    // 3,000 / 3 = 1,000
            .init(id: 4, age: 16, sex: .female, school: .higherSecondary, takeUpDraw: 0.7), // draw 0.7 ≥ 0.6: not registered
            .init(id: 5, age: 7, sex: .male),                                          // not enrolled
        ])
        // PMT 50 > 32: no Kafaalat, so no stipend although the child is enrolled.
        b.household(id: 2, pmt: 50, [.init(id: 6, age: 40, sex: .female), .init(id: 7, age: 9, sex: .male, school: .primary, takeUpDraw: 0.1)])
        var policy = r1Policy()
        policy[EducationStipend.self] = Self.stipend
        let result = try PolicyEngine.run(policy, on: b.population)
        let expected = 2_500.0 / 3 + 3_000.0 / 3
        #expect(close(result.householdAmount(EducationStipend.self)[0], expected))
        #expect(result.householdAmount(EducationStipend.self)[1] == 0)
        #expect(close(result.received(EducationStipend.self)[0], expected)) // the mother
        #expect(result.received(EducationStipend.self)[1...].allSatisfy { $0 == 0 })
        #expect(result.beneficiary(EducationStipend.self) == [false, true, true, false, false, false, false])
        let columns = try #require(result.columns(of: EducationStipend.self))
        #expect(columns.covers(0) && columns.covers(1) && columns.covers(2) && !columns.covers(3) && !columns.covers(6))
        // Household income counts the stipend once, through the mother: 4,500 Kafaalat + stipends.
        #expect(close(result.policyIncome[0], 4_500 + expected))

        // Without the household transfer nobody is eligible.
        var noTransfer = policy
        noTransfer[HouseholdTransfer.self] = nil
        let without = try PolicyEngine.run(noTransfer, on: b.population)
        #expect(without.received(EducationStipend.self).allSatisfy { $0 == 0 })
    }

    @Test("maternity benefit: insured women who gave birth, rate × reference × weeks ÷ 52 a month, paid from contributions")
    func maternityBenefit() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, weight: 2, pmt: 60, [
            // Formal employee earning 52,000 (above MW), birth: 0.45 × 52,000 × 12 / 52 = 5,400 a month.
            .init(id: 1, age: 28, sex: .female, status: .employee, sector: .services, formal: true, earnings: 52_000, birth: true),
            // Informal (not insured), birth: nothing.
            .init(id: 2, age: 25, sex: .female, status: .employee, sector: .services, formal: false, earnings: 20_000, birth: true),
            // Insured, no birth: nothing.
            .init(id: 3, age: 30, sex: .female, status: .employee, sector: .industry, formal: true, earnings: 40_000),
        ])
        var policy = r1Policy()
        policy[MaternityBenefit.self] = MaternityBenefit(replacementRate: 0.45, weeks: 12, reference: .earnings)
        let result = try PolicyEngine.run(policy, on: b.population)
        #expect(close(result.received(MaternityBenefit.self)[0], 5_400))
        #expect(result.received(MaternityBenefit.self)[1] == 0 && result.received(MaternityBenefit.self)[2] == 0)

        // On the contribution base (EOBI: the minimum wage 37,000): 0.45 × 37,000 × 12 / 52 = 3,842.31.
        policy[MaternityBenefit.self]?.reference = .contributionBase
        let onBase = try PolicyEngine.run(policy, on: b.population)
        #expect(close(onBase.received(MaternityBenefit.self)[0], 0.45 * 37_000 * 12 / 52))

        // Indicators: a year's spending = weight 2 × 5,400 × 12 = 129,600, paid from
        // social insurance, so not in the government's cost; one beneficiary of weight 2.
        policy[MaternityBenefit.self]?.reference = .earnings
        let indicators = try IndicatorCalculator.compute(population: b.population, result: result, policy: policy)
        #expect(close(indicators["maternity_benefit_cost"] ?? .nan, 129_600))
        #expect(indicators["maternity_beneficiaries"] == 2)
        let insurance = indicators.records.first { $0.indicator == "social_insurance_benefits" && $0.group == "maternity_benefit" }
        #expect(close(insurance?.value ?? .nan, 129_600))
        let withoutMaternity = try IndicatorCalculator.compute(population: b.population, result: try PolicyEngine.run(r1Policy(), on: b.population), policy: r1Policy())
        #expect(indicators["government_cost"] == withoutMaternity["government_cost"])
    }

    @Test("education stipend cost and beneficiaries in the indicators, on the budget")
    func stipendIndicators() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, weight: 3, pmt: 20, [
            .init(id: 1, age: 35, sex: .female),
            .init(id: 2, age: 8, sex: .female, school: .primary, takeUpDraw: 0.1), // 2,500 a quarter
        ])
        var policy = r1Policy()
        policy[EducationStipend.self] = Self.stipend
        let result = try PolicyEngine.run(policy, on: b.population)
        let indicators = try IndicatorCalculator.compute(population: b.population, result: result, policy: policy)
        // 3 × 2,500 / 3 × 12 = 30,000 a year; the transfer 3 × 4,500 × 12 = 162,000.
        #expect(close(indicators["education_stipend_cost"] ?? .nan, 30_000))
        #expect(indicators["education_stipend_children"] == 3)
        #expect(close(indicators["government_cost"] ?? .nan, 30_000 + 162_000))
        let line = indicators.records.first { $0.indicator == "scheme_cost" && $0.group == "education_stipend" }
        #expect(close(line?.value ?? .nan, 30_000))
    }
}

@Suite("EOBI registration of formal employees")
struct RegistrationTests {
    @Test("only registered formal employees contribute; the unregistered can join an extension phase")
    func registration() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            // Registered (draw 0.1 < 0.2): employer 5% and worker 1% of MW 37,000.
            .init(id: 1, age: 30, status: .employee, sector: .industry, formal: true, earnings: 40_000, transitionDraw: 0.1),
            // Not registered (0.5 ≥ 0.2): no contribution, not covered as a contributor.
            .init(id: 2, age: 30, status: .employee, sector: .industry, formal: true, earnings: 40_000, transitionDraw: 0.5),
        ])
        var policy = r1Policy()
        policy[ContributoryInsurance.self]?.registrationRate = 0.2
        let result = try PolicyEngine.run(policy, on: b.population)
        #expect(result.contributorStatus == [.formal, .none])
        #expect(close(result.employerContribution[0], 0.05 * 37_000) && result.employerContribution[1] == 0)

        // A phase targeting formal employees reaches the unregistered one only.
        let phase = extensionPhase(target: PhaseTarget(labourStatuses: [.employee], formal: true), subsidy: 0.5)
        var extended = policy
        extended.phases = [phase]
        let withPhase = try PolicyEngine.run(extended, on: b.population)
        #expect(withPhase.contributorStatus == [.formal, .extensionEnrollee])
        // 6% of 37,000 = 2,220, half subsidised.
        #expect(close(withPhase.contributionSubsidy[1], 1_110))
    }
}

@Suite("SDG 1.3.1 by contingency")
struct ContingencyCoverageTests {
    @Test("each contingency's rate: its group, covered by a scheme declared for it (worked by hand)")
    func byContingency() throws {
        var b = HouseholdBuilder()
        // Household A (weight 2, PMT 20: Kafaalat): mother 30 gave birth (formal employee
        // earning 60,000, registered), a boy of 3, a disabled man of 40 (no earnings).
        b.household(id: 1, weight: 2, pmt: 20, [
            .init(id: 1, age: 30, sex: .female, status: .employee, sector: .services, formal: true, earnings: 60_000, birth: true),
            .init(id: 2, age: 3, sex: .male),
            .init(id: 3, age: 40, sex: .male, disabled: true),
        ])
        // Household B (weight 1, PMT 80): a girl of 8, her mother 28 (gave birth, no job), a disabled woman of 70.
        b.household(id: 2, weight: 1, pmt: 80, [
            .init(id: 4, age: 8, sex: .female),
            .init(id: 5, age: 28, sex: .female, birth: true),
            .init(id: 6, age: 70, sex: .female, disabled: true),
        ])
        var policy = r1Policy()
        policy[ChildBenefit.self] = ChildBenefit(amount: 1_000, maximumAge: 5, pmtCutoff: 50, takeUp: 1)     // A's boy only
        policy[DisabilityBenefit.self] = DisabilityBenefit(amount: 2_000, pmtCutoff: 50, takeUp: 1)          // A's man only
        policy[MaternityBenefit.self] = MaternityBenefit(replacementRate: 0.45, weeks: 12, reference: .earnings) // A's mother only
        let result = try PolicyEngine.run(policy, on: b.population)
        let indicators = try IndicatorCalculator.compute(population: b.population, result: result, policy: policy)
        func rate(_ group: String) -> Double? {
            indicators.records.first { $0.indicator == "coverage_rate" && $0.breakdown == "contingency" && $0.group == group }?.value
        }
        // Children under 15: A's boy (w 2, covered) and B's girl (w 1, not): 2/3.
        #expect(close(rate("children") ?? .nan, 2.0 / 3))
        // Disability: A's man (2, covered), B's woman of 70 (1, PMT 80 > 50: not): 2/3.
        #expect(close(rate("disability") ?? .nan, 2.0 / 3))
        // Maternity: A's mother (2, insured: covered), B's mother (1, not insured): 2/3.
        #expect(close(rate("maternity") ?? .nan, 2.0 / 3))
        // Old age: B's woman of 70 (≥ 55, no pension: the social pension is from 65 and she
        // has no contributory pension — R1's social pension at 65 pays her): 1/1.
        #expect(close(rate("old_age") ?? .nan, indicators["old_age_coverage"] ?? .nan))
        // Vulnerable: market income per AE below 8,400: A has 60,000 / 2.8 AE: not poor;
        // B has no earnings: its 3 persons (w 1 each) are poor; covered by a budget scheme:
        // the woman of 70 (social pension) only: 1/3.
        #expect(close(rate("vulnerable") ?? .nan, 1.0 / 3))

        // Poverty by sex: B's three women (weight 1 each) are poor: the social pension
        // 3,000 over 2.8 adult equivalents = 1,071.43 per AE against 8,400; A's mother
        // (weight 2) is not. Women: headcount 3/5, gap 3 × (1 − 1,071.43/8,400) / 5; men: 0.
        func poverty(_ key: String, _ breakdown: String, _ group: String) -> Double? {
            indicators.records.first { $0.indicator == key && $0.breakdown == breakdown && $0.group == group }?.value
        }
        let y = 3_000.0 / 2.8
        #expect(close(poverty("poverty_headcount_policy", "sex", "F") ?? .nan, 0.6))
        #expect(close(poverty("poverty_gap_policy", "sex", "F") ?? .nan, 3 * (1 - y / 8_400) / 5))
        #expect(poverty("poverty_headcount_policy", "sex", "M") == 0)
        // Every breakdown is reported.
        for breakdown in ["sex", "age_group", "province", "area"] {
            let groups = indicators.records.filter { $0.indicator == "poverty_headcount_policy" && $0.breakdown == breakdown }
            #expect(!groups.isEmpty)
        }
        #expect(close(poverty("poverty_headcount_policy", "age_group", "65+") ?? .nan, 1)) // the woman of 70
    }
}
