import CGSL

/// Weighted statistics over columns: `values[i]` is person i's value (income, say) and
/// `weights[i]` the number of persons it stands for (a frequency weight).
///
/// Every function checks its input first and throws `GSLError` (status `GSL_EINVAL`)
/// on: an empty column, `values` and `weights` of different lengths, a negative or
/// non-finite weight, weights that are all zero, or a NaN or infinite value. Nothing
/// here can crash or abort on bad input.
///
/// Zero weights are allowed: such an element counts for nothing (but keeps its place in
/// the sorted order, so `deciles` still gives it a decile).
///
/// Functions that need the sorted order (`quantile`, `gini`, `decileBoundaries`,
/// `deciles`, `decileShares`) sort once per call (`ascendingOrder`: O(n) radix sort on
/// large columns). To ask several of them about one column, build a
/// `WeightedDistribution` once and ask it instead: it gives exactly the same answers.
public enum WeightedStatistics {
    /// Weighted mean `m = Σ wᵢ xᵢ / Σ wᵢ` (GSL's `gsl_stats_wmean`, a running-mean
    /// algorithm that skips zero weights).
    public static func mean(_ values: [Double], weights: [Double]) throws(GSLError) -> Double {
        _ = try validate("weighted mean", values, weights)
        return wmean(values, weights)
    }

