import Foundation
import Indicators
import Testing
@testable import Projection

/// Replicates (`compare --replicates N`): seeds, the percentile rule, paired differences,
/// the reduction's independence of threads, and one replicate being the plain comparison.
@Suite("Replicates: means and 90% intervals over independent populations")
struct ReplicatesTests {
    static func record(_ scenario: String, _ value: Double, year: Int = 2025, indicator: String = "government_cost_pct_gdp") -> ScenarioYearRecord {
        ScenarioYearRecord(scenario: scenario, year: year, record: IndicatorRecord(indicator: indicator, value: value, unit: "% of GDP"))
    }

    @Test("replicate 0 uses the run's seed; the others get distinct derived seeds")
    func seeds() {
        #expect(Replicates.seed(base: 20_250_701, replicate: 0) == 20_250_701)
        let seeds = Replicates.seeds(base: 20_250_701, count: 1000)
        #expect(seeds.count == 1000)
        #expect(Set(seeds).count == 1000)
        #expect(seeds[0] == 20_250_701)
        // A pure function of (seed, replicate).
        #expect(Replicates.seed(base: 7, replicate: 3) == Replicates.seed(base: 7, replicate: 3))
        #expect(Replicates.seed(base: 7, replicate: 3) != Replicates.seed(base: 8, replicate: 3))
    }

    @Test("one replicate returns its records unchanged, without an interval")
    func oneReplicate() throws {
        let records = [Self.record("a", 0.1 + 0.2), Self.record("b", .nan)]
        let summary = try Replicates.summarise([records])
        #expect(summary.count == 2)
        #expect(summary[0] == records[0])
        #expect(summary[0].lower == nil && summary[0].upper == nil)
        #expect(summary[1].record.value.isNaN && summary[1].lower == nil)
    }

    @Test("mean and the 5th/95th percentiles with linear interpolation (R type 7), by hand")
    func percentileRule() throws {
        // Sorted 1, 2, 3, 4, 10 (n = 5), given out of order.
        // Mean (1 + 2 + 3 + 4 + 10) / 5 = 4.
        // 5th:  δ = 0.05 × 4 = 0.2, x₀ + 0.2 (x₁ − x₀) = 1 + 0.2 × 1 = 1.2.
        // 95th: δ = 0.95 × 4 = 3.8, x₃ + 0.8 (x₄ − x₃) = 4 + 0.8 × 6 = 8.8.
        let summary = try Replicates.summarise([4.0, 10, 1, 3, 2].map { [Self.record("a", $0)] })
        let r = try #require(summary.first)
        #expect(summary.count == 1)
        #expect(abs(r.record.value - 4) <= 1e-12)
        #expect(abs(try #require(r.lower) - 1.2) <= 1e-12)
        #expect(abs(try #require(r.upper) - 8.8) <= 1e-12)
        #expect(r.record.unit == "% of GDP")
    }

    @Test("identical replicate values give that value exactly, a zero-width interval")
    func constant() throws {
        let summary = try Replicates.summarise(Array(repeating: [Self.record("a", 0.1)], count: 7))
        #expect(summary[0].record.value == 0.1)
        #expect(summary[0].lower == 0.1 && summary[0].upper == 0.1)
    }

    @Test("undefined replicate values are left out; none defined gives an undefined value without interval")
    func undefinedValues() throws {
        let summary = try Replicates.summarise([[Self.record("a", 1), Self.record("b", .nan)],
                                                [Self.record("a", .nan), Self.record("b", .nan)],
                                                [Self.record("a", 3), Self.record("b", .nan)]])
        // a: values 1 and 3; mean 2; 5th = 1 + 0.05 × 2 = 1.1, 95th = 1 + 0.95 × 2 = 2.9.
        #expect(abs(summary[0].record.value - 2) <= 1e-12)
        #expect(abs(try #require(summary[0].lower) - 1.1) <= 1e-12)
        #expect(abs(try #require(summary[0].upper) - 2.9) <= 1e-12)
        #expect(summary[1].record.value.isNaN)
        #expect(summary[1].lower == nil && summary[1].upper == nil)
    }

