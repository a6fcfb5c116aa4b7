import Foundation
import Testing
@testable import PopulationData

@Suite("Weight calibration (generalised raking)")
struct WeightCalibrationTests {
    /// A small deterministic generator (no dependence on the library under test).
    struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// Weighted totals Σ_h w_h x_hm, summed directly from the dense counts.
    static func totals(_ counts: [[Double]], weights: [Double]) -> [Double] {
        var totals = [Double](repeating: 0, count: counts[0].count)
        for (h, row) in counts.enumerated() { for m in 0..<row.count { totals[m] += weights[h] * row[m] } }
        return totals
    }

    static func incidence(_ counts: [[Double]], margins: Int) -> MarginIncidence {
        MarginIncidence(households: counts.count, marginCount: margins) { h, row in row = counts[h] }
    }

    /// 400 households: a household margin (count 1), persons in 3 regions, persons under
    /// 15, women (several per household); 6 margins.
    static func households(seed: UInt64) -> [[Double]] {
        var s = Sequence(state: seed)
        return (0..<400).map { _ in
            let size = 1 + Int(s.next() * 7)
            var row = [Double](repeating: 0, count: 6)
            row[0] = 1
            row[1 + Int(s.next() * 3)] = Double(size)
            for _ in 0..<size {
                if s.next() < 0.35 { row[4] += 1 }
                if s.next() < 0.5 { row[5] += 1 }
            }
            return row
        }
    }

