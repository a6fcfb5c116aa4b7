import CGSL

/// One-dimensional root finding behind a Swift closure.
public enum RootFinder {
    /// A root of `f` in `bracket` by Brent's method (GSL's `gsl_root_fsolver_brent`:
    /// bisection, secant and inverse quadratic interpolation, always keeping a bracket).
    ///
    /// Iterates until GSL's interval test holds for the current bracket `[a, b]`:
    /// `|b − a| < absoluteTolerance + relativeTolerance × min(|a|, |b|)` (for a bracket not
    /// containing 0), and returns the solver's best estimate.
    ///
    /// - Parameters:
    ///   - bracket: `[a, b]` with `f(a)` and `f(b)` of opposite signs (or one of them 0).
    ///   - absoluteTolerance: ≥ 0.
    ///   - relativeTolerance: ≥ 0; the two tolerances may not both be 0.
    ///   - maxIterations: ≥ 1.
    ///   - f: continuous on the bracket; it may throw, which stops the search.
    /// - Throws: `GSLError` with GSL's message when the bracket has no sign change
    ///   ("endpoints do not straddle y=0"), when `f` returns a non-finite value, on
    ///   invalid tolerances, or when `maxIterations` pass without convergence
    ///   (status `GSL_EMAXITER`); an error thrown by `f` propagates unchanged.
    public static func brent(
        bracket: ClosedRange<Double>,
        absoluteTolerance: Double = 1e-12,
        relativeTolerance: Double = 1e-12,
        maxIterations: Int = 200,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        let operation = "Brent root finding"
        GSL.ensureErrorHandlerInstalled()
        guard bracket.lowerBound.isFinite, bracket.upperBound.isFinite, bracket.lowerBound < bracket.upperBound else {
            throw GSLError.invalidInput(operation, "bracket \(bracket) must be finite with lower < upper")
        }
        guard absoluteTolerance >= 0, relativeTolerance >= 0, absoluteTolerance.isFinite, relativeTolerance.isFinite,
              absoluteTolerance + relativeTolerance > 0 else {
            throw GSLError.invalidInput(operation, "tolerances must be finite, ≥ 0 and not both 0 (got \(absoluteTolerance), \(relativeTolerance))")
        }
        guard maxIterations >= 1 else { throw GSLError.invalidInput(operation, "maxIterations must be ≥ 1, got \(maxIterations)") }

        // A zero at an end point: GSL would accept the bracket, but answering directly is exact.
        let fa = try f(bracket.lowerBound)
        if fa == 0 { return bracket.lowerBound }
        let fb = try f(bracket.upperBound)
        if fb == 0 { return bracket.upperBound }

        let solverPointer = try GSL.checkHandler("gsl_root_fsolver_alloc") { gsl_root_fsolver_alloc(spsim_root_fsolver_brent()) }
        guard let solver = solverPointer else {
            throw GSLError(status: Int32(GSL_ENOMEM), reason: "could not allocate the Brent solver", operation: "gsl_root_fsolver_alloc")
        }
        defer { gsl_root_fsolver_free(solver) }

        return try withoutActuallyEscaping(f) { escapable in
            let box = ClosureBox(escapable)
            return try withExtendedLifetime(box) {
                var function = gsl_function(
                    function: { x, context in
                        // context is the ClosureBox passed below, alive for the whole solve.
                        guard let context else { return .nan }
                        let box = Unmanaged<ClosureBox>.fromOpaque(context).takeUnretainedValue()
                        return box.call(x)
                    },
                    params: Unmanaged.passUnretained(box).toOpaque()
                )
                func rethrowClosureError() throws {
                    if let error = box.error { throw error }
                }
                do {
                    try GSL.check("gsl_root_fsolver_set") {
                        gsl_root_fsolver_set(solver, &function, bracket.lowerBound, bracket.upperBound)
                    }
                } catch {
                    try rethrowClosureError()
                    throw error
                }
                for _ in 0..<maxIterations {
                    do {
                        try GSL.check("gsl_root_fsolver_iterate") { gsl_root_fsolver_iterate(solver) }
                    } catch {
                        try rethrowClosureError()
                        throw error
                    }
                    try rethrowClosureError()
                    let status = gsl_root_test_interval(gsl_root_fsolver_x_lower(solver), gsl_root_fsolver_x_upper(solver),
                                                        absoluteTolerance, relativeTolerance)
                    if status == Int32(GSL_SUCCESS) { return gsl_root_fsolver_root(solver) }
                }
                throw GSLError(status: Int32(GSL_EMAXITER),
                               reason: "no convergence in \(maxIterations) iterations; the bracket is now [\(gsl_root_fsolver_x_lower(solver)), \(gsl_root_fsolver_x_upper(solver))]",
                               operation: operation)
            }
        }
    }
}

/// Holds the Swift closure GSL calls back through `gsl_function`, and the first error
/// it threw (GSL cannot carry a Swift error: the trampoline returns NaN and we rethrow).
private final class ClosureBox {
    let body: (Double) throws -> Double
    var error: (any Error)?

    init(_ body: @escaping (Double) throws -> Double) { self.body = body }

    func call(_ x: Double) -> Double {
        if error != nil { return .nan }
        do { return try body(x) } catch {
            self.error = error
            return .nan
        }
    }
}
