import Foundation
import Testing
@testable import GSLStatistics

@Suite("Bounded distributions of uncertain assumptions")
struct BoundedDistributionTests {
    struct Case: Decodable {
        let distribution: String
        let low: Double, high: Double
        let mode: Double?, mean: Double?, sd: Double?, alpha: Double?, beta: Double?
        let quantiles: [Double]
        var value: BoundedDistribution {
            switch distribution {
            case "uniform": return .uniform(low: low, high: high)
            case "triangular": return .triangular(low: low, mode: mode!, high: high)
            case "normal": return .normal(mean: mean!, sd: sd!, low: low, high: high)
            default: return .beta(alpha: alpha!, beta: beta!, low: low, high: high)
            }
        }
    }
    struct Fixture: Decodable { let u: [Double]; let cases: [Case] }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "bounded-quantiles", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Quantiles against scipy's (Fixtures/make_bounded_fixtures.py).
    @Test func quantilesMatchScipy() throws {
        let fixture = try Self.fixture()
        #expect(fixture.cases.count == 5)
        for c in fixture.cases {
            for (u, expected) in zip(fixture.u, c.quantiles) {
                let value = try c.value.quantile(u)
                #expect(abs(value - expected) <= 1e-9 * max(1, abs(expected)), "\(c.distribution) at \(u): \(value) vs scipy \(expected)")
            }
            #expect(try c.value.quantile(0) == c.low && c.value.quantile(1) == c.high)
        }
    }

    @Test func centralValues() {
        #expect(BoundedDistribution.uniform(low: 2, high: 5).central == 3.5)
        #expect(BoundedDistribution.triangular(low: 0, mode: 1, high: 4).central == 1)
        #expect(BoundedDistribution.normal(mean: 0.08, sd: 0.02, low: 0.05, high: 0.14).central == 0.08)
        // Scaled beta mean: 0.6 + 0.4 × 2 / 7.
        #expect(abs(BoundedDistribution.beta(alpha: 2, beta: 5, low: 0.6, high: 1).central - (0.6 + 0.4 * 2 / 7)) < 1e-15)
    }

    @Test func badParametersAreNamed() {
        #expect(BoundedDistribution.uniform(low: 5, high: 2).problem == "low must be below high")
        #expect(BoundedDistribution.triangular(low: 0, mode: 5, high: 4).problem == "the mode must lie from low to high")
        #expect(BoundedDistribution.normal(mean: 0, sd: 0, low: -1, high: 1).problem == "sd must be above 0")
        #expect(BoundedDistribution.beta(alpha: -1, beta: 2, low: 0, high: 1).problem == "alpha and beta must be above 0")
        #expect(BoundedDistribution.uniform(low: .nan, high: 2).problem == "every number must be finite")
        #expect(throws: GSLError.self) { try BoundedDistribution.uniform(low: 0, high: 1).quantile(1.5) }
    }
}
