import Foundation
import Indicators
import PolicyRules
import PopulationData
import ResultsFormat

/// One-at-a-time sensitivity (`compare --tornado`): every scenario projected to `year`
/// with all assumptions central, then with each assumption at its low and at its high
/// bound (the others central), on the same population and draws. 1 + 2K runs of each
/// scenario for K assumptions.
public enum Tornado {
    /// The indicators a tornado shows: what the comparison costs and whom it covers.
    public static let indicators = ["government_cost_pct_gdp", "coverage_rate"]

    public static func run(_ scenarios: [Scenario], assumptions: UncertainAssumptions, population: Population, baseYear: Int, year: Int,
                           projection: PopulationProjection, threads: Int, progress: @Sendable () -> Void = {}) throws -> [TornadoBar] {
        let projector = try Projector(population: population, baseYear: baseYear, years: [year], projection: projection)
        let central = assumptions.centralValues
        // Run 0: all central; run 2k+1: assumption k low; run 2k+2: assumption k high.
        var settings: [[Double]] = [central]
        for (k, assumption) in assumptions.assumptions.enumerated() {
            var low = central, high = central
            low[k] = assumption.distribution.low
            high[k] = assumption.distribution.high
            settings += [low, high]
        }
        let runs = settings
        let comparisons = try Replicates.map(Array(runs.indices), threads: threads) { run in
            try Comparison.run(try scenarios.map { try assumptions.apply(runs[run], to: $0) }, projector: projector, threads: 1, progress: progress)
        }
        var bars: [TornadoBar] = []
        for (s, scenario) in scenarios.enumerated() {
            for indicator in indicators {
                func value(_ run: Int) -> Double { comparisons[run].value(indicator, scenario: s, year: year) ?? .nan }
                var group: [TornadoBar] = []
                for (k, assumption) in assumptions.assumptions.enumerated() {
                    group.append(TornadoBar(scenario: scenario.name, year: year, indicator: indicator, parameter: assumption.parameter, unit: assumption.unit,
                                            lowInput: assumption.distribution.low, highInput: assumption.distribution.high,
                                            central: value(0), atLow: value(2 * k + 1), atHigh: value(2 * k + 2)))
                }
                // Largest swing first; ties keep the file's order.
                bars += group.enumerated().sorted { a, b in
                    a.element.swing != b.element.swing ? a.element.swing > b.element.swing : a.offset < b.offset
                }.map(\.element)
            }
        }
        return bars
    }
}
