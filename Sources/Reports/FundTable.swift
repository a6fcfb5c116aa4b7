import Foundation
import ResultsFormat
import SpsimSupport

/// The EOBI fund of each scenario as text (console): the last year's reserve, cost rate
/// and reserve ratio, the depletion year and the general average premium.
public enum FundTable {
    public static func console(_ funds: [FundProjection], assumptionsFile: String, initialReserve: Double) -> String {
        guard let first = funds.first?.years.first?.year, let last = funds.first?.years.last?.year else { return "" }
        var out = "\nEOBI fund, \(first)–\(last) (ILO measures, ages held fixed; assumptions: \(assumptionsFile); fund.csv has every year):\n"
        var table = TextTable(headers: ["scenario", "reserve \(last), PKR bn", "PAYG cost rate \(last)", "reserve ratio \(last)", "depleted in", "GAP \(first)–\(last)"],
                              alignments: [.left, .right, .right, .right, .right, .right])
        for fund in funds {
            guard let end = fund.years.last else { continue }
            table.add([fund.scenario, NumberText.grouped(end.reserve / 1e9, digits: 1),
                       end.paygCostRate.isFinite ? NumberText.percent(end.paygCostRate, digits: 1) : "n/a",
                       end.reserveRatio.isFinite ? NumberText.fixed(end.reserveRatio, digits: 1) + " years" : "n/a",
                       fund.depletionYear.map(String.init) ?? "not by \(last)",
                       fund.generalAveragePremium.isFinite ? NumberText.percent(fund.generalAveragePremium, digits: 1) : "n/a"])
        }
        out += table.render()
        out += "PAYG cost rate: expenditure ÷ insurable earnings; GAP: the constant contribution rate that finances the horizon's expenditure and the target reserve.\n"
        out += notes(initialReserve: initialReserve, first: first).map { "Note: \($0)\n" }.joined()
        return out
    }

    /// What a reader must know: ages are held fixed, and (when it is 0) the initial reserve is unknown.
    public static func notes(initialReserve: Double, first: Int) -> [String] {
        var notes = ["Ages are held fixed (static ageing): workers enrolled by an extension never reach pension age within the projection, so the pensions they will draw are not in these figures, and the cost rate of an extension is understated."]
        if initialReserve == 0 {
            notes.append("The initial reserve is 0 (EOBI's reserve is not in the reference data): the reserve is the balance accumulated from \(first), and 'depleted in' is the first year it is negative.")
        }
        return notes
    }
}
