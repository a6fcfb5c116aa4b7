import Foundation
import ResultsFormat
import SpsimSupport

/// The tornado as text (console and summary.md): for each scenario and indicator, each
/// uncertain assumption's bounds and the indicator at each, largest swing first.
public enum TornadoTable {
    static let labels = ["government_cost_pct_gdp": "Government cost, % of GDP", "coverage_rate": "Coverage, SDG 1.3.1 (all)"]

    static func format(_ value: Double, indicator: String) -> String {
        guard value.isFinite else { return "n/a" }
        return indicator == "coverage_rate" ? NumberText.percent(value, digits: 1) : NumberText.fixed(value, digits: 3) + "%"
    }

    static func input(_ value: Double) -> String { value.description }

    public static func console(_ bars: [TornadoBar]) -> String {
        guard let year = bars.first?.year else { return "" }
        var out = "\nWhat drives the results in \(year) (each assumption at its low and high bound, the others central):\n"
        var keys: [(String, String)] = []
        for bar in bars where !keys.contains(where: { $0 == (bar.scenario, bar.indicator) }) { keys.append((bar.scenario, bar.indicator)) }
        for (scenario, indicator) in keys {
            let group = bars.filter { $0.scenario == scenario && $0.indicator == indicator }
            guard let first = group.first else { continue }
            out += "\n\(scenario): \(labels[indicator] ?? indicator), central \(format(first.central, indicator: indicator))\n"
            var table = TextTable(headers: ["assumption", "unit", "low", "high", "at low", "at high"], alignments: [.left, .left, .right, .right, .right, .right])
            for bar in group {
                table.add([bar.parameter, bar.unit, input(bar.lowInput), input(bar.highInput), format(bar.atLow, indicator: indicator), format(bar.atHigh, indicator: indicator)])
            }
            out += table.render()
        }
        return out
    }
}
