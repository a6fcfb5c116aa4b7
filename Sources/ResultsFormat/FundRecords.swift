import Foundation
import SpsimSupport

/// One year of a contributory scheme's fund (ILO actuarial measures,
/// shared/reference/actuarial-definitions.md); money in PKR per year.
public struct FundYear: Sendable, Equatable {
    public init(year: Int, insurableEarnings: Double, contributionIncome: Double, investmentIncome: Double, benefitExpenditure: Double,
                adminExpenditure: Double, reserve: Double, paygCostRate: Double, reserveRatio: Double) {
        self.year = year; self.insurableEarnings = insurableEarnings; self.contributionIncome = contributionIncome; self.investmentIncome = investmentIncome
        self.benefitExpenditure = benefitExpenditure; self.adminExpenditure = adminExpenditure; self.reserve = reserve
        self.paygCostRate = paygCostRate; self.reserveRatio = reserveRatio
    }
    public var year: Int
    /// S(t): the wage base on which contributions are due (contributions ÷ contribution rate).
    public var insurableEarnings: Double
    /// C(t) with the government's subsidies of contributions (extension enrollees).
    public var contributionIncome: Double
    /// r × F(t − 1).
    public var investmentIncome: Double
    public var benefitExpenditure: Double
    public var adminExpenditure: Double
    /// F(t) = F(t − 1) + I(t) − E(t).
    public var reserve: Double
    /// E(t) ÷ S(t).
    public var paygCostRate: Double
    /// F(t) ÷ E(t).
    public var reserveRatio: Double
}

/// The fund of one scenario over the horizon, with its depletion year and general average premium.
public struct FundProjection: Sendable, Equatable {
    public var scenario: String
    public var years: [FundYear]
    /// The first year whose end-of-year reserve is negative; nil when it never is.
    public var depletionYear: Int?
    /// GAP(0, n) = [PV(E(1..n)) + PV(F*(n)) − F(0)] ÷ PV(S(1..n)), discounted at the
    /// investment return, with F*(n) = target years × E(n).
    public var generalAveragePremium: Double
    /// F(0): the reserve at the start of the first year (an assumption).
    public var initialReserve: Double

    public init(scenario: String, years: [FundYear], depletionYear: Int?, generalAveragePremium: Double, initialReserve: Double) {
        self.scenario = scenario; self.years = years; self.depletionYear = depletionYear; self.generalAveragePremium = generalAveragePremium
        self.initialReserve = initialReserve
    }
}

/// `fund.csv`: one row per scenario and year; the depletion year, the general average
/// premium and the initial reserve of the scenario repeated on each of its rows.
public enum FundRecords {
    public static let fileName = "fund.csv"
    public static let header = ["scenario", "year", "insurable_earnings", "contribution_income", "investment_income", "benefit_expenditure",
                                "admin_expenditure", "reserve", "payg_cost_rate", "reserve_ratio", "depletion_year", "general_average_premium", "initial_reserve"]

    static func number(_ x: Double) -> String { x.isFinite ? x.description : "" }

    public static func csv(_ funds: [FundProjection]) -> String {
        var text = CSVText.row(header)
        for fund in funds {
            for y in fund.years {
                text += CSVText.row([fund.scenario, String(y.year), number(y.insurableEarnings), number(y.contributionIncome), number(y.investmentIncome),
                                     number(y.benefitExpenditure), number(y.adminExpenditure), number(y.reserve), number(y.paygCostRate), number(y.reserveRatio),
                                     fund.depletionYear.map(String.init) ?? "", number(fund.generalAveragePremium), number(fund.initialReserve)])
            }
        }
        return text
    }

    /// Reads `fund.csv` back (for the report); a malformed row is an `InputError` with its line.
    public static func read(_ url: URL) throws -> [FundProjection] {
        let lines = CSVText.lines(try String(contentsOf: url, encoding: .utf8))
        guard let first = lines.first, first.fields == header else {
            throw InputError(file: url.path, line: 1, problem: "not a fund.csv header", value: lines.first?.raw, fix: "write the folder again with spsim compare")
        }
        var funds: [FundProjection] = []
        for line in lines.dropFirst() {
            let f = line.fields
            func value(_ i: Int) throws -> Double {
                if f[i].isEmpty { return .nan }
                guard let x = Double(f[i]) else { throw InputError(file: url.path, line: line.line, column: header[i], problem: "not a number", value: f[i], fix: "write the folder again with spsim compare") }
                return x
            }
            guard f.count == header.count, let year = Int(f[1]) else {
                throw InputError(file: url.path, line: line.line, problem: "a row needs \(header.count) fields with a year", value: line.raw, fix: "write the folder again with spsim compare")
            }
            let row = FundYear(year: year, insurableEarnings: try value(2), contributionIncome: try value(3), investmentIncome: try value(4), benefitExpenditure: try value(5),
                               adminExpenditure: try value(6), reserve: try value(7), paygCostRate: try value(8), reserveRatio: try value(9))
            if funds.last?.scenario == f[0] { funds[funds.count - 1].years.append(row) } else {
                funds.append(FundProjection(scenario: f[0], years: [row], depletionYear: Int(f[10]), generalAveragePremium: try value(11), initialReserve: try value(12)))
            }
        }
        return funds
    }
}
