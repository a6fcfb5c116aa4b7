import CGSL

/// A probability distribution for an uncertain assumption, always between two bounds
/// (`low`, `high`), so a drawn value can never leave the range the analyst gave:
///
/// - `uniform(low, high)`;
/// - `triangular(low, mode, high)`;
/// - `normal(mean, sd)` truncated to [low, high];
/// - `beta(alpha, beta)` scaled to [low, high].
///
/// Values are drawn by the inverse of the distribution function, `quantile(u)` for a
/// uniform `u` in (0, 1), so one uniform per (replicate, assumption) fixes the value
/// whatever the thread count. The normal and beta quantiles are GSL's
/// (`gsl_cdf_ugaussian_P`/`Pinv`, `gsl_cdf_beta_Pinv`).
public enum BoundedDistribution: Sendable, Equatable {
    case uniform(low: Double, high: Double)
    case triangular(low: Double, mode: Double, high: Double)
    case normal(mean: Double, sd: Double, low: Double, high: Double)
    case beta(alpha: Double, beta: Double, low: Double, high: Double)

    public var low: Double {
        switch self {
        case .uniform(let low, _), .triangular(let low, _, _), .normal(_, _, let low, _), .beta(_, _, let low, _): return low
        }
    }

    public var high: Double {
        switch self {
        case .uniform(_, let high), .triangular(_, _, let high), .normal(_, _, _, let high), .beta(_, _, _, let high): return high
        }
    }

    /// The distribution's name as written in an assumptions file.
    public var name: String {
        switch self {
        case .uniform: return "uniform"
        case .triangular: return "triangular"
        case .normal: return "normal"
        case .beta: return "beta"
        }
    }

    /// The central value used for the run without uncertainty (replicate 0) and the
    /// tornado's other parameters: the midpoint (uniform), the mode (triangular), the
    /// mean (normal; within the bounds, which `check` requires) and the mean of the
    /// scaled beta, low + (high − low) · α / (α + β).
    public var central: Double {
        switch self {
        case .uniform(let low, let high): return (low + high) / 2
        case .triangular(_, let mode, _): return mode
        case .normal(let mean, _, _, _): return mean
        case .beta(let a, let b, let low, let high): return low + (high - low) * a / (a + b)
        }
    }

    /// A description such as "triangular (low 0.75, mode 0.85, high 0.95)".
    public func describe(_ format: (Double) -> String) -> String {
        switch self {
        case .uniform(let low, let high): return "uniform (low \(format(low)), high \(format(high)))"
        case .triangular(let low, let mode, let high): return "triangular (low \(format(low)), mode \(format(mode)), high \(format(high)))"
        case .normal(let mean, let sd, let low, let high): return "normal (mean \(format(mean)), sd \(format(sd))) truncated to [\(format(low)), \(format(high))]"
        case .beta(let a, let b, let low, let high): return "beta (alpha \(format(a)), beta \(format(b))) on [\(format(low)), \(format(high))]"
        }
    }

    /// What is wrong with the parameters, or nil: finite numbers, low < high, the mode
    /// and the mean within the bounds, a positive sd, positive alpha and beta.
    public var problem: String? {
        let values: [Double]
        switch self {
        case .uniform(let low, let high): values = [low, high]
        case .triangular(let low, let mode, let high): values = [low, mode, high]
        case .normal(let mean, let sd, let low, let high): values = [mean, sd, low, high]
        case .beta(let a, let b, let low, let high): values = [a, b, low, high]
        }
        if values.contains(where: { !$0.isFinite }) { return "every number must be finite" }
        guard low < high else { return "low must be below high" }
        switch self {
        case .uniform: return nil
        case .triangular(let low, let mode, let high):
            return (low...high).contains(mode) ? nil : "the mode must lie from low to high"
        case .normal(let mean, let sd, let low, let high):
            if sd <= 0 { return "sd must be above 0" }
            return (low...high).contains(mean) ? nil : "the mean must lie from low to high"
        case .beta(let a, let b, _, _):
            return a > 0 && b > 0 ? nil : "alpha and beta must be above 0"
        }
    }

    /// The value below which a share `u` of the distribution lies, for `u` in [0, 1]
    /// (0 gives `low`, 1 gives `high`).
    public func quantile(_ u: Double) throws -> Double {
        GSL.ensureErrorHandlerInstalled()
        guard u.isFinite, u >= 0, u <= 1 else { throw GSLError.invalidInput("bounded quantile", "the probability \(u) is not in [0, 1]") }
        if let problem { throw GSLError.invalidInput("bounded quantile", problem) }
        if u == 0 { return low }
        if u == 1 { return high }
        switch self {
        case .uniform(let low, let high):
            return low + u * (high - low)
        case .triangular(let low, let mode, let high):
            let split = (mode - low) / (high - low)
            if u < split { return low + ((high - low) * (mode - low) * u).squareRoot() }
            return high - ((high - low) * (high - mode) * (1 - u)).squareRoot()
        case .normal(let mean, let sd, let low, let high):
            let a = gsl_cdf_ugaussian_P((low - mean) / sd), b = gsl_cdf_ugaussian_P((high - mean) / sd)
            let z = gsl_cdf_ugaussian_Pinv(a + u * (b - a))
            return min(max(mean + sd * z, low), high)
        case .beta(let a, let b, let low, let high):
            let x = try GSL.checkHandler("gsl_cdf_beta_Pinv") { gsl_cdf_beta_Pinv(u, a, b) }
            guard x.isFinite else { throw GSLError(status: Int32(GSL_EDOM), reason: "no quantile for u = \(u)", operation: "gsl_cdf_beta_Pinv") }
            return min(max(low + (high - low) * x, low), high)
        }
    }
}
