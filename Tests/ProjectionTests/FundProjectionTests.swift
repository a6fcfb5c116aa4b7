import Foundation
import Testing
@testable import Projection
import ResultsFormat
import SpsimSupport

@Suite("The fund of a contributory scheme (ILO actuarial measures)")
struct FundProjectionTests {
    /// Three years worked by hand: F(0) = 100, r = 10%, admin 10% of contributions, target
    /// reserve one year of the last expenditure.
    ///   t=1: C 50, B 40, A 5, I 0.1·100 = 10, F = 100 + 50 + 10 − 45 = 115, E = 45
    ///   t=2: C 50, B 80, A 5, I 11.5, F = 115 + 50 + 11.5 − 85 = 91.5, E = 85
    ///   t=3: C 50, B 200, A 5, I 9.15, F = 91.5 + 50 + 9.15 − 205 = −54.35 (depleted), E = 205
    ///   S = 500 a year: cost rates 0.09, 0.17, 0.41; reserve ratios 115/45, 91.5/85, −54.35/205.
    ///   GAP = [45/1.1 + 85/1.1² + 205/1.1³ + 205/1.1³ − 100] ÷ [500 (1/1.1 + 1/1.1² + 1/1.1³)].
    @Test func threeYearsByHand() {
        let assumptions = FundAssumptions(initialReserve: 100, investmentReturn: 0.1, adminShare: 0.1, targetReserveYears: 1)
        let fund = FundProjection.project(scenario: "s", years: [2025, 2026, 2027], contributions: [50, 50, 50], benefits: [40, 80, 200],
                                          insurableEarnings: [500, 500, 500], assumptions: assumptions)
        let reserves = fund.years.map(\.reserve)
        for (got, expected) in zip(reserves, [115, 91.5, -54.35]) { #expect(abs(got - expected) < 1e-12, "\(reserves)") }
        for (got, expected) in zip(fund.years.map(\.investmentIncome), [10, 11.5, 9.15]) { #expect(abs(got - expected) < 1e-12) }
        for (got, expected) in zip(fund.years.map(\.paygCostRate), [0.09, 0.17, 0.41]) { #expect(abs(got - expected) < 1e-15) }
        for (got, expected) in zip(fund.years.map(\.reserveRatio), [115.0 / 45, 91.5 / 85, -54.35 / 205]) { #expect(abs(got - expected) < 1e-12) }
        #expect(fund.depletionYear == 2027)
        let v = 1 / 1.1
        let gap = (45 * v + 85 * v * v + 205 * v * v * v + 205 * v * v * v - 100) / (500 * (v + v * v + v * v * v))
        #expect(abs(fund.generalAveragePremium - gap) < 1e-12)
        // Income and expenditure reconcile with the reserve every year.
        var previous = 100.0
        for y in fund.years {
            #expect(abs(previous + y.contributionIncome + y.investmentIncome - y.benefitExpenditure - y.adminExpenditure - y.reserve) < 1e-12)
            previous = y.reserve
        }
    }

    @Test func fundCSVRoundTrips() throws {
        let assumptions = FundAssumptions(initialReserve: 0, investmentReturn: 0.08, adminShare: 0.1, targetReserveYears: 0)
        let funds = [FundProjection.project(scenario: "a", years: [2025, 2026], contributions: [10, 12], benefits: [20, 21], insurableEarnings: [100, 120], assumptions: assumptions),
                     FundProjection.project(scenario: "b", years: [2025, 2026], contributions: [30, 32], benefits: [20, 21], insurableEarnings: [300, 320], assumptions: assumptions)]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fund-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try AtomicFile.write(FundRecords.csv(funds), to: url)
        #expect(try FundRecords.read(url) == funds)
        #expect(funds[0].depletionYear == 2025 && funds[1].depletionYear == nil)
    }

    @Test func assumptionsFileIsCheckedWithLineAndKey() throws {
        let shipped = ScenarioFolder.repository.appendingPathComponent("scenarios/assumptions/eobi-fund.yaml")
        let loaded = try FundAssumptions.load(shipped)
        #expect(loaded.initialReserve == 0 && loaded.investmentReturn == 0.10 && loaded.adminShare == 0.10 && loaded.targetReserveYears == 1)
        let text = try String(contentsOf: shipped, encoding: .utf8).replacingOccurrences(of: "value: 0.10\n  admin_share", with: "value: 10\n  admin_share")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fund-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try text.write(to: url, atomically: true, encoding: .utf8)
        do {
            _ = try FundAssumptions.load(url)
            Issue.record("a 1,000% return was accepted")
        } catch {
            #expect(error.errors.first?.column == "parameters.investment_return.value" && error.errors.first?.line != nil && error.errors.first?.problem == "out of range")
        }
    }
}
