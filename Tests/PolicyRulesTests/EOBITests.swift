import Foundation
@testable import PolicyRules
import PopulationData
import Testing

/// EOBI as it is (issue 11): public employees outside the scheme, pensions fixed at award
/// and raised by dated increases, the fiscal-year mean of a January increase.
@Suite("EOBI: public employees, pensions in payment, dated uprating")
struct EOBITests {
    @Test("a January increase counts for half the fiscal year: uprating and minimum pension of the baseline")
    func fiscalYearMeans() throws {
        let scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/baseline.yaml"))
        func eobi(_ year: Int) throws -> ContributoryInsurance {
            let policy = try scenario.policy(year: year)
            return try #require(policy[ContributoryInsurance.self])
        }
        // 2023-24: uprating 1 all year; minimum 8,500 in July, 10,000 from August:
        // (8,500 + 11 × 10,000) / 12 = 118,500 / 12 = 9,875.
        #expect(try eobi(2023).pensionUprating == 1)
        #expect(abs(try eobi(2023).minimumPension - 9_875) < 1e-9)
        // 2024-25: 1.0 for July-December, 1.15 for January-June: (6 × 1 + 6 × 1.15) / 12 = 1.075;
        // minimum (6 × 10,000 + 6 × 11,500) / 12 = 10,750.
        #expect(abs(try eobi(2024).pensionUprating - 1.075) < 1e-12)
        #expect(abs(try eobi(2024).minimumPension - 10_750) < 1e-9)
        // 2025-26: the whole year at the new values.
        #expect(abs(try eobi(2025).pensionUprating - 1.15) < 1e-12)
        #expect(try eobi(2025).minimumPension == 11_500)
    }

    @Test("a stored pension is uprated and floored at the minimum; no stored award gets the formula at today's minimum wage")
    func pensionsInPayment() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            // Stored 12,000: 12,000 × 1.075 = 12,900 above the minimum 10,750.
            .init(id: 1, age: 66, years: 20, pension: 12_000),
            // Stored 10,000 (at the old minimum): 10,000 × 1.075 = 10,750 = the minimum.
            .init(id: 2, age: 70, years: 16, pension: 10_000),
            // No stored award, 30 years: 37,000 × 30 / 50 = 22,200.
            .init(id: 3, age: 61, years: 30),
            // No stored award, 15 years: 37,000 × 15 / 50 = 11,100.
            .init(id: 4, age: 56, sex: .female, years: 15),
            // Stored pension but only 14 years: not eligible, nothing paid.
            .init(id: 5, age: 65, years: 14, pension: 15_000),
        ])
        var policy = r1Policy()
        policy[ContributoryInsurance.self]?.pensionUprating = 1.075
        policy[ContributoryInsurance.self]?.minimumPension = 10_750
        let result = try PolicyEngine.run(policy, on: b.population)
        let received = try #require(result.columns(of: ContributoryInsurance.self)).received
        let expected = [12_900.0, 10_750, 22_200, 11_100, 0]
        for (got, want) in zip(received, expected) { #expect(abs(got - want) < 1e-6, "\(got) vs \(want)" as Comment) }
    }

    @Test("public employees never contribute and no contributory extension phase reaches them")
    func publicEmployeesOutside() throws {
        var b = HouseholdBuilder()
        b.household(id: 1, [
            // Public, formal, registration draw 0.1 < 1: would be registered if private.
            .init(id: 1, age: 40, status: .employee, sector: .services, formal: true, earnings: 60_000, publicSector: true, transitionDraw: 0.1),
            // Private formal employee, registered.
            .init(id: 2, age: 40, status: .employee, sector: .services, formal: true, earnings: 60_000, transitionDraw: 0.1),
            // Private formal employee, not registered at rate 0.2 (draw 0.5): the phase enrols them.
            .init(id: 3, age: 40, status: .employee, sector: .services, formal: true, earnings: 60_000, transitionDraw: 0.5),
        ])
        var policy = r1Policy()
        policy[ContributoryInsurance.self]?.registrationRate = 0.2
        policy.phases = [extensionPhase(target: PhaseTarget(labourStatuses: [.employee]), subsidy: 0.5)]
        let result = try PolicyEngine.run(policy, on: b.population)
        #expect(result.contributorStatus == [.none, .formal, .extensionEnrollee])
        #expect(result.workerContribution[0] == 0 && result.employerContribution[0] == 0 && result.contributionSubsidy[0] == 0)
        // Even at registration rate 1 a public employee is not a contributor.
        policy[ContributoryInsurance.self]?.registrationRate = 1
        policy.phases = []
        #expect(try PolicyEngine.run(policy, on: b.population).contributorStatus == [.none, .formal, .formal])
    }
}
