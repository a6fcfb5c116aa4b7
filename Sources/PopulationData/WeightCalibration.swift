import Foundation

/// Each household's count in each calibration margin, stored sparsely row by row:
/// household h's non-zero counts, in increasing margin order. A margin is a total the
/// weights must reproduce — persons in a group (the household's count is its number of
/// members in the group) or households (count 1).
///
/// Counts must be finite and non-negative; zeros are not stored. Memory is about 10 bytes
/// per non-zero count plus 8 per household.
public struct MarginIncidence: Sendable {
    /// Number of margins (columns); at most 65,536 (a larger count is cut to that, and
    /// counts in later margins are ignored).
    public let marginCount: Int
    /// Household h's entries are `start[h] ..< start[h + 1]`.
    var start: [Int]
    var margin: [UInt16]
    var count: [Double]

    /// Number of households (rows).
    public var householdCount: Int { start.count - 1 }

    /// An empty table with `marginCount` margins; add households with `appendHousehold`.
    public init(marginCount: Int, reservingHouseholds households: Int = 0) {
        self.marginCount = max(0, min(marginCount, Int(UInt16.max) + 1))
        start = [0]
        start.reserveCapacity(households + 1)
        margin = []
        count = []
        margin.reserveCapacity(households * min(marginCount, 6))
        count.reserveCapacity(households * min(marginCount, 6))
    }

    /// Builds the table for `households` households: `tally(h, &counts)` fills household h's
    /// count in every margin (`counts` has `marginCount` entries, all zero on entry).
    public init(households: Int, marginCount: Int, tally: (_ household: Int, _ counts: inout [Double]) -> Void) {
        self.init(marginCount: marginCount, reservingHouseholds: households)
        var counts = [Double](repeating: 0, count: self.marginCount)
        for h in 0..<households {
            for m in 0..<counts.count { counts[m] = 0 }
            tally(h, &counts)
            appendHousehold(counts)
        }
    }

    /// Adds the next household with its count in each margin (`counts[m]` for margin m;
    /// entries beyond `marginCount` are ignored, zeros are skipped).
    public mutating func appendHousehold(_ counts: [Double]) {
        for m in 0..<min(counts.count, marginCount) where counts[m] != 0 {
            margin.append(UInt16(m))
            count.append(counts[m])
        }
        start.append(margin.count)
    }
}

/// Why calibrated weights could not be found. Margins are the incidence's column indices.
public enum WeightCalibrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The target is zero, negative or not a number: no positive weights reach it.
    case nonPositiveTarget(margin: Int, target: Double)
    /// The target is positive but no household has a count in the margin.
    case noMembers(margin: Int, target: Double)
    /// The iteration limit was reached (or no step could improve the fit) with `margin`
    /// the furthest from its target: weighted total `achieved` against `target`. Usually
    /// the targets are inconsistent with each other or with the households' composition.
    case notConverged(margin: Int, target: Double, achieved: Double, iterations: Int)
    /// The inputs do not fit together (lengths differ, a base weight is not positive, a
    /// count is negative); a programming error in the caller.
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .nonPositiveTarget(margin, target): return "margin \(margin): the target \(target) is not positive"
        case let .noMembers(margin, target): return "margin \(margin): the target \(target) is positive but no household has members in it"
        case let .notConverged(margin, target, achieved, iterations):
            return "margin \(margin): after \(iterations) iterations the weighted total is \(achieved) against a target of \(target)"
        case let .invalidInput(problem): return problem
        }
    }
}

/// How a calibration went.
public struct WeightCalibrationReport: Sendable, Equatable {
    /// Newton steps taken (0 when the base weights already met every target).
    public var iterations: Int
    /// Largest |weighted total − target| ÷ target over the margins, at the returned weights.
    public var maximumRelativeError: Double
}

