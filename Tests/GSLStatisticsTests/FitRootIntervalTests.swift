import Foundation
import Testing
@testable import GSLStatistics

@Suite("Percentile intervals against numpy.percentile (linear)")
struct PercentileIntervalTests {
    @Test("intervals match numpy for 1 to 200 replicates")
    func matchesNumpy() throws {
        let fixture = try #require(StatisticsFixture.shared)
        #expect(fixture.percentileIntervals.count == 6)
        for c in fixture.percentileIntervals {
            let interval = try percentileInterval(c.replicates, level: c.level)
            #expect(isClose(interval.lower, c.lower), "n = \(c.replicates.count), level \(c.level)")
            #expect(isClose(interval.upper, c.upper), "n = \(c.replicates.count), level \(c.level)")
        }
    }

    @Test("order of the replicates does not matter; 0…100 gives 5 and 95 at level 0.9")
    func byHand() throws {
        let replicates = (0...100).map(Double.init).reversed()
        let interval = try percentileInterval(Array(replicates), level: 0.9)
        #expect(isClose(interval.lower, 5) && isClose(interval.upper, 95))
    }

    @Test("bad replicates or levels throw")
    func badInput() {
        #expect(throws: GSLError.self) { try percentileInterval([], level: 0.9) }
        #expect(throws: GSLError.self) { try percentileInterval([1, .nan], level: 0.9) }
        #expect(throws: GSLError.self) { try percentileInterval([1, .infinity], level: 0.9) }
        for level in [0, 1, -0.5, 1.5, Double.nan] {
            #expect(throws: GSLError.self, "level \(level)") { try percentileInterval([1, 2, 3], level: level) }
        }
    }
}

@Suite("Weighted linear fit against numpy normal equations")
struct WeightedLinearFitTests {
    @Test("coefficients, covariances and chi-squared match")
    func matchesNumpy() throws {
        let fixture = try #require(StatisticsFixture.shared)
        #expect(fixture.linearFits.count == 2)
        for c in fixture.linearFits {
            let fit = try weightedLinearFit(x: c.x, y: c.y, weights: c.weights)
            // GSL centres the data, numpy solves the normal equations: allow 1e-10.
            #expect(isClose(fit.intercept, c.intercept, relative: 1e-10))
            #expect(isClose(fit.slope, c.slope, relative: 1e-10))
            #expect(isClose(fit.interceptVariance, c.interceptVariance, relative: 1e-10))
            #expect(isClose(fit.covariance, c.covariance, relative: 1e-10))
            #expect(isClose(fit.slopeVariance, c.slopeVariance, relative: 1e-10))
            #expect(isClose(fit.chiSquared, c.chiSquared, relative: 1e-10))
        }
    }

    @Test("points on a line give that line and chi-squared 0")
    func exactLine() throws {
        let x: [Double] = [0, 1, 2, 3]
        let fit = try weightedLinearFit(x: x, y: x.map { 2 - 0.5 * $0 }, weights: [1, 2, 3, 4])
        #expect(isClose(fit.intercept, 2) && isClose(fit.slope, -0.5))
        #expect(abs(fit.chiSquared) < 1e-24)
    }

    @Test("bad input throws")
    func badInput() {
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [], y: [], weights: []) }
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [1, 2], y: [1], weights: [1, 1]) }
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [1, 2], y: [1, 2], weights: [1]) }
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [1, 2], y: [1, .nan], weights: [1, 1]) }
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [1, 2], y: [1, 2], weights: [1, -1]) }
        // One distinct x with positive weight: the slope is undefined.
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [3, 3, 3], y: [1, 2, 3], weights: [1, 1, 1]) }
        #expect(throws: GSLError.self) { try weightedLinearFit(x: [3, 4, 3], y: [1, 2, 3], weights: [1, 0, 1]) }
    }
}

@Suite("Brent root finding against scipy.optimize.brentq")
struct RootFinderTests {
    /// The functions of make_fixtures.py, by the same names.
    static let functions: [String: @Sendable (Double) -> Double] = [
        "cubic": { x in x * x * x - 2 * x - 5 },
        "cosine": { x in cos(x) - x },
        "exponential": { x in exp(x) - 10 },
        "transfer": { t in 6000 + 0.9 * t - 8400 },
    ]

    @Test("roots match scipy", arguments: StatisticsFixture.rootsForArguments)
    func matchesScipy(_ c: StatisticsFixture.Root) throws {
        let f = try #require(Self.functions[c.function])
        let root = try RootFinder.brent(bracket: c.lower...c.upper, absoluteTolerance: 1e-14, relativeTolerance: 1e-14, maxIterations: 200, f)
        #expect(isClose(root, c.root, relative: 1e-12, absolute: 1e-13))
    }

    @Test("a bracket without a sign change throws GSL's message")
    func noSignChange() {
        let error = #expect(throws: GSLError.self) {
            try RootFinder.brent(bracket: 3...4, absoluteTolerance: 1e-10, relativeTolerance: 0, maxIterations: 50) { $0 * $0 - 2 }
        }
        #expect(error?.reason.contains("straddle") == true)
    }

    struct Refused: Error, Equatable { let x: Double }

    @Test("an error thrown by the function propagates unchanged")
    func closureErrorPropagates() {
        // At the end points.
        #expect(throws: Refused(x: 0)) {
            try RootFinder.brent(bracket: 0...1, absoluteTolerance: 1e-10, relativeTolerance: 0, maxIterations: 50) { x throws -> Double in
                if x == 0 { throw Refused(x: 0) }
                return x - 0.5
            }
        }
        // Inside the bracket, during the iterations.
        #expect(throws: Refused(x: -1)) {
            try RootFinder.brent(bracket: 0...1, absoluteTolerance: 1e-10, relativeTolerance: 0, maxIterations: 50) { x throws -> Double in
                if x > 0 && x < 1 { throw Refused(x: -1) }
                return x - 0.3
            }
        }
    }

    @Test("too few iterations is an error, not a wrong answer")
    func noConvergence() {
        let error = #expect(throws: GSLError.self) {
            try RootFinder.brent(bracket: 2...3, absoluteTolerance: 1e-15, relativeTolerance: 0, maxIterations: 2) { x in x * x * x - 2 * x - 5 }
        }
        #expect(error?.status == 11) // GSL_EMAXITER
    }

    @Test("invalid brackets and tolerances throw")
    func badArguments() {
        #expect(throws: GSLError.self) { try RootFinder.brent(bracket: 1...1, absoluteTolerance: 1e-10, relativeTolerance: 0, maxIterations: 10) { $0 } }
        #expect(throws: GSLError.self) { try RootFinder.brent(bracket: -1...1, absoluteTolerance: 0, relativeTolerance: 0, maxIterations: 10) { $0 } }
        #expect(throws: GSLError.self) { try RootFinder.brent(bracket: -1...1, absoluteTolerance: 1e-10, relativeTolerance: 0, maxIterations: 0) { $0 } }
        #expect(throws: GSLError.self) { try RootFinder.brent(bracket: -1...1, absoluteTolerance: 1e-10, relativeTolerance: 0, maxIterations: 10) { _ in .nan } }
    }

    @Test("a zero at an end point is returned")
    func zeroAtEndPoint() throws {
        #expect(try RootFinder.brent(bracket: 0...5, absoluteTolerance: 1e-12, relativeTolerance: 0, maxIterations: 10) { $0 } == 0)
    }
}
