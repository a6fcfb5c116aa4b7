import Testing
@testable import GSLStatistics
import SpsimSupport

@Suite("Weighted statistics against numpy")
struct WeightedStatisticsFixtureTests {
    @Test("the fixture loads and has every dataset")
    func fixtureLoads() throws {
        let fixture = try #require(StatisticsFixture.shared)
        #expect(fixture.datasets.count == 4)
    }

    @Test("mean and frequency-weight variance", arguments: StatisticsFixture.datasetsForArguments)
    func meanAndVariance(_ data: StatisticsFixture.Dataset) throws {
        #expect(isClose(try WeightedStatistics.mean(data.values, weights: data.weights), data.mean))
        #expect(isClose(try WeightedStatistics.variance(data.values, weights: data.weights), data.variance))
    }

    @Test("quantiles: inverse of the weighted empirical CDF", arguments: StatisticsFixture.datasetsForArguments)
    func quantiles(_ data: StatisticsFixture.Dataset) throws {
        for (p, expected) in zip(data.probabilities, data.quantiles) {
            let q = try WeightedStatistics.quantile(data.values, weights: data.weights, probability: p)
            #expect(isClose(q, expected), "p = \(p)")
        }
        #expect(allClose(try WeightedStatistics.decileBoundaries(data.values, weights: data.weights), data.decileBoundaries))
    }

    @Test("Gini as defined in R1", arguments: StatisticsFixture.datasetsForArguments)
    func gini(_ data: StatisticsFixture.Dataset) throws {
        #expect(isClose(try WeightedStatistics.gini(data.values, weights: data.weights), data.gini))
    }

    @Test("FGT indices for several alphas", arguments: StatisticsFixture.datasetsForArguments)
    func fgt(_ data: StatisticsFixture.Dataset) throws {
        let distribution = try WeightedDistribution(data.values, weights: data.weights)
        for c in data.fgt {
            let direct = try WeightedStatistics.fgt(data.values, weights: data.weights, povertyLine: data.povertyLine, alpha: c.alpha)
            let sorted = try distribution.fgt(povertyLine: data.povertyLine, alpha: c.alpha)
            #expect(isClose(direct, c.value), "alpha = \(c.alpha)")
            #expect(isClose(sorted, c.value), "alpha = \(c.alpha), sorted")
        }
    }

    @Test("deciles and decile shares", arguments: StatisticsFixture.datasetsForArguments)
    func deciles(_ data: StatisticsFixture.Dataset) throws {
        let assigned = try WeightedStatistics.deciles(data.values, weights: data.weights)
        #expect(assigned.map(Int.init) == data.deciles)
        let shares = try WeightedStatistics.decileShares(data.values, weights: data.weights)
        #expect(allClose(shares, data.decileShares, absolute: 1e-14))
        #expect(isClose(shares.reduce(0, +), 1, relative: 1e-12))
    }

    @Test("one sorted distribution answers as the static functions do", arguments: StatisticsFixture.datasetsForArguments)
    func distributionAgrees(_ data: StatisticsFixture.Dataset) throws {
        let d = try WeightedDistribution(data.values, weights: data.weights)
        #expect(isClose(try d.gini(), data.gini))
        #expect(allClose(d.decileBoundaries(), data.decileBoundaries))
        #expect(d.deciles().map(Int.init) == data.deciles)
        #expect(allClose(try d.decileShares(), data.decileShares, absolute: 1e-14))
        #expect(isClose(d.totalWeight, data.weights.reduce(0, +)))
    }
}

@Suite("Weighted statistics: analytic cases")
struct WeightedStatisticsAnalyticTests {
    @Test("equal incomes give a Gini of 0, whatever the weights")
    func equalIncomes() throws {
        let g = try WeightedStatistics.gini([500, 500, 500, 500], weights: [1, 2.5, 0.5, 7])
        #expect(abs(g) <= 1e-15)
    }

    @Test("one person holding everything gives 1 − w_last / W", arguments: [2, 3, 10, 1000])
    func oneHoldsEverything(n: Int) throws {
        var values = [Double](repeating: 0, count: n)
        values[n / 2] = 1234
        let equal = try WeightedStatistics.gini(values, weights: Array(repeating: 1, count: n))
        #expect(isClose(equal, 1 - 1 / Double(n)))
        let weights = (1...n).map { Double($0) }
        let unequal = try WeightedStatistics.gini(values, weights: weights)
        let total = Double(n * (n + 1) / 2)
        #expect(isClose(unequal, 1 - weights[n / 2] / total))
    }