    @Test("calibrated weights hit every target within the tolerance, stay positive, and are the exponential tilt of the base weights")
    func hitsTargets() throws {
        let counts = Self.households(seed: 3)
        var s = Sequence(state: 17)
        let base = counts.map { _ in 50 + 100 * s.next() }
        let start = Self.totals(counts, weights: base)
        // Targets moved from the base totals by different factors (feasible: interior moves).
        let factors = [1.10, 0.95, 1.20, 1.05, 0.90, 1.08]
        let targets = (0..<6).map { start[$0] * factors[$0] }
        let (weights, report) = try WeightCalibrator(tolerance: 1e-10).calibrate(baseWeights: base, incidence: Self.incidence(counts, margins: 6), targets: targets)
        let achieved = Self.totals(counts, weights: weights)
        for m in 0..<6 { #expect(abs(achieved[m] - targets[m]) <= 1e-10 * targets[m], "margin \(m)") }
        #expect(weights.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(report.maximumRelativeError <= 1e-10)
        #expect(report.iterations >= 1)
        // Raking form: log(w / d) is exactly linear in the counts (holds only for the
        // exponential-distance solution). Least-squares fit of λ, then the largest residual.
        let logs = zip(weights, base).map { log($0 / $1) }
        let rows = 0..<counts.count
        var worst = 0.0
        // Least squares via normal equations over all households (6 × 6).
        var a = [Double](repeating: 0, count: 36), b = [Double](repeating: 0, count: 6)
        for h in rows { for i in 0..<6 { b[i] += counts[h][i] * logs[h]; for j in 0..<6 { a[i * 6 + j] += counts[h][i] * counts[h][j] } } }
        let lambda = WeightCalibrator.solveSemidefinite(a, b, size: 6)
        for h in rows {
            let fitted = (0..<6).reduce(0.0) { $0 + lambda[$1] * counts[h][$1] }
            worst = max(worst, abs(fitted - logs[h]))
        }
        #expect(worst <= 1e-8)
    }

    @Test("base weights that already meet the targets are returned after 0 iterations")
    func alreadyCalibrated() throws {
        let counts = Self.households(seed: 5)
        let base = [Double](repeating: 2, count: counts.count)
        let targets = Self.totals(counts, weights: base)
        let (weights, report) = try WeightCalibrator().calibrate(baseWeights: base, incidence: Self.incidence(counts, margins: 6), targets: targets)
        #expect(report.iterations == 0)
        #expect(weights == base)
    }

    @Test("one person per household in a full two-way table: the fit is the product of the margins")
    func twoWayTable() throws {
        // Rows 0..<3 and columns 3..<7: both margins count every person, so they are linearly
        // dependent (the singular-Hessian case). Raking a table with equal starting weights
        // gives w(r, c) = R_r × C_c ÷ N.
        let rowTargets = [500.0, 300.0, 200.0], columnTargets = [100.0, 400.0, 350.0, 150.0]
        var counts: [[Double]] = []
        for r in 0..<3 { for c in 0..<4 { var row = [Double](repeating: 0, count: 7); row[r] = 1; row[3 + c] = 1; counts.append(row) } }
        let (weights, _) = try WeightCalibrator(tolerance: 1e-12).calibrate(baseWeights: [Double](repeating: 1, count: 12), incidence: Self.incidence(counts, margins: 7), targets: rowTargets + columnTargets)
        for r in 0..<3 { for c in 0..<4 {
            let expected = rowTargets[r] * columnTargets[c] / 1000
            #expect(abs(weights[r * 4 + c] - expected) <= 1e-9 * expected)
        } }
    }

    @Test("a positive target with no members, or a non-positive target, is reported at once with its margin")
    func unattainable() throws {
        var counts = Self.households(seed: 7)
        for h in 0..<counts.count { counts[h][4] = 0 }
        let base = [Double](repeating: 1, count: counts.count)
        var targets = Self.totals(Self.households(seed: 7), weights: base)
        let noMembers = try #require(throws: WeightCalibrationError.self) {
            try WeightCalibrator().calibrate(baseWeights: base, incidence: Self.incidence(counts, margins: 6), targets: targets)
        }
        #expect(noMembers == .noMembers(margin: 4, target: targets[4]))
        targets[2] = 0
        let zero = try #require(throws: WeightCalibrationError.self) {
            try WeightCalibrator().calibrate(baseWeights: base, incidence: Self.incidence(counts, margins: 6), targets: targets)
        }
        #expect(zero == .nonPositiveTarget(margin: 2, target: 0))
    }

    @Test("targets no positive weights can meet end in notConverged naming the margin furthest off")
    func infeasible() throws {
        // Every household has exactly one person in margin 1 or 2, so persons in 1 + 2 equals
        // households: asking for more persons than households is impossible.
        let counts = Self.households(seed: 9).map { row -> [Double] in
            var r = [Double](repeating: 0, count: 3); r[0] = 1; r[row[1] > 0 ? 1 : 2] = 1; return r
        }
        let base = [Double](repeating: 1, count: counts.count)
        let error = try #require(throws: WeightCalibrationError.self) {
            try WeightCalibrator(maximumIterations: 40).calibrate(baseWeights: base, incidence: Self.incidence(counts, margins: 3), targets: [400, 300, 300])
        }
        guard case let .notConverged(_, _, _, iterations) = error else { Issue.record("expected notConverged, got \(error)"); return }
        #expect(iterations <= 40)
    }

    @Test("the iteration limit is enforced")
    func iterationLimit() throws {
        let counts = Self.households(seed: 11)
        let base = [Double](repeating: 1, count: counts.count)
        let targets = Self.totals(counts, weights: base).enumerated().map { $1 * (1 + 0.1 * Double($0)) }
        let error = try #require(throws: WeightCalibrationError.self) {
            try WeightCalibrator(tolerance: 1e-15, maximumIterations: 1).calibrate(baseWeights: base, incidence: Self.incidence(counts, margins: 6), targets: targets)
        }
        guard case let .notConverged(margin, target, achieved, iterations) = error else { Issue.record("expected notConverged, got \(error)"); return }
        #expect(iterations == 1)
        #expect(target == targets[margin])
        #expect(abs(achieved - target) > 1e-15 * target)
    }

    @Test("the semidefinite solver matches a direct solve and ignores a null direction")
    func solver() throws {
        // A = Bᵀ B with B 4 × 3 of full column rank; x known, b = A x.
        let bMatrix: [[Double]] = [[1, 2, 0], [0, 1, 3], [2, 0, 1], [1, 1, 1]]
        var a = [Double](repeating: 0, count: 9)
        for i in 0..<3 { for j in 0..<3 { a[i * 3 + j] = bMatrix.reduce(0) { $0 + $1[i] * $1[j] } } }
        let x = [0.5, -2.0, 3.0]
        let rhs = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + a[i * 3 + $1] * x[$1] } }
        let solved = WeightCalibrator.solveSemidefinite(a, rhs, size: 3)
        for i in 0..<3 { #expect(abs(solved[i] - x[i]) <= 1e-12 * 3) }
        // Singular: the rank-one matrix v vᵀ, v = (1, 2); b = v × 5 has solutions x with v·x = 5.
        let singular = [1.0, 2.0, 2.0, 4.0]
        let y = WeightCalibrator.solveSemidefinite(singular, [5, 10], size: 2)
        #expect(abs(y[0] + 2 * y[1] - 5) <= 1e-12)
    }
}