    /// Weighted variance with frequency weights, the population variance of the persons
    /// the rows stand for: `Σ wᵢ (xᵢ − m)² / Σ wᵢ`, `m` the weighted mean.
    ///
    /// This is *not* GSL's `gsl_stats_wvariance`, which applies the reliability-weight
    /// correction `Σw / ((Σw)² − Σw²)` in place of `1 / Σw`. The sum of squares is GSL's
    /// `gsl_stats_wtss_m` (zero weights skipped). A single person gives 0.
    public static func variance(_ values: [Double], weights: [Double]) throws(GSLError) -> Double {
        let total = try validate("weighted variance", values, weights)
        let m = wmean(values, weights)
        let tss = values.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                gsl_stats_wtss_m(w.baseAddress, 1, x.baseAddress, 1, x.count, m)
            }
        }
        return tss / total
    }

    /// Weighted quantile: the inverse of the weighted empirical distribution function.
    ///
    /// With the values sorted ascending (ties in their original order), cumulative
    /// weights `Cᵢ = w₁ + … + wᵢ` and `W = Cₙ`, the `p`-quantile is `x_k` for the smallest
    /// `k` with `C_k ≥ p × W` and `w_k > 0`: the smallest value whose cumulative weight
    /// share reaches `p`. No interpolation, so the result is always one of the values.
    /// `p = 0` gives the smallest value with positive weight, `p = 1` the largest.
    ///
    /// - Parameter probability: `p` in [0, 1]; anything else (or NaN) throws.
    public static func quantile(_ values: [Double], weights: [Double], probability: Double) throws(GSLError) -> Double {
        guard probability >= 0, probability <= 1 else {
            throw .invalidInput("weighted quantile", "probability \(probability) must be between 0 and 1")
        }
        return try WeightedDistribution(values, weights: weights).quantile(probability)
    }

    /// The Gini coefficient exactly as defined in conformance case R1.
    ///
    /// Sort by value ascending (ties do not change the result); with `W = Σ w`,
    /// `Y = Σ w·y`, `P_i = Σ_{j ≤ i} w_j / W`, `L_i = Σ_{j ≤ i} w_j y_j / Y`, `P₀ = L₀ = 0`:
    /// `G = 1 − Σᵢ (Pᵢ − Pᵢ₋₁)(Lᵢ + Lᵢ₋₁)`.
    ///
    /// Equal values give 0; one person (weight `w_n`) holding everything gives
    /// `1 − w_n / W` (n equal weights: `1 − 1/n`).
    ///
    /// - Throws: also when a value is negative (callers clamp incomes at 0 first, as R1
    ///   says) or all values with positive weight are 0 (`Y = 0`: the shares are undefined).
    public static func gini(_ values: [Double], weights: [Double]) throws(GSLError) -> Double {
        try WeightedDistribution(values, weights: weights).gini()
    }

    /// Foster–Greer–Thorbecke poverty index
    /// `FGT_α = Σ wᵢ · 1[yᵢ < z] · ((z − yᵢ)/z)^α / Σ wᵢ`.
    ///
    /// Poverty is strict: a value equal to the line is not poor. `α = 0` is the headcount
    /// ratio (the gap term is taken as 1 for every poor person), `α = 1` the poverty gap
    /// index, `α = 2` the squared gap (severity); any finite `α ≥ 0` is allowed.
    /// Negative values are allowed and give gaps above 1 (R1 clamps incomes at 0 before).
    ///
    /// - Parameters:
    ///   - povertyLine: `z`, finite and > 0.
    ///   - alpha: `α`, finite and ≥ 0.
    public static func fgt(_ values: [Double], weights: [Double], povertyLine: Double, alpha: Double) throws(GSLError) -> Double {
        let operation = "FGT poverty index"
        let total = try validate(operation, values, weights)
        try checkPovertyParameters(operation, povertyLine: povertyLine, alpha: alpha)
        var sum = 0.0
        values.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                for i in 0..<x.count where x[i] < povertyLine {
                    sum += w[i] * fgtTerm(x[i], povertyLine: povertyLine, alpha: alpha)
                }
            }
        }
        return sum / total
    }

    /// The nine weighted decile boundaries: `quantile(p)` for p = 0.1, 0.2, …, 0.9
    /// (definition in `quantile(_:weights:probability:)`).
    public static func decileBoundaries(_ values: [Double], weights: [Double]) throws(GSLError) -> [Double] {
        try WeightedDistribution(values, weights: weights).decileBoundaries()
    }

    /// Each element's weighted decile, 1 (poorest tenth) … 10, in the input's order.
    ///
    /// Sort ascending, ties broken by original index (so the result is deterministic);
    /// with `Cᵢ` the cumulative weight up to and including the i-th sorted element and
    /// `W` the total, the i-th sorted element goes to decile
    /// `min(10, 1 + ⌊10 × (Cᵢ₋₁ + wᵢ/2) / W⌋)`: the decile holding the midpoint of its
    /// weight. Every person of one row shares one decile; a decile may be empty when one
    /// row carries more than a tenth of the weight. Ties may be split across deciles.
    public static func deciles(_ values: [Double], weights: [Double]) throws(GSLError) -> [UInt8] {
        try WeightedDistribution(values, weights: weights).deciles()
    }

    /// Share of the total value `Y = Σ w·y` held by each of the 10 deciles of `deciles`:
    /// `S_d = Σ_{i in decile d} wᵢ yᵢ / Y`. The ten shares sum to 1 (up to rounding);
    /// an empty decile has share 0.
    ///
    /// - Throws: also on a negative value or `Y = 0`, as `gini` does.
    public static func decileShares(_ values: [Double], weights: [Double]) throws(GSLError) -> [Double] {
        try WeightedDistribution(values, weights: weights).decileShares()
    }

    // MARK: Shared checks

    /// Checks the common preconditions; returns `Σ w` (> 0).
    static func validate(_ operation: String, _ values: [Double], _ weights: [Double]) throws(GSLError) -> Double {
        GSL.ensureErrorHandlerInstalled()
        guard !values.isEmpty else { throw .invalidInput(operation, "the column is empty") }
        guard values.count == weights.count else {
            throw .invalidInput(operation, "\(values.count) values but \(weights.count) weights; give one weight per value")
        }
        var total = 0.0
        var badWeight: Int? = nil
        var badValue: Int? = nil
        values.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                for i in 0..<x.count {
                    let wi = w[i]
                    if !(wi >= 0 && wi.isFinite) { badWeight = i; return }
                    if !x[i].isFinite { badValue = i; return }
                    total += wi
                }
            }
        }
        if let i = badWeight {
            throw .invalidInput(operation, "weight \(weights[i]) at position \(i) is negative or not finite; weights must be finite and ≥ 0")
        }
        if let i = badValue {
            throw .invalidInput(operation, "value \(values[i]) at position \(i) is not a finite number")
        }
        guard total > 0, total.isFinite else {
            throw .invalidInput(operation, total > 0 ? "the weights sum to infinity" : "all weights are zero; at least one must be positive")
        }
        return total
    }

    static func checkPovertyParameters(_ operation: String, povertyLine: Double, alpha: Double) throws(GSLError) {
        guard povertyLine.isFinite, povertyLine > 0 else {
            throw .invalidInput(operation, "poverty line \(povertyLine) must be finite and > 0")
        }
        guard alpha.isFinite, alpha >= 0 else {
            throw .invalidInput(operation, "alpha \(alpha) must be finite and ≥ 0 (0 headcount, 1 gap, 2 severity)")
        }
    }

    /// `((z − y)/z)^α` for a poor person (`y < z`); exactly 1 when `α = 0`.
    @inline(__always)
    static func fgtTerm(_ y: Double, povertyLine z: Double, alpha: Double) -> Double {
        if alpha == 0 { return 1 }
        let gap = (z - y) / z
        if alpha == 1 { return gap }
        if alpha == 2 { return gap * gap }
        return pow(gap, alpha)
    }

    private static func wmean(_ values: [Double], _ weights: [Double]) -> Double {
        values.withUnsafeBufferPointer { x in
            weights.withUnsafeBufferPointer { w in
                gsl_stats_wmean(w.baseAddress, 1, x.baseAddress, 1, x.count)
            }
        }
    }
}
