import Foundation
import GSLStatistics
import Indicators
import SpsimSupport
import Synchronization

/// Replicates of a comparison (`spsim compare --replicates N`): the comparison rerun on N
/// independent populations and draw sets, summarised per record as the mean over the
/// replicates and a 90% percentile interval.
///
/// - Replicate r uses the seed `seed(base:replicate:)`: r = 0 is the run's own seed (so
///   one replicate is exactly the plain comparison), r ≥ 1 a SplitMix64 mix of (seed, r).
///   A synthetic population is generated from it; imported microdata keep their
///   households and take their stored draws from it.
/// - Within a replicate every scenario sees the same population and draws (common random
///   numbers), so a difference record `NAME-minus-BASELINE` of a replicate is computed on
///   paired figures; its interval is the percentiles of the per-replicate differences.
/// - The summary depends only on the replicate values in replicate order, never on the
///   number of threads that computed them.
public enum Replicates {
    /// The most replicates a comparison may have.
    public static let limit = 1000
    /// The coverage of the interval: 0.9 (the 5th and 95th percentiles).
    public static let level = 0.9

    /// The seed of replicate `replicate` (0-based) of a run with seed `base`: `base` itself
    /// for replicate 0; else SplitMix64's finaliser of `base + replicate × 0x9E3779B97F4A7C15`
    /// (distinct replicates give distinct, well-mixed seeds).
    public static func seed(base: UInt64, replicate: Int) -> UInt64 {
        guard replicate > 0 else { return base }
        return SplitMix64.finalise(base &+ UInt64(replicate) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The seeds of replicates 0..<count.
    public static func seeds(base: UInt64, count: Int) -> [UInt64] {
        (0..<count).map { seed(base: base, replicate: $0) }
    }

    /// `body(r)` for r in `indices`, up to `threads` at a time, results in the order of
    /// `indices`. Each call holds its own population only while it runs, so at most
    /// `threads` populations are alive at once. The first error (in index order) is thrown.
    public static func map<T: Sendable>(_ indices: [Int], threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        let slots = ResultSlots<Result<T, any Error>>(count: indices.count)
        let workers = max(1, min(threads, indices.count))
        if workers == 1 {
            for (k, r) in indices.enumerated() { slots[k] = Result { try body(r) } }
        } else {
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let k = next.wrappingAdd(1, ordering: .relaxed).oldValue, k < indices.count {
                    slots[k] = Result { try body(indices[k]) }
                }
            }
        }
        return try (0..<indices.count).map { k in
            guard let outcome = slots[k] else { throw ProjectionError("replicate \(indices[k]) did not run") }
            return try outcome.get()
        }
    }

    /// Summarises the records of each replicate (replicate order; each as
    /// `Comparison.records`, difference records included) into one record per
    /// (scenario, year, indicator, breakdown, group), in the order of first appearance:
    ///
    /// - `value`: the mean of the replicates' defined (finite) values, summed in
    ///   replicate order; undefined (NaN) when no replicate defines it. When every defined
    ///   value is the same, that value exactly.
    /// - `lower`, `upper` (only for more than one replicate): the 5th and 95th percentiles
    ///   of the defined values, GSL's `gsl_stats_quantile_from_sorted_data` (linear
    ///   interpolation between order statistics, numpy's default, R type 7; see
    ///   `percentileInterval`). Should the mean fall outside them (a strongly skewed set
    ///   of few replicates), the interval is widened to include it, so lower ≤ value ≤ upper.
    ///
    /// One replicate returns its records unchanged.
    public static func summarise(_ replicates: [[ScenarioYearRecord]], level: Double = Replicates.level) throws -> [ScenarioYearRecord] {
        guard replicates.count > 1 else { return replicates.first ?? [] }
        struct Key: Hashable { var scenario: String; var year: Int; var indicator: String; var breakdown: String; var group: String }
        func key(_ r: ScenarioYearRecord) -> Key {
            Key(scenario: r.scenario, year: r.year, indicator: r.record.indicator, breakdown: r.record.breakdown, group: r.record.group)
        }
        var index: [Key: Int] = [:]
        var template: [ScenarioYearRecord] = []
        var values: [[Double]] = []
        for records in replicates {
            for r in records {
                let k = key(r)
                let i: Int
                if let found = index[k] { i = found } else {
                    i = template.count
                    index[k] = i
                    template.append(r)
                    values.append([])
                }
                if r.record.value.isFinite { values[i].append(r.record.value) }
            }
        }
        var out: [ScenarioYearRecord] = []
        out.reserveCapacity(template.count)
        for (i, base) in template.enumerated() {
            var record = base
            let xs = values[i]
            guard let low = xs.min(), let high = xs.max() else {
                record.record.value = .nan
                record.lower = nil
                record.upper = nil
                out.append(record)
                continue
            }
            let mean = low == high ? low : min(max(xs.reduce(0, +) / Double(xs.count), low), high)
            var (lower, upper) = low == high ? (low, high) : try percentileInterval(xs, level: level)
            lower = min(lower, mean)
            upper = max(upper, mean)
            record.record.value = mean
            record.lower = lower
            record.upper = upper
            out.append(record)
        }
        return out
    }
}
