import CGSL

/// Percentile interval of replicate samples (for example one indicator computed on
/// each of several independently seeded populations): the `(1 − level)/2` and
/// `(1 + level)/2` quantiles of the replicates, so `level = 0.9` gives the 5th and 95th
/// percentiles.
///
/// Quantiles are GSL's `gsl_stats_quantile_from_sorted_data` on the sorted replicates
/// `x₀ ≤ … ≤ x_{n−1}`: with `δ = (n − 1) f` and `i = ⌊δ⌋`,
/// `Q(f) = (1 − (δ − i)) xᵢ + (δ − i) x_{i+1}`: linear interpolation between order
/// statistics (numpy's default `"linear"` method, R type 7). One replicate gives a
/// zero-width interval at its value.
///
/// - Parameter level: the coverage, strictly between 0 and 1.
/// - Throws: `GSLError` on no replicates, a NaN or infinite replicate, or a level
///   outside (0, 1).
public func percentileInterval(_ replicates: [Double], level: Double) throws(GSLError) -> (lower: Double, upper: Double) {
    let operation = "percentile interval"
    GSL.ensureErrorHandlerInstalled()
    guard !replicates.isEmpty else { throw .invalidInput(operation, "no replicates given") }
    guard level > 0, level < 1 else {
        throw .invalidInput(operation, "level \(level) must be strictly between 0 and 1 (e.g. 0.9 for a 90% interval)")
    }
    if let bad = replicates.firstIndex(where: { !$0.isFinite }) {
        throw .invalidInput(operation, "replicate \(replicates[bad]) at position \(bad) is not a finite number")
    }
    var sorted = replicates
    let lowerFraction = (1 - level) / 2
    let upperFraction = (1 + level) / 2
    return sorted.withUnsafeMutableBufferPointer { x in
        gsl_sort(x.baseAddress, 1, x.count)
        return (gsl_stats_quantile_from_sorted_data(x.baseAddress, 1, x.count, lowerFraction),
                gsl_stats_quantile_from_sorted_data(x.baseAddress, 1, x.count, upperFraction))
    }
}

/// The result of `weightedLinearFit`: the model `y = intercept + slope × x`.
public struct WeightedLinearFit: Sendable, Equatable {
    /// `c₀`.
    public let intercept: Double
    /// `c₁`.
    public let slope: Double
    /// Variance of the intercept, `cov(c₀, c₀)`.
    public let interceptVariance: Double
    /// `cov(c₀, c₁)`.
    public let covariance: Double
    /// Variance of the slope, `cov(c₁, c₁)`.
    public let slopeVariance: Double
    /// `χ² = Σ wᵢ (yᵢ − c₀ − c₁ xᵢ)²`, the weighted sum of squared residuals.
    public let chiSquared: Double
}

/// Weighted least-squares line through `(xᵢ, yᵢ)` with weights `wᵢ` (GSL's
/// `gsl_fit_wlinear`): minimises `χ² = Σ wᵢ (yᵢ − c₀ − c₁ xᵢ)²`.
///
/// The weights are GSL's `wᵢ = 1/σᵢ²`; the covariance matrix is `(XᵀWX)⁻¹`, *not* scaled
/// by the residual variance (multiply by `χ² / (n − 2)` for the usual estimate when the
/// weights are only relative).
///
/// - Throws: `GSLError` on empty or unequal columns, non-finite numbers, negative or
///   all-zero weights, or fewer than two distinct `x` with positive weight (the slope
///   is then undefined); GSL's own status, if any, also arrives as `GSLError`.
public func weightedLinearFit(x: [Double], y: [Double], weights: [Double]) throws(GSLError) -> WeightedLinearFit {
    let operation = "weighted linear fit"
    guard x.count == y.count else {
        throw .invalidInput(operation, "\(x.count) x values but \(y.count) y values; give one y per x")
    }
    _ = try WeightedStatistics.validate(operation, x, weights)
    _ = try WeightedStatistics.validate(operation, y, weights)
    var firstX: Double? = nil
    var distinct = false
    for i in x.indices where weights[i] > 0 {
        if let first = firstX { if x[i] != first { distinct = true; break } } else { firstX = x[i] }
    }
    guard distinct else {
        throw .invalidInput(operation, "fewer than two distinct x values with positive weight; a line needs two")
    }
    var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, chisq = 0.0
    try GSL.check("gsl_fit_wlinear") {
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                weights.withUnsafeBufferPointer { ws in
                    gsl_fit_wlinear(xs.baseAddress, 1, ws.baseAddress, 1, ys.baseAddress, 1, xs.count,
                                    &c0, &c1, &cov00, &cov01, &cov11, &chisq)
                }
            }
        }
    }
    guard [c0, c1, cov00, cov01, cov11, chisq].allSatisfy(\.isFinite) else {
        throw GSLError(status: Int32(GSL_ERANGE), reason: "the fit is not finite (x values too spread or too close)", operation: operation)
    }
    return WeightedLinearFit(intercept: c0, slope: c1, interceptVariance: cov00, covariance: cov01, slopeVariance: cov11, chiSquared: chisq)
}