/// Generalised raking of household weights to margins (Deville & Särndal 1992,
/// exponential distance): the calibrated weights are `w_h = d_h · exp(λ · x_h)`, where
/// `d_h` are the base weights, `x_h` household h's row of the `MarginIncidence`, and λ
/// (one multiplier per margin) makes `Σ_h w_h x_h = T` for the targets T. Among all
/// weights meeting the targets these are the closest to the base weights in the
/// Kullback–Leibler sense; they are always positive, and each household's weight is
/// multiplied by the same factor for every member of a margin it has.
///
/// λ minimises the convex dual `F(λ) = Σ_h w_h(λ) − λ·T` (gradient `Σ_h w_h x_h − T`,
/// Hessian `Σ_h w_h x_h x_hᵀ`, K × K for K margins) and is found by Newton's method from
/// λ = 0 with step halving (a step is accepted when F does not rise beyond rounding).
/// Linearly dependent margins (for example two sets of groups that each cover every
/// person) make the Hessian singular; the Newton system is then solved on its non-singular
/// part (a pivoted Cholesky factorisation that drops pivots below 1e-11 of the diagonal),
/// which is exact when the targets are consistent.
///
/// Converged: every margin's relative error |Σ_h w_h x_hm − T_m| ÷ T_m is at most
/// `tolerance`. Sums run in household order in one thread, so the result is deterministic
/// and independent of the number of threads.
public struct WeightCalibrator: Sendable {
    /// Largest relative margin error accepted.
    public var tolerance: Double
    /// Newton steps allowed before `WeightCalibrationError.notConverged`.
    public var maximumIterations: Int

