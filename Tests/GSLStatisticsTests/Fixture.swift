import Foundation
import Testing
@testable import GSLStatistics

/// The expected values written by `Fixtures/make_fixtures.py` (numpy/scipy).
struct StatisticsFixture: Decodable {
    struct FGTCase: Decodable { let alpha: Double; let value: Double }
    struct Dataset: Decodable, CustomTestStringConvertible {
        let name: String
        let values: [Double]
        let weights: [Double]
        let mean: Double
        let variance: Double
        let probabilities: [Double]
        let quantiles: [Double]
        let gini: Double
        let povertyLine: Double
        let fgt: [FGTCase]
        let decileBoundaries: [Double]
        let deciles: [Int]
        let decileShares: [Double]
        var testDescription: String { name }
    }
    struct Interval: Decodable { let replicates: [Double]; let level: Double; let lower: Double; let upper: Double }
    struct Fit: Decodable {
        let x: [Double], y: [Double], weights: [Double]
        let intercept: Double, slope: Double
        let interceptVariance: Double, covariance: Double, slopeVariance: Double, chiSquared: Double
    }
    struct Root: Decodable, CustomTestStringConvertible {
        let function: String, lower: Double, upper: Double, root: Double
        var testDescription: String { function }
    }

    let datasets: [Dataset]
    let percentileIntervals: [Interval]
    let linearFits: [Fit]
    let roots: [Root]

    /// Loaded once; a missing or malformed fixture makes the tests that use it fail.
    static let shared: StatisticsFixture? = {
        guard let url = Bundle.module.url(forResource: "statistics-fixtures", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(StatisticsFixture.self, from: data)
    }()

    static var datasetsForArguments: [Dataset] { shared?.datasets ?? [] }
    static var rootsForArguments: [Root] { shared?.roots ?? [] }
}

/// `|a − b| ≤ max(relative × max(|a|, |b|), absolute)`.
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-12, absolute: Double = 1e-15) -> Bool {
    abs(a - b) <= max(relative * max(abs(a), abs(b)), absolute)
}

func allClose(_ a: [Double], _ b: [Double], relative: Double = 1e-12, absolute: Double = 1e-15) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}