    @Test("integer weights act as repeated persons")
    func frequencyWeights() throws {
        let values: [Double] = [1, 4, 9]
        let weights: [Double] = [2, 1, 3]
        let repeated: [Double] = [1, 1, 4, 9, 9, 9]
        let ones = [Double](repeating: 1, count: 6)
        #expect(isClose(try WeightedStatistics.gini(values, weights: weights), try WeightedStatistics.gini(repeated, weights: ones)))
        #expect(isClose(try WeightedStatistics.variance(values, weights: weights), try WeightedStatistics.variance(repeated, weights: ones)))
        // mean 5.5; Σ(x−m)² = 2·20.25 + 2.25 + 3·12.25 = 79.5; /6
        #expect(isClose(try WeightedStatistics.variance(values, weights: weights), 79.5 / 6))
    }

    @Test("FGT is strict at the line and alpha 0, 1, 2 follow their definitions")
    func fgtByHand() throws {
        let values: [Double] = [0, 50, 100, 200]
        let weights: [Double] = [1, 1, 1, 1]
        // Line 100: poor are 0 and 50 (100 is not poor). Gaps 1 and 0.5.
        #expect(try WeightedStatistics.fgt(values, weights: weights, povertyLine: 100, alpha: 0) == 0.5)
        #expect(isClose(try WeightedStatistics.fgt(values, weights: weights, povertyLine: 100, alpha: 1), 1.5 / 4))
        #expect(isClose(try WeightedStatistics.fgt(values, weights: weights, povertyLine: 100, alpha: 2), 1.25 / 4))
        #expect(throws: GSLError.self) { try WeightedStatistics.fgt(values, weights: weights, povertyLine: 0, alpha: 1) }
        #expect(throws: GSLError.self) { try WeightedStatistics.fgt(values, weights: weights, povertyLine: 100, alpha: -1) }
    }

    @Test("deciles of 10 equal weights are 1…10, ties broken by position")
    func decilesOfTen() throws {
        let values: [Double] = [5, 5, 5, 5, 5, 1, 1, 1, 1, 1]
        let deciles = try WeightedStatistics.deciles(values, weights: Array(repeating: 1, count: 10))
        #expect(deciles == [6, 7, 8, 9, 10, 1, 2, 3, 4, 5])
    }
}

@Suite("Weighted statistics: bad input throws")
struct WeightedStatisticsBadInputTests {
    typealias Statistic = @Sendable ([Double], [Double]) throws -> Any

    static let statistics: [(String, Statistic)] = [
        ("mean", { try WeightedStatistics.mean($0, weights: $1) }),
        ("variance", { try WeightedStatistics.variance($0, weights: $1) }),
        ("quantile", { try WeightedStatistics.quantile($0, weights: $1, probability: 0.5) }),
        ("gini", { try WeightedStatistics.gini($0, weights: $1) }),
        ("fgt", { try WeightedStatistics.fgt($0, weights: $1, povertyLine: 10, alpha: 1) }),
        ("decileBoundaries", { try WeightedStatistics.decileBoundaries($0, weights: $1) }),
        ("deciles", { try WeightedStatistics.deciles($0, weights: $1) }),
        ("decileShares", { try WeightedStatistics.decileShares($0, weights: $1) }),
        ("distribution", { try WeightedDistribution($0, weights: $1) }),
    ]

    static let badInputs: [(String, [Double], [Double])] = [
        ("empty", [], []),
        ("mismatched lengths", [1, 2, 3], [1, 1]),
        ("negative weight", [1, 2, 3], [1, -1, 1]),
        ("all-zero weights", [1, 2, 3], [0, 0, 0]),
        ("NaN weight", [1, 2, 3], [1, .nan, 1]),
        ("infinite weight", [1, 2, 3], [1, .infinity, 1]),
        ("NaN value", [1, .nan, 3], [1, 1, 1]),
        ("infinite value", [1, -.infinity, 3], [1, 1, 1]),
    ]

    @Test("every statistic throws GSLError on every bad column", arguments: 0..<badInputs.count)
    func badColumns(_ index: Int) {
        let (label, values, weights) = Self.badInputs[index]
        for (name, statistic) in Self.statistics {
            let error = #expect(throws: GSLError.self, "\(name) on \(label)") { _ = try statistic(values, weights) }
            #expect(error?.status == 4, "\(name) on \(label): GSL_EINVAL") // GSL_EINVAL = 4
        }
    }

    @Test("shares and the Gini need values ≥ 0 and a positive total")
    func sharesNeedPositiveTotal() {
        #expect(throws: GSLError.self) { try WeightedStatistics.gini([0, 0, 0], weights: [1, 1, 1]) }
        #expect(throws: GSLError.self) { try WeightedStatistics.gini([-1, 2, 3], weights: [1, 1, 1]) }
        #expect(throws: GSLError.self) { try WeightedStatistics.decileShares([0, 0], weights: [1, 1]) }
        // Only a zero-weight row holds value: Y = 0.
        #expect(throws: GSLError.self) { try WeightedStatistics.gini([5, 0], weights: [0, 1]) }
    }