    @Test("a mean outside the percentiles (strong skew) widens the interval to include it")
    func skewWidens() throws {
        // Twenty zeros and one 1000 (n = 21): both percentiles are 0 (δ = 19 → x₁₉ = 0),
        // the mean is 1000 / 21 = 47.619…: the upper bound becomes the mean.
        let summary = try Replicates.summarise(Array(repeating: [Self.record("a", 0)], count: 20) + [[Self.record("a", 1000)]])
        let r = summary[0]
        #expect(abs(r.record.value - 1000.0 / 21) <= 1e-9)
        #expect(r.lower == 0)
        #expect(r.upper == r.record.value)
    }

    @Test("a difference's interval is the percentiles of the paired per-replicate differences")
    func pairedDifferences() throws {
        // Five replicates: the baseline varies a lot between populations (10 … 50) and the
        // option is the baseline + 1, 2, 3, 4, 5 on the same population.
        let baseline: [Double] = [10, 20, 30, 40, 50]
        let option: [Double] = [11, 22, 33, 44, 55]
        let replicates = zip(baseline, option).map { b, o in
            let base = [Self.record("base", b)], opt = [Self.record("opt", o)]
            return base + opt + differenceRecords(scenario: opt, baseline: base, scenarioName: "opt", baselineName: "base")
        }
        let summary = try Replicates.summarise(replicates)
        #expect(summary.map(\.scenario) == ["base", "opt", "opt-minus-base"])
        let difference = summary[2]
        // Differences 1, 2, 3, 4, 5: mean 3, 5th 1 + 0.2 = 1.2, 95th 4 + 0.8 = 4.8.
        #expect(abs(difference.record.value - 3) <= 1e-12)
        #expect(abs(try #require(difference.lower) - 1.2) <= 1e-12)
        #expect(abs(try #require(difference.upper) - 4.8) <= 1e-12)
        // Not the difference of the intervals: base [10 + 0.2 × 10, 40 + 0.8 × 10] = [12, 48],
        // opt [11 + 0.2 × 11, 44 + 0.8 × 11] = [13.2, 52.8]: 13.2 − 48 = −34.8 and 52.8 − 12 = 40.8.
        #expect(abs(try #require(summary[0].lower) - 12) <= 1e-12)
        #expect(abs(try #require(summary[0].upper) - 48) <= 1e-12)
        #expect(abs(try #require(summary[1].lower) - 13.2) <= 1e-12)
        #expect(abs(try #require(summary[1].upper) - 52.8) <= 1e-12)
        // The mean difference equals the difference of the means (30 and 33).
        #expect(abs(difference.record.value - (summary[1].record.value - summary[0].record.value)) <= 1e-12)
    }

    @Test("the parallel map returns results in replicate order whatever the thread count")
    func mapOrder() throws {
        let indices = Array(1..<50)
        let serial = try Replicates.map(indices, threads: 1) { $0 * $0 }
        let parallel = try Replicates.map(indices, threads: 4) { $0 * $0 }
        #expect(serial == indices.map { $0 * $0 })
        #expect(parallel == serial)
        struct Boom: Error {}
        #expect(throws: Boom.self) { _ = try Replicates.map(indices, threads: 3) { r -> Int in if r == 7 { throw Boom() }; return r } }
    }

