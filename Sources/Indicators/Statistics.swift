// The weighted statistics the indicators need, in one place so the definitions are
// visible. Definitions follow shared/conformance/R1.md.
import GSLStatistics

enum Statistics {
    /// FGT(0): Σ w·[y < z] ÷ Σ w (strictly below the line).
    static func headcount(_ values: [Double], weights: [Double], povertyLine z: Double) throws -> Double {
        try checked(values, weights)
        var poor = 0.0, total = 0.0
        for i in values.indices {
            total += weights[i]
            if values[i] < z { poor += weights[i] }
        }
        return poor / total
    }

    /// FGT(1): Σ w·max(0, 1 − y ÷ z) ÷ Σ w.
    static func povertyGap(_ values: [Double], weights: [Double], povertyLine z: Double) throws -> Double {
        try checked(values, weights)
        var gap = 0.0, total = 0.0
        for i in values.indices {
            total += weights[i]
            gap += weights[i] * max(0, 1 - values[i] / z)
        }
        return gap / total
    }

    /// Weighted Gini (R1.md): sort by y; with P_i, L_i the cumulative population and
    /// income shares, G = 1 − Σ (P_i − P_{i−1})(L_i + L_{i−1}). Values must be ≥ 0.
    static func gini(_ values: [Double], weights: [Double]) throws -> Double {
        try checked(values, weights)
        let order = values.indices.sorted { values[$0] < values[$1] }
        var totalWeight = 0.0, totalIncome = 0.0
        for i in values.indices { totalWeight += weights[i]; totalIncome += weights[i] * values[i] }
        guard totalIncome > 0 else { return 0 }
        var cumulativeWeight = 0.0, cumulativeIncome = 0.0, sum = 0.0
        for i in order {
            let previousL = cumulativeIncome / totalIncome
            let previousP = cumulativeWeight / totalWeight
            cumulativeWeight += weights[i]
            cumulativeIncome += weights[i] * values[i]
            sum += (cumulativeWeight / totalWeight - previousP) * (cumulativeIncome / totalIncome + previousL)
        }
        return 1 - sum
    }

    /// Each value's weighted decile 1…10: sorted by value (ties by position), a value's
    /// decile is ⌊10 × (weight before it + half its own weight) ÷ total⌋ + 1, so equal
    /// values fall in the decile of their midpoint.
    static func deciles(_ values: [Double], weights: [Double]) throws -> [Int] {
        try checked(values, weights)
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var total = 0.0
        for w in weights { total += w }
        var result = [Int](repeating: 1, count: values.count)
        var before = 0.0
        for i in order {
            result[i] = min(10, Int(10 * (before + weights[i] / 2) / total) + 1)
            before += weights[i]
        }
        return result
    }

    private static func checked(_ values: [Double], _ weights: [Double]) throws {
        guard !values.isEmpty, values.count == weights.count else {
            throw IndicatorError("statistics need as many weights as values and at least one value")
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), values.allSatisfy({ !$0.isNaN }) else {
            throw IndicatorError("statistics need finite non-negative weights and no missing values")
        }
    }
}
