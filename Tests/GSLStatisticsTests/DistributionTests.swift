import Foundation
import Testing
@testable import GSLStatistics

/// Each sampler's sample mean and variance are compared with the analytic ones, within
/// 5 standard errors: the mean's `sqrt(σ²/n)` and the variance's `sqrt((μ₄ − σ⁴)/n)`,
/// μ₄ estimated from the sample. With a fixed seed the draws, hence the outcome, are fixed.
@Suite("Distributions: sample moments against analytic moments")
struct DistributionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let mean: Double
        let variance: Double
        let draw: @Sendable (RandomStream) -> Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "uniform [2, 5)", mean: 3.5, variance: 9.0 / 12) { $0.uniform(2, 5) },
        Case(name: "uniform [0, 1)", mean: 0.5, variance: 1.0 / 12) { $0.uniform() },
        Case(name: "integer below 7", mean: 3, variance: 48.0 / 12) { Double($0.integer(below: 7)) },
        Case(name: "normal(10, 2)", mean: 10, variance: 4) { $0.normal(mean: 10, standardDeviation: 2) },
        Case(name: "lognormal(1, 0.5)", mean: exp(1 + 0.125), variance: (exp(0.25) - 1) * exp(2 + 0.25)) { $0.lognormal(mu: 1, sigma: 0.5) },
        Case(name: "gamma(2.5, 3)", mean: 7.5, variance: 22.5) { $0.gamma(shape: 2.5, scale: 3) },
        Case(name: "gamma(0.4, 2)", mean: 0.8, variance: 1.6) { $0.gamma(shape: 0.4, scale: 2) },
        Case(name: "beta(2, 5)", mean: 2.0 / 7, variance: 10.0 / (49 * 8)) { $0.beta(2, 5) },
        Case(name: "binomial(20, 0.3)", mean: 6, variance: 4.2) { Double($0.binomial(probability: 0.3, trials: 20)) },
        Case(name: "Poisson(4.2)", mean: 4.2, variance: 4.2) { Double($0.poisson(mean: 4.2)) },
        Case(name: "Bernoulli(0.25)", mean: 0.25, variance: 0.1875) { $0.bernoulli(0.25) ? 1 : 0 },
    ]

    @Test("sample mean and variance within 5 standard errors", arguments: cases)
    func moments(_ c: Case) throws {
        let stream = try RandomStream(seed: 2026, stream: 3)
        let n = 100_000
        var draws = [Double](repeating: 0, count: n)
        for i in 0..<n { draws[i] = c.draw(stream) }
        let mean = draws.reduce(0, +) / Double(n)
        let m2 = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
        let m4 = draws.reduce(0) { let d = $1 - mean; return $0 + d * d * d * d } / Double(n)
        let meanSE = (c.variance / Double(n)).squareRoot()
        let varianceSE = (max(m4 - m2 * m2, 0) / Double(n)).squareRoot()
        #expect(abs(mean - c.mean) < 5 * meanSE, "mean \(mean) vs \(c.mean)")
        #expect(abs(m2 - c.variance) < 5 * varianceSE, "variance \(m2) vs \(c.variance)")
    }

    @Test("parameters outside the domain give NaN (or 0 for counts) instead of hanging")
    func invalidParameters() throws {
        let s = try RandomStream(seed: 1)
        #expect(s.gamma(shape: .nan, scale: 1).isNaN)
        #expect(s.gamma(shape: 0, scale: 1).isNaN)
        #expect(s.gamma(shape: 1, scale: -1).isNaN)
        #expect(s.beta(0, 1).isNaN)
        #expect(s.beta(.nan, 1).isNaN)
        #expect(s.normal(mean: 0, standardDeviation: -1).isNaN)
        #expect(s.lognormal(mu: 0, sigma: .infinity).isNaN)
        #expect(s.uniform(3, 2).isNaN)
        #expect(s.poisson(mean: .infinity) == 0)
        #expect(s.poisson(mean: -1) == 0)
        #expect(s.binomial(probability: .nan, trials: 10) == 0)
        #expect(s.binomial(probability: 1.5, trials: 10) == 10)
    }
}
