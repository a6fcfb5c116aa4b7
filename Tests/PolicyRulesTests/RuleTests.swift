import Foundation
import Testing
@testable import Indicators
@testable import PolicyRules
import PopulationData

/// Each rule on small hand-made households; expected values are worked out by hand in
/// the comments (R1's parameter values unless a test changes one).
@Suite("Rules on hand-made households")
struct RuleTests {
    @Test("minimum-wage floor, expected value: employees only, compliance by formality")
    func floorExpected() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            .init(id: 1, age: 30, status: .employee, sector: .services, formal: false, earnings: 20_000), // 20,000 + 0.25 × 17,000 = 24,250
            .init(id: 2, age: 30, status: .employee, sector: .services, formal: true, earnings: 30_000),  // 30,000 + 1 × 7,000 = 37,000
            .init(id: 3, age: 30, status: .ownAccount, sector: .services, earnings: 10_000),                // not an employee: 10,000
            .init(id: 4, age: 30, status: .employee, sector: .industry, earnings: 50_000),                  // above MW: 50,000
        ])
        let result = try PolicyEngine.run(r1Policy(), on: b.population)
        #expect(result.earningsAfterFloor == [24_250, 37_000, 10_000, 50_000])
    }

    @Test("minimum-wage floor, stochastic: the full floor when the compliance draw is below compliance")
    func floorStochastic() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            .init(id: 1, age: 30, status: .employee, earnings: 20_000, complianceDraw: 0.2), // 0.2 < 0.25: paid MW 37,000
            .init(id: 2, age: 30, status: .employee, earnings: 20_000, complianceDraw: 0.3), // 0.3 ≥ 0.25: stays 20,000
            .init(id: 3, age: 30, status: .employee, earnings: 40_000, complianceDraw: 0.1), // above MW: 40,000
        ])
        var policy = r1Policy()
        policy[MinimumWageFloor.self]?.complianceMode = .stochastic
        let result = try PolicyEngine.run(policy, on: b.population)
        #expect(result.earningsAfterFloor == [37_000, 20_000, 40_000])
    }

    @Test("contributions: formal employee with employer, subsidised extension enrollee, earnings base")
    func contributions() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            .init(id: 1, age: 30, status: .employee, sector: .services, formal: true, earnings: 40_000),
            .init(id: 2, age: 30, status: .ownAccount, sector: .services, earnings: 15_000),
            .init(id: 3, age: 30, status: .ownAccount, sector: .agriculture, earnings: 15_000), // not in the target sectors
            .init(id: 4, age: 60, status: .ownAccount, sector: .services, earnings: 15_000),    // above the age range
        ])
        let target = PhaseTarget(labourStatuses: [.employee, .ownAccount], sectors: [.industry, .services], formal: false, minimumAge: 18, maximumAge: 59)
        let policy = r1Policy(phases: [extensionPhase(target: target)])
        let result = try PolicyEngine.run(policy, on: b.population)
        // Formal: worker 0.01 × 37,000 = 370, employer 0.05 × 37,000 = 1,850.
        #expect(close(result.workerContribution[0], 370) && close(result.employerContribution[0], 1_850))
        #expect(result.contributorStatus == [.formal, .extensionEnrollee, .none, .none])
        // Enrollee: total 0.06 × 37,000 = 2,220; government 0.5 × 2,220 = 1,110; worker 1,110.
        #expect(close(result.contributionSubsidy[1], 1_110) && close(result.workerContribution[1], 1_110))
        #expect(result.employerContribution[1] == 0)

        var onEarnings = policy
        onEarnings[ContributoryInsurance.self]?.contributionBase = .earnings
        let second = try PolicyEngine.run(onEarnings, on: b.population)
        // Formal on earnings 40,000: worker 400, employer 2,000. Enrollee on 15,000: total 900, subsidy 450.
        #expect(close(second.workerContribution[0], 400) && close(second.employerContribution[0], 2_000))
        #expect(close(second.contributionSubsidy[1], 450) && close(second.workerContribution[1], 450))
    }

    @Test("contributory pension by age, years, accrual and minimum; social pension tested against it")
    func pensions() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            .init(id: 1, age: 62, sex: .male, years: 20),   // 37,000 × 20 ÷ 50 = 14,800
            .init(id: 2, age: 56, sex: .female, years: 15), // 37,000 × 15 ÷ 50 = 11,100
            .init(id: 3, age: 58, sex: .male, years: 30),   // below 60: none
            .init(id: 4, age: 70, sex: .male, years: 10),   // too few years: none; social pension 3,000
            .init(id: 5, age: 66, sex: .female, years: 16), // 11,840 (no social pension)
            .init(id: 6, age: 80, sex: .female, years: 15, benefitDraw: 0.95), // 11,100
        ])
        b.household(id: 2, [.init(id: 7, age: 61, sex: .male, years: 15)]) // 11,100 (above the 10,000 minimum)
        b.household(id: 3, [.init(id: 8, age: 61, sex: .male, years: 12)]) // nothing
        var policy = r1Policy()
        policy[ContributoryInsurance.self]?.minimumPension = 11_500 // raise the minimum so that 11,100 is topped up
        let result = try PolicyEngine.run(policy, on: b.population)
        #expect(result.received(ContributoryInsurance.self) == [14_800, 11_500, 0, 0, 11_840, 11_500, 11_500, 0])
        #expect(result.received(SocialPension.self) == [0, 0, 0, 3_000, 0, 0, 0, 0])

        policy[SocialPension.self]?.takeUp = 0.9
        b.population.benefitDraw[3] = 0.95 // the 70-year-old does not claim
        let lower = try PolicyEngine.run(policy, on: b.population)
        #expect(lower.received(SocialPension.self)[3] == 0)
    }

    @Test("household transfer: PMT cut-off, take-up by household draw, paid to the oldest adult woman")
    func transfer() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, pmt: 20, [
            .init(id: 5, age: 40, sex: .female), .init(id: 3, age: 40, sex: .female), // tie: smallest person_id 3
            .init(id: 1, age: 70, sex: .male), .init(id: 2, age: 10, sex: .female),
        ])
        b.household(id: 2, pmt: 32, [.init(id: 6, age: 50, sex: .male), .init(id: 7, age: 17, sex: .female)]) // no woman 18+: oldest member (6)
        b.household(id: 3, pmt: 32.01, [.init(id: 8, age: 30, sex: .female)]) // above the cut-off
        b.household(id: 4, pmt: 10, draw: 0.95, [.init(id: 9, age: 30, sex: .female)]) // does not take up at 0.9
        var policy = r1Policy()
        policy[HouseholdTransfer.self]?.takeUp = 0.9
        let result = try PolicyEngine.run(policy, on: b.population)
        #expect(result.householdAmount(HouseholdTransfer.self) == [4_500, 4_500, 0, 0])
        #expect(result.received(HouseholdTransfer.self) == [0, 4_500, 0, 0, 4_500, 0, 0, 0])
        #expect(result.recipient[0] == 1 && result.recipient[1] == 4)
    }

    @Test("child benefit per child under the maximum age to the recipient; disability benefit to the person")
    func childAndDisability() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, pmt: 40, [
            .init(id: 1, age: 30, sex: .female), .init(id: 2, age: 1), .init(id: 3, age: 4), .init(id: 4, age: 5), // two children under 5
            .init(id: 5, age: 50, disabled: true),
        ])
        b.household(id: 2, pmt: 80, [.init(id: 6, age: 2), .init(id: 7, age: 30, disabled: true, benefitDraw: 0.9)])
        var policy = r1Policy()
        policy[HouseholdTransfer.self]?.enabled = false
        policy[ChildBenefit.self] = ChildBenefit(amount: 1_000, maximumAge: 5, pmtCutoff: 50, takeUp: 1)
        policy[DisabilityBenefit.self] = DisabilityBenefit(amount: 2_000, pmtCutoff: 100, takeUp: 0.8)
        let result = try PolicyEngine.run(policy, on: b.population)
        // Household 1: 2 × 1,000 = 2,000 to the woman (person 1); household 2 above the cut-off 50.
        #expect(result.householdAmount(ChildBenefit.self) == [2_000, 0])
        #expect(result.received(ChildBenefit.self) == [2_000, 0, 0, 0, 0, 0, 0])
        #expect(result.beneficiary(ChildBenefit.self) == [false, true, true, false, false, false, false])
        // Disability: person 5 (draw 0.5 < 0.8) gets 2,000; person 7 (draw 0.9) does not.
        #expect(result.received(DisabilityBenefit.self) == [0, 0, 0, 0, 2_000, 0, 0])
        let indicators = try IndicatorCalculator.compute(population: b.population, result: result, policy: policy)
        // Covered: woman 1 (recipient), children 2 and 3, disabled 5 → 4 of 7 persons.
        #expect(close(try #require(indicators["coverage_rate"]), 4.0 / 7.0))
        #expect(close(try #require(indicators["child_benefit_cost"]), 12 * 2_000))
        #expect(close(try #require(indicators["disability_benefit_cost"]), 12 * 2_000))
    }

    @Test("incomes and adult equivalents of a household")
    func incomes() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, pmt: 10, [
            .init(id: 1, age: 30, sex: .female, status: .employee, sector: .services, formal: true, earnings: 30_000),
            .init(id: 2, age: 10), .init(id: 3, age: 67, sex: .male, years: 0),
        ])
        let result = try PolicyEngine.run(r1Policy(), on: b.population)
        // Net earnings 37,000 − 370 = 36,630; social pension 3,000; transfer 4,500 → 44,130.
        #expect(close(result.policyIncome[0], 44_130))
        #expect(close(result.marketIncome[0], 30_000))
        #expect(close(result.adultEquivalents[0], 2.8)) // 1 + 0.8 + 1
    }

    @Test("minimum-wage registration raises the compliance of registered informal employees and costs admin")
    func minimumWageRegistration() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, weight: 10, [
            .init(id: 1, age: 30, status: .employee, sector: .services, earnings: 20_000, takeUpDraw: 0.1), // registered
            .init(id: 2, age: 30, status: .employee, sector: .services, earnings: 20_000, takeUpDraw: 0.7), // not (take-up 0.5)
            .init(id: 3, age: 30, status: .ownAccount, sector: .services, earnings: 20_000, takeUpDraw: 0.1), // not an employee
        ])
        let phase = extensionPhase(name: "register", target: PhaseTarget(sectors: [.services]), initial: 0.5, ceiling: 0.5,
                                   subsidy: 0, admin: 1_200, scheme: .minimumWageRegistration, compliance: 0.9)
        let policy = r1Policy(phases: [phase])
        let result = try PolicyEngine.run(policy, on: b.population)
        // Registered: 20,000 + 0.9 × 17,000 = 35,300; others 20,000 + 0.25 × 17,000 = 24,250.
        #expect(result.earningsAfterFloor == [35_300, 24_250, 20_000])
        let indicators = try IndicatorCalculator.compute(population: b.population, result: result, policy: policy)
        #expect(indicators["minimum_wage_registered"] == 10)
        #expect(indicators["admin_cost"] == 12_000) // 10 persons × 1,200 a year
    }

    @Test("phase take-up ramps linearly from initial to ceiling")
    func ramp() {
        let target = PhaseTarget()
        // 0.05 + (0.40 − 0.05) × 2/5 = 0.19 in 2028; inactive before 2026; ceiling from 2031.
        #expect(close(extensionPhase(target: target, startYear: 2026, initial: 0.05, ceiling: 0.4, rampYears: 5, year: 2028).takeUpRate, 0.19))
        #expect(!extensionPhase(target: target, startYear: 2026, year: 2025).active)
        #expect(close(extensionPhase(target: target, startYear: 2026, initial: 0.05, ceiling: 0.4, rampYears: 5, year: 2035).takeUpRate, 0.4))
    }

    @Test("registration capacity lowers the draw threshold, cumulatively by year")
    func capacity() throws {
        var b = HouseholdBuilder()
        // Four target workers with weights 1, 2, 3, 4 and draws 0.1 … 0.4.
        for (i, draw) in [Float(0.1), 0.2, 0.3, 0.4].enumerated() {
            b.household(id: Int64(i + 1), weight: Double(i + 1), [.init(id: Int64(i + 1), age: 30, status: .ownAccount, sector: .services, takeUpDraw: draw)])
        }
        let target = PhaseTarget(labourStatuses: [.ownAccount])
        // Year 1: capacity 3.5 → weights 1 + 2 = 3 ≤ 3.5 but 1 + 2 + 3 = 6 > 3.5: the first two.
        let first = try PolicyEngine.run(r1Policy(phases: [extensionPhase(target: target, capacity: 3.5, year: 2025)]), on: b.population)
        #expect(first.contributorStatus.map(\.isActive) == [true, true, false, false])
        // Year 2: cumulative capacity 7 → 6 ≤ 7 < 10: the first three.
        let second = try PolicyEngine.run(r1Policy(phases: [extensionPhase(target: target, capacity: 3.5, year: 2026)]), on: b.population)
        #expect(second.contributorStatus.map(\.isActive) == [true, true, true, false])
    }

    @Test("a person matching two phases of a scheme belongs to the first listed")
    func firstPhaseWins() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [.init(id: 1, age: 30, status: .ownAccount, sector: .services, takeUpDraw: 0.3)])
        let first = extensionPhase(name: "a", target: PhaseTarget(sectors: [.services]), initial: 0.2, ceiling: 0.2, subsidy: 0.5)
        let second = extensionPhase(name: "b", target: PhaseTarget(labourStatuses: [.ownAccount]), subsidy: 0.9)
        // Member of "a" (take-up 0.2 < draw 0.3): not registered, and not enrolled by "b" either.
        let result = try PolicyEngine.run(r1Policy(phases: [first, second]), on: b.population)
        #expect(result.contributorStatus == [.none])
    }

    @Test("results do not depend on the block size")
    func blockSizeIndependence() throws {
        // A deterministic mixed population of 300 households from a simple LCG.
        var state: UInt64 = 12345
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        var b = HouseholdBuilder()
        var id: Int64 = 1
        for h in 0..<300 {
            var persons: [HouseholdBuilder.Person] = []
            for _ in 0..<(1 + Int(next() * 6)) {
                let status = LabourStatus.allCases[Int(next() * 6)]
                let employed = status.isEmployed
                persons.append(.init(id: id, age: UInt8(next() * 90), sex: next() < 0.5 ? .female : .male, status: status,
                                     sector: employed ? Sector.allCases[1 + Int(next() * 3)] : .none, formal: employed && next() < 0.3,
                                     earnings: employed ? next() * 80_000 : 0, years: UInt16(next() * 30), disabled: next() < 0.05,
                                     province: Province.allCases[Int(next() * 5)], urban: next() < 0.4,
                                     takeUpDraw: Float(next()), complianceDraw: Float(next()), benefitDraw: Float(next())))
                id += 1
            }
            b.household(id: Int64(h + 1), weight: 100 + next() * 1000, pmt: next() * 100, draw: Float(next()), persons)
        }
        let target = PhaseTarget(labourStatuses: [.employee, .ownAccount], formal: false)
        var policy = r1Policy(phases: [extensionPhase(target: target, initial: 0.3, ceiling: 0.6, rampYears: 3, capacity: 5_000, year: 2026)])
        policy[ChildBenefit.self] = ChildBenefit(amount: 1_000, maximumAge: 5, pmtCutoff: 40, takeUp: 0.8)
        policy[DisabilityBenefit.self] = DisabilityBenefit(amount: 2_000, pmtCutoff: 100, takeUp: 0.7)
        policy[MinimumWageFloor.self]?.complianceMode = .stochastic
        let reference = try PolicyEngine.run(policy, on: b.population, blockSize: 300)
        let referenceIndicators = try IndicatorCalculator.compute(population: b.population, result: reference, policy: policy)
        for size in [1, 7, 64] {
            let other = try PolicyEngine.run(policy, on: b.population, blockSize: size)
            #expect(other.policyIncome == reference.policyIncome)
            #expect(other.contributorStatus == reference.contributorStatus)
            #expect(other.received(HouseholdTransfer.self) == reference.received(HouseholdTransfer.self))
            let indicators = try IndicatorCalculator.compute(population: b.population, result: other, policy: policy)
            let same = indicators.records.count == referenceIndicators.records.count
                && zip(indicators.records, referenceIndicators.records).allSatisfy { a, b in
                    a.indicator == b.indicator && a.group == b.group && (a.value == b.value || (a.value.isNaN && b.value.isNaN))
                }
            #expect(same, "indicators differ with block size \(size)")
        }
        #expect(reference.contributorStatus.contains(.extensionEnrollee))
    }
}
