// The weighted statistics the indicators need, from GSLStatistics (definitions there and
// in shared/conformance/R1.md), with errors turned into messages that name the indicator.
import GSLStatistics

enum Statistics {
    /// FGT(0): Σ w·[y < z] ÷ Σ w (strictly below the line).
    static func headcount(_ values: [Double], weights: [Double], povertyLine z: Double, indicator: String) throws -> Double {
        try run(indicator) { () throws(GSLError) in try WeightedStatistics.fgt(values, weights: weights, povertyLine: z, alpha: 0) }
    }

    /// FGT(1): Σ w·max(0, 1 − y ÷ z) ÷ Σ w.
    static func povertyGap(_ values: [Double], weights: [Double], povertyLine z: Double, indicator: String) throws -> Double {
        try run(indicator) { () throws(GSLError) in try WeightedStatistics.fgt(values, weights: weights, povertyLine: z, alpha: 1) }
    }

    /// R1's weighted Gini over values ≥ 0; NaN (undefined) when every value is 0.
    static func gini(_ values: [Double], weights: [Double], indicator: String) throws -> Double {
        guard values.contains(where: { $0 > 0 }) else { return .nan }
        return try run(indicator) { () throws(GSLError) in try WeightedStatistics.gini(values, weights: weights) }
    }

    /// Each value's weighted decile 1…10 (the decile holding the midpoint of its weight).
    static func deciles(_ values: [Double], weights: [Double], indicator: String) throws -> [UInt8] {
        try run(indicator) { () throws(GSLError) in try WeightedStatistics.deciles(values, weights: weights) }
    }

    private static func run<T>(_ indicator: String, _ body: () throws(GSLError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw IndicatorError("cannot compute \(indicator): \(error)")
        }
    }
}
