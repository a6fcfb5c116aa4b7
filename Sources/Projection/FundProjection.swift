import Foundation
import Indicators
import ResultsFormat
import PolicyRules
import SpsimSupport

/// What the fund projection cannot know, read from a parameter file
/// (scenarios/assumptions/eobi-fund.yaml): initial reserve, return, administration, target.
public struct FundAssumptions: Sendable, Equatable {
    public var file: String
    public var initialReserve: Double
    public var investmentReturn: Double
    public var adminShare: Double
    public var targetReserveYears: Double
    public var sources: [String: String]

    static let units = ["initial_reserve": "PKR", "investment_return": "/year", "admin_share": "/1", "target_reserve_years": "years"]

    public init(file: String = "", initialReserve: Double, investmentReturn: Double, adminShare: Double, targetReserveYears: Double, sources: [String: String] = [:]) {
        self.file = file; self.initialReserve = initialReserve; self.investmentReturn = investmentReturn
        self.adminShare = adminShare; self.targetReserveYears = targetReserveYears; self.sources = sources
    }

    public static func load(_ url: URL) throws(InputErrors) -> FundAssumptions {
        let read = try NumericParameterFile.load(url, units: units, range: { name in
            switch name {
            case "initial_reserve": return -1e15...1e15
            case "investment_return": return -0.5...1
            case "target_reserve_years": return 0...10
            default: return 0...1
            }
        }, what: "the fund assumptions file", shipped: "scenarios/assumptions/eobi-fund.yaml", needsBaseYear: false)
        return FundAssumptions(file: read.file, initialReserve: read.values["initial_reserve"] ?? 0, investmentReturn: read.values["investment_return"] ?? 0,
                               adminShare: read.values["admin_share"] ?? 0, targetReserveYears: read.values["target_reserve_years"] ?? 0, sources: read.sources)
    }
}

extension FundProjection {
    /// Projects the fund from yearly contribution income, benefits and insurable earnings.
    public static func project(scenario: String, years: [Int], contributions: [Double], benefits: [Double], insurableEarnings: [Double],
                               assumptions: FundAssumptions) -> FundProjection {
        var rows: [FundYear] = []
        var reserve = assumptions.initialReserve
        var depletion: Int? = nil
        var pvExpenditure = 0.0, pvEarnings = 0.0, discount = 1.0
        for (t, year) in years.enumerated() {
            let investment = assumptions.investmentReturn * reserve
            let admin = assumptions.adminShare * contributions[t]
            let expenditure = benefits[t] + admin
            reserve += contributions[t] + investment - expenditure
            if depletion == nil && reserve < 0 { depletion = year }
            rows.append(FundYear(year: year, insurableEarnings: insurableEarnings[t], contributionIncome: contributions[t], investmentIncome: investment,
                                 benefitExpenditure: benefits[t], adminExpenditure: admin, reserve: reserve,
                                 paygCostRate: insurableEarnings[t] > 0 ? expenditure / insurableEarnings[t] : .nan,
                                 reserveRatio: expenditure > 0 ? reserve / expenditure : .nan))
            discount /= 1 + assumptions.investmentReturn
            pvExpenditure += expenditure * discount
            pvEarnings += insurableEarnings[t] * discount
        }
        let lastExpenditure = rows.last.map { $0.benefitExpenditure + $0.adminExpenditure } ?? 0
        let gap = pvEarnings > 0 ? (pvExpenditure + assumptions.targetReserveYears * lastExpenditure * discount - assumptions.initialReserve) / pvEarnings : .nan
        return FundProjection(scenario: scenario, years: rows, depletionYear: depletion, generalAveragePremium: gap, initialReserve: assumptions.initialReserve)
    }

    /// The fund of each compared scenario from its records (the means, with replicates):
    /// contribution income `contribution_revenue`, benefits `contributory_pension_expenditure`,
    /// insurable earnings = contribution income ÷ the scenario's contribution rate that year.
    /// Scenarios without the contributory scheme are left out.
    public static func fromRecords(_ records: [ScenarioYearRecord], scenarios: [Scenario], years: [Int], assumptions: FundAssumptions) throws -> [FundProjection] {
        var index: [String: Double] = [:]
        for r in records where r.record.breakdown == "total" { index["\(r.scenario)|\(r.year)|\(r.record.indicator)"] = r.record.value }
        var result: [FundProjection] = []
        for scenario in scenarios {
            var contributions: [Double] = [], benefits: [Double] = [], earnings: [Double] = []
            var runs = true
            for year in years {
                guard let scheme = try scenario.policy(year: year)[ContributoryInsurance.self], scheme.enabled, scheme.contributionRate > 0 else { runs = false; break }
                let c = index["\(scenario.name)|\(year)|contribution_revenue"] ?? 0
                contributions.append(c)
                benefits.append(index["\(scenario.name)|\(year)|contributory_pension_expenditure"] ?? 0)
                earnings.append(c / scheme.contributionRate)
            }
            if runs {
                result.append(project(scenario: scenario.name, years: years, contributions: contributions, benefits: benefits, insurableEarnings: earnings, assumptions: assumptions))
            }
        }
        return result
    }
}
