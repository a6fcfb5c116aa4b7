// Reducing a rules result to indicators. See docs/results-format.md.
import PolicyRules
import PopulationData
import SpsimSupport

/// The indicators of one run: tidy records, and the `total` values by key.
public struct IndicatorSet: Sendable {
    public var records: [IndicatorRecord]
    private var totals: [String: Double]

    public init(records: [IndicatorRecord]) {
        self.records = records
        var totals: [String: Double] = [:]
        for record in records where record.breakdown == "total" { totals[record.indicator] = record.value }
        self.totals = totals
    }

    /// The `total` value of an indicator key (R1 names), or nil when there is none.
    public subscript(key: String) -> Double? { totals[key] }

    /// Every `total` indicator key and value.
    public var totalValues: [String: Double] { totals }
}

/// Problems computing indicators (empty population, statistics failures).
public struct IndicatorError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Computes every indicator of docs/results-format.md from a rules result.
public enum IndicatorCalculator {
    public static func compute(population: Population, result: PolicyResult, policy: PolicyParameters) throws -> IndicatorSet {
        throw IndicatorError(description: "indicators are not implemented yet in this build")
    }
}