    @Test("quantile probabilities outside [0, 1] throw")
    func badProbability() {
        for p in [-0.1, 1.1, Double.nan] {
            #expect(throws: GSLError.self, "p = \(p)") { try WeightedStatistics.quantile([1, 2], weights: [1, 1], probability: p) }
        }
    }
}

@Suite("Sort order of large columns")
struct SortOrderTests {
    @Test("the radix path orders by value, ties by position, -0 equal to 0", arguments: [8192, 50_000])
    func radixMatchesComparison(n: Int) throws {
        let stream = try RandomStream(seed: 11)
        // Many ties (rounded), negatives, zeros of both signs, huge and tiny magnitudes.
        let values: [Double] = (0..<n).map { i in
            switch i % 7 {
            case 0: return 0.0
            case 1: return -0.0
            case 2: return (stream.normal(mean: 0, standardDeviation: 1000) / 10).rounded() * 10
            case 3: return stream.uniform(-1e-300, 1e-300)
            case 4: return stream.lognormal(mu: 200, sigma: 100)
            case 5: return -stream.lognormal(mu: 9, sigma: 1).rounded()
            default: return Double(stream.integer(below: 5))
            }
        }
        let radix = values.withUnsafeBufferPointer { ascendingOrder($0) }
        let reference = (0..<n).sorted { a, b in
            values[a] < values[b] || (values[a] == values[b] && a < b)
        }
        #expect(radix.map(Int.init) == reference)
    }
}

@Suite("Distributions of household values over persons")
struct GroupedDistributionTests {
    /// Households of 0-9 members (empty ones included) with tied, negative and zero values.
    static func households(_ count: Int, seed: UInt64) throws -> (values: [Double], weights: [Double], start: [Int32]) {
        let stream = try RandomStream(seed: seed)
        var values: [Double] = [], weights: [Double] = [], start: [Int32] = [0]
        for h in 0..<count {
            values.append(h % 5 == 0 ? Double(stream.integer(below: 4)) : (stream.lognormal(mu: 9, sigma: 1) / 100).rounded() * 100 - 200)
            weights.append(h % 11 == 0 ? 0 : stream.uniform(1, 400))
            start.append(start[h] + Int32(stream.integer(below: 10)))
        }
        return (values, weights, start)
    }

    @Test("sorting households and expanding them equals sorting their persons, bit for bit", arguments: [50, 3000, 40_000])
    func groupedEqualsExpanded(households: Int) throws {
        let (values, weights, start) = try Self.households(households, seed: UInt64(households))
        var personValues: [Double] = [], personWeights: [Double] = []
        for h in 0..<households {
            for _ in start[h]..<start[h + 1] { personValues.append(values[h]); personWeights.append(weights[h]) }
        }
        let grouped = try WeightedDistribution(groupValues: values, weights: weights, groupStart: start)
        let expanded = try WeightedDistribution(personValues, weights: personWeights)
        #expect(grouped.order == expanded.order)
        #expect(grouped.sortedValues == expanded.sortedValues)
        #expect(grouped.sortedWeights == expanded.sortedWeights)
        #expect(grouped.totalWeight.bitPattern == expanded.totalWeight.bitPattern)
        #expect(grouped.totalValue.bitPattern == expanded.totalValue.bitPattern)
        #expect(grouped.deciles() == expanded.deciles())
    }

    @Test("group starts that are not one more than the groups, or decrease, throw")
    func badStarts() {
        #expect(throws: GSLError.self) { try WeightedDistribution(groupValues: [1, 2], weights: [1, 1], groupStart: [0, 1]) }
        #expect(throws: GSLError.self) { try WeightedDistribution(groupValues: [1, 2], weights: [1, 1], groupStart: [0, 3, 2]) }
    }
}

@Suite("Radix sort by 64-bit keys")
struct RadixSortTests {
    @Test("sorting by a second key and then stably by a first gives the order by (first, second, position)")
    func twoKeys() throws {
        let stream = try RandomStream(seed: 5)
        let n = 30_000
        // Household identifiers over 2^16 apart and negative ones; person identifiers with repeats.
        let first: [Int64] = (0..<n).map { _ in Int64(stream.integer(below: 2000)) * 70_001 - 50_000_000 }
        let second: [Int64] = (0..<n).map { _ in Int64(stream.integer(below: 500)) - 100 }
        let secondKeys = second.map(RadixSort.key), firstKeys = first.map(RadixSort.key)
        let bySecond = secondKeys.withUnsafeBufferPointer { RadixSort.stableOrder(keys: $0) }
        let order = firstKeys.withUnsafeBufferPointer { RadixSort.stableOrder(keys: $0, after: bySecond) }
        let reference = (0..<n).sorted { a, b in
            (first[a], second[a], a) < (first[b], second[b], b)
        }
        #expect(order.map(Int.init) == reference)
    }
}