    /// 1e-8 relative is about 2 persons in Pakistan's census population; Newton's method
    /// usually gets there in 3–8 steps.
    public init(tolerance: Double = 1e-8, maximumIterations: Int = 50) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    /// Weights from `baseWeights` (one per household of `incidence`, all positive) that
    /// reproduce `targets` (one per margin).
    /// - Throws: `nonPositiveTarget` or `noMembers` for the first margin that cannot be met,
    ///   before any iteration; `notConverged` naming the margin furthest from its target;
    ///   `invalidInput` when the lengths do not match or an input is out of range.
    public func calibrate(baseWeights: [Double], incidence: MarginIncidence, targets: [Double]) throws(WeightCalibrationError) -> (weights: [Double], report: WeightCalibrationReport) {
        let k = incidence.marginCount, hCount = incidence.householdCount
        guard targets.count == k else { throw .invalidInput("\(targets.count) targets for \(k) margins") }
        guard baseWeights.count == hCount else { throw .invalidInput("\(baseWeights.count) base weights for \(hCount) households") }
        if let h = baseWeights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw .invalidInput("the base weight of household \(h) is \(baseWeights[h]), not positive")
        }
        if let i = incidence.count.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw .invalidInput("margin \(incidence.margin[i]) has the count \(incidence.count[i]), not a positive number")
        }
        var members = [Bool](repeating: false, count: k)
        for m in incidence.margin { members[Int(m)] = true }
        for m in 0..<k {
            guard targets[m] > 0, targets[m].isFinite else { throw .nonPositiveTarget(margin: m, target: targets[m]) }
            guard members[m] else { throw .noMembers(margin: m, target: targets[m]) }
        }
        var lambda = [Double](repeating: 0, count: k)
        var current = Self.evaluate(lambda, baseWeights: baseWeights, incidence: incidence, targets: targets)
        var iterations = 0
        while true {
            let (worst, error) = Self.worstMargin(current.gradient, targets: targets)
            if error <= tolerance {
                return (current.weights, WeightCalibrationReport(iterations: iterations, maximumRelativeError: error))
            }
            let fail = WeightCalibrationError.notConverged(margin: worst, target: targets[worst], achieved: targets[worst] + current.gradient[worst], iterations: iterations)
            guard iterations < maximumIterations else { throw fail }
            iterations += 1
            let step = Self.solveSemidefinite(current.hessian, current.gradient.map { -$0 }, size: k)
            var scale = 1.0
            var accepted = false
            for _ in 0..<30 {
                let trial = (0..<k).map { lambda[$0] + scale * step[$0] }
                let value = Self.evaluate(trial, baseWeights: baseWeights, incidence: incidence, targets: targets)
                // Allow rounding noise in the objective near the optimum.
                if value.objective.isFinite && value.objective <= current.objective + 1e-13 * abs(current.objective) {
                    lambda = trial
                    current = value
                    accepted = true
                    break
                }
                scale /= 2
            }
            guard accepted else { throw fail }
        }
    }

    /// The margin with the largest relative error, and that error.
    static func worstMargin(_ gradient: [Double], targets: [Double]) -> (margin: Int, error: Double) {
        var worst = 0, error = 0.0
        for m in 0..<gradient.count {
            let e = abs(gradient[m]) / targets[m]
            if !(e <= error) { worst = m; error = e }
        }
        return (worst, error)
    }

    /// Weights, gradient, Hessian (K × K, row-major) and dual objective at λ; sums in
    /// household order.
    static func evaluate(_ lambda: [Double], baseWeights: [Double], incidence: MarginIncidence, targets: [Double]) -> (weights: [Double], gradient: [Double], hessian: [Double], objective: Double) {
        let k = incidence.marginCount, hCount = incidence.householdCount
        var weights = [Double](repeating: 0, count: hCount)
        var gradient = [Double](repeating: 0, count: k)
        var hessian = [Double](repeating: 0, count: k * k)
        var total = 0.0
        incidence.start.withUnsafeBufferPointer { start in
        incidence.margin.withUnsafeBufferPointer { margin in
        incidence.count.withUnsafeBufferPointer { count in
        baseWeights.withUnsafeBufferPointer { base in
        lambda.withUnsafeBufferPointer { l in
        weights.withUnsafeMutableBufferPointer { w in
        gradient.withUnsafeMutableBufferPointer { g in
        hessian.withUnsafeMutableBufferPointer { hm in
            for h in 0..<hCount {
                let entries = start[h] ..< start[h + 1]
                var exponent = 0.0
                for i in entries { exponent += l[Int(margin[i])] * count[i] }
                let weight = base[h] * exp(exponent)
                w[h] = weight
                total += weight
                for i in entries {
                    let m = Int(margin[i])
                    let wx = weight * count[i]
                    g[m] += wx
                    // Upper triangle: margins are increasing within a household.
                    for j in i..<entries.upperBound { hm[m * k + Int(margin[j])] += wx * count[j] }
                }
            }
        }}}}}}}}
        var objective = total
        for m in 0..<k {
            objective -= lambda[m] * targets[m]
            gradient[m] -= targets[m]
            for n in 0..<m { hessian[m * k + n] = hessian[n * k + m] }
        }
        return (weights, gradient, hessian, objective)
    }

    /// Solves `A x = b` for a symmetric positive semidefinite `A` (`size × size`,
    /// row-major) by Cholesky factorisation with diagonal pivoting. Scaled to a unit
    /// diagonal first; a pivot below 1e-11 marks the remaining directions as the null
    /// space, where x is set to 0 (exact for b in the range of A, as a consistent raking
    /// problem's gradient is).
    static func solveSemidefinite(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double] {
        var scale = [Double](repeating: 0, count: n)
        for i in 0..<n { scale[i] = matrix[i * n + i] > 0 ? 1 / matrix[i * n + i].squareRoot() : 0 }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = matrix[i * n + j] * scale[i] * scale[j] } }
        var order = Array(0..<n)
        var rank = 0
        // Outer-product Cholesky with diagonal pivoting; L is stored by physical row and
        // column (entry (order[i], order[j]) for i > j), so pivoting moves no data.
        while rank < n {
            var pivot = rank
            for i in rank..<n where a[order[i] * n + order[i]] > a[order[pivot] * n + order[pivot]] { pivot = i }
            let p = order[pivot]
            let d = a[p * n + p]
            guard d > 1e-11 else { break }
            order.swapAt(rank, pivot)
            let root = d.squareRoot()
            a[p * n + p] = root
            for i in (rank + 1)..<n { a[order[i] * n + p] /= root }
            for i in (rank + 1)..<n {
                let li = a[order[i] * n + p]
                if li == 0 { continue }
                // The whole trailing block, both triangles: later pivoting reorders it.
                for j in (rank + 1)..<n { a[order[i] * n + order[j]] -= li * a[order[j] * n + p] }
            }
            rank += 1
        }
        // Forward then back substitution on the first `rank` pivoted variables.
        var y = [Double](repeating: 0, count: rank)
        for r in 0..<rank {
            let row = order[r]
            var sum = rhs[row] * scale[row]
            for c in 0..<r { sum -= a[row * n + order[c]] * y[c] }
            y[r] = sum / a[row * n + row]
        }
        var z = [Double](repeating: 0, count: rank)
        for r in stride(from: rank - 1, through: 0, by: -1) {
            var sum = y[r]
            for c in (r + 1)..<rank { sum -= a[order[c] * n + order[r]] * z[c] }
            z[r] = sum / a[order[r] * n + order[r]]
        }
        var x = [Double](repeating: 0, count: n)
        for r in 0..<rank { x[order[r]] = z[r] * scale[order[r]] }
        return x
    }
}