    @Test("N = 1 gives exactly the plain comparison's records; N = 3 is the same for 1 and 2 threads")
    func replicatesOfAComparison() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        _ = try folder.write("more.yaml", "title: More\ndescription: t\nreference: t\nbaseline: r1.yaml\nchanges:\n  household_transfer.amount: 9000\n")
        let scenarios = [try folder.load("r1.yaml"), try folder.load("more.yaml")]
        let projection = try ScenarioFolder.projection()
        @Sendable func records(seed: UInt64, threads: Int) throws -> [ScenarioYearRecord] {
            let population = TestPopulations.make(households: 300, seed: seed)
            let projector = try Projector(population: population, baseYear: 2025, years: [2025], projection: projection)
            return try Comparison.run(scenarios, projector: projector, threads: threads).records
        }
        let plain = try records(seed: 7, threads: 2)
        #expect(try Replicates.summarise([plain]) == plain)
        let seeds = Replicates.seeds(base: 7, count: 3)
        let one = try Replicates.summarise(try Replicates.map([0, 1, 2], threads: 1) { try records(seed: seeds[$0], threads: 1) })
        let two = try Replicates.summarise(try Replicates.map([0, 1, 2], threads: 2) { try records(seed: seeds[$0], threads: 1) })
        #expect(one.count == plain.count)
        #expect(one.count == two.count)
        for (a, b) in zip(one, two) {
            #expect(a.scenario == b.scenario && a.record.indicator == b.record.indicator && a.record.group == b.record.group)
            #expect(a.record.value.bitPattern == b.record.value.bitPattern || (a.record.value.isNaN && b.record.value.isNaN))
            #expect(a.lower == b.lower && a.upper == b.upper)
            if let lower = a.lower, let upper = a.upper { #expect(lower <= a.record.value && a.record.value <= upper) }
        }
    }

    /// Replicates of the two-scenario comparison of `replicatesOfAComparison` on test
    /// populations of `households` households, one per seed.
    static func replicated(households: Int, count: Int, change: String = "household_transfer.amount: 9000") throws -> [ScenarioYearRecord] {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        _ = try folder.write("more.yaml", "title: More\ndescription: t\nreference: t\nbaseline: r1.yaml\nchanges:\n  \(change)\n")
        let scenarios = [try folder.load("r1.yaml"), try folder.load("more.yaml")]
        let projection = try ScenarioFolder.projection()
        let seeds = Replicates.seeds(base: 3, count: count)
        let runs = try Replicates.map(Array(0..<count), threads: 2) { r in
            let projector = try Projector(population: TestPopulations.make(households: households, seed: seeds[r]), baseYear: 2025, years: [2025], projection: projection)
            return try Comparison.run(scenarios, projector: projector, threads: 1).records
        }
        return try Replicates.summarise(runs)
    }

    static func width(_ records: [ScenarioYearRecord], _ scenario: String, _ indicator: String) throws -> Double {
        let r = try #require(records.first { $0.scenario == scenario && $0.record.indicator == indicator && $0.record.breakdown == "total" })
        return try #require(r.upper) - (try #require(r.lower))
    }

    /// A known case: coverage is a share of persons, so its spread between independent
    /// populations of H households falls like 1/√H; four times the households, half the
    /// width (2 expected; 60 replicates each, so the ratio is allowed 1.4 to 2.8).
    @Test("intervals shrink like 1/sqrt(households): 4 times the households, about half the width")
    func intervalsShrink() throws {
        let small = try Self.width(try Self.replicated(households: 300, count: 60), "r1", "coverage_rate")
        let large = try Self.width(try Self.replicated(households: 1200, count: 60), "r1", "coverage_rate")
        #expect(small > 0 && large > 0)
        #expect((1.4...2.8).contains(small / large), "widths \(small) and \(large), ratio \(small / large)")
    }

    /// Common random numbers: both scenarios of a replicate see the same population and
    /// draws, so the interval of their difference (here: one eligible family in ten not
    /// paid, by the household draw) is much narrower than the interval of either.
    @Test("the interval of a difference (paired replicates) is narrower than the intervals of its parts")
    func commonRandomNumbers() throws {
        let records = try Self.replicated(households: 300, count: 20, change: "household_transfer.take_up: 0.9")
        let base = try Self.width(records, "r1", "transfer_cost"), more = try Self.width(records, "more", "transfer_cost")
        let difference = try Self.width(records, "more-minus-r1", "transfer_cost")
        #expect(difference > 0)
        #expect(difference < base && difference < more, "difference \(difference), parts \(base) and \(more)")
        // Unpaired, the difference of two independent figures would spread about √2 times
        // as much as one part; paired, it is a fraction of one part's.
        #expect(difference < 0.8 * min(base, more))
    }
}
