import CGSL

/// A weighted column sorted once, answering every order-based statistic of
/// `WeightedStatistics` (quantiles, Gini, FGT, decile boundaries, deciles, decile
/// shares) without sorting again. The answers are exactly those of the static
/// functions, whose doc comments state the definitions.
///
/// The input is checked as in `WeightedStatistics` (non-empty, equal lengths, finite
/// weights ≥ 0 not all zero, finite values). Building costs one index sort (a stable
/// radix sort on large columns, see `ascendingOrder`); each question is then one O(n)
/// pass with no allocation beyond its result. Memory: two `Double` columns and one `UInt32` index column (20 bytes per element).
public struct WeightedDistribution: Sendable {
    /// The input positions in ascending value order; ties keep their input order.
    public let order: [UInt32]
    /// The values in that order.
    public let sortedValues: [Double]
    /// The weights in that order.
    public let sortedWeights: [Double]
    /// `W = Σ w` (> 0), accumulated in sorted order, so it equals the last cumulative
    /// weight exactly (`P_n = 1`, and `quantile(1)` is always reached).
    public let totalWeight: Double
    /// `Y = Σ w·y`, accumulated in sorted order.
    public let totalValue: Double

    /// Number of elements (rows), whatever their weights.
    public var count: Int { order.count }

    public init(_ values: [Double], weights: [Double]) throws(GSLError) {
        let operation = "weighted distribution"
        _ = try WeightedStatistics.validate(operation, values, weights)
        guard values.count <= Int(UInt32.max) else {
            throw .invalidInput(operation, "\(values.count) elements exceed the supported \(UInt32.max)")
        }
        let n = values.count
        let order = values.withUnsafeBufferPointer { ascendingOrder($0) }
        var sum = 0.0
        var total = 0.0
        let sortedValues = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            values.withUnsafeBufferPointer { x in
                for k in 0..<n { buffer[k] = x[Int(order[k])] }
            }
            initialized = n
        }
        let sortedWeights = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
            weights.withUnsafeBufferPointer { w in
                for k in 0..<n {
                    let wk = w[Int(order[k])]
                    buffer[k] = wk
                    total += wk
                    sum += wk * sortedValues[k]
                }
            }
            initialized = n
        }
        self.order = order
        self.sortedValues = sortedValues
        self.sortedWeights = sortedWeights
        self.totalWeight = total
        self.totalValue = sum
    }

    /// The distribution of a column that is constant within consecutive groups (every
    /// member of a household has its household's income per adult equivalent and
    /// weight): element i of group g (`groupStart[g] ≤ i < groupStart[g + 1]`, with
    /// `groupStart.last` = the element count) has `values[g]` and `weights[g]`.
    ///
    /// Exactly the distribution of the expanded column (same order, sorted columns and
    /// totals, bit for bit), for a fraction of the sorting: the groups are sorted stably
    /// and expanded in place. Elements of equal value are in position order either way:
    /// within a group because members are expanded in position order, across groups
    /// because groups hold increasing positions and the group sort is stable.
    public init(groupValues values: [Double], weights: [Double], groupStart: [Int32]) throws(GSLError) {
        let operation = "weighted distribution"
        let groups = values.count
        guard groupStart.count == groups + 1, groupStart.first == 0 else {
            throw .invalidInput(operation, "\(groupStart.count) group starts for \(groups) groups (need one more than the groups, from 0)")
        }
        _ = try WeightedStatistics.validate(operation, values, weights)
        let n = Int(groupStart[groups])
        guard n <= Int(UInt32.max) else {
            throw .invalidInput(operation, "\(n) elements exceed the supported \(UInt32.max)")
        }
        for g in 0..<groups where groupStart[g] > groupStart[g + 1] {
            throw .invalidInput(operation, "group \(g + 1) starts at \(groupStart[g]) after the next group's start \(groupStart[g + 1])")
        }
        let groupOrder = values.withUnsafeBufferPointer { ascendingOrder($0) }
        var sum = 0.0, total = 0.0
        var sortedValues = [Double](), sortedWeights = [Double]()
        let order = [UInt32](unsafeUninitializedCapacity: n) { orderBuffer, orderCount in
            sortedValues = [Double](unsafeUninitializedCapacity: n) { valueBuffer, valueCount in
                sortedWeights = [Double](unsafeUninitializedCapacity: n) { weightBuffer, weightCount in
                    groupStart.withUnsafeBufferPointer { start in
                        values.withUnsafeBufferPointer { x in
                            weights.withUnsafeBufferPointer { w in
                                var k = 0
                                for g in groupOrder {
                                    let xg = x[Int(g)], wg = w[Int(g)]
                                    for i in Int(start[Int(g)])..<Int(start[Int(g) + 1]) {
                                        orderBuffer[k] = UInt32(truncatingIfNeeded: i)
                                        valueBuffer[k] = xg
                                        weightBuffer[k] = wg
                                        total += wg
                                        sum += wg * xg
                                        k += 1
                                    }
                                }
                            }
                        }
                    }
                    weightCount = n
                }
                valueCount = n
            }
            orderCount = n
        }
        self.order = order
        self.sortedValues = sortedValues
        self.sortedWeights = sortedWeights
        self.totalWeight = total
        self.totalValue = sum
    }

    /// Weighted quantile, the inverse of the weighted empirical distribution function;
    /// see `WeightedStatistics.quantile(_:weights:probability:)`.
    public func quantile(_ probability: Double) throws(GSLError) -> Double {
        guard probability >= 0, probability <= 1 else {
            throw .invalidInput("weighted quantile", "probability \(probability) must be between 0 and 1")
        }
        return quantiles([probability])[0]
    }

    /// `quantile(0.1)`, …, `quantile(0.9)`.
    public func decileBoundaries() -> [Double] {
        quantiles((1...9).map { Double($0) / 10 })
    }

    /// Quantiles for probabilities in [0, 1] given in ascending order, in one pass.
    func quantiles(_ probabilities: [Double]) -> [Double] {
        var result = [Double]()
        result.reserveCapacity(probabilities.count)
        var cumulative = 0.0
        var k = 0
        let n = count
        sortedValues.withUnsafeBufferPointer { x in
            sortedWeights.withUnsafeBufferPointer { w in
                for p in probabilities {
                    let threshold = p * totalWeight
                    // Advance to the first k with C_k ≥ threshold and w_k > 0.
                    while k < n {
                        let next = cumulative + w[k]
                        if w[k] > 0 && next >= threshold { break }
                        cumulative = next
                        k += 1
                    }
                    // Not reached: p ≤ 1 gives p·W ≤ W = C_n exactly (W is summed in
                    // this same order). Kept so the answer is a value whatever happens.
                    if k == n { result.append(lastPositiveWeightValue(x, w)); continue }
                    result.append(x[k])
                }
            }
        }
        return result
    }

    private func lastPositiveWeightValue(_ x: UnsafeBufferPointer<Double>, _ w: UnsafeBufferPointer<Double>) -> Double {
        var k = x.count - 1
        while k > 0 && w[k] == 0 { k -= 1 }
        return x[k]
    }

    /// The Gini coefficient of conformance case R1; see `WeightedStatistics.gini`.
    public func gini() throws(GSLError) -> Double {
        try checkShareable("weighted Gini")
        let W = totalWeight, Y = totalValue
        var cumulativeWeight = 0.0, cumulativeValue = 0.0
        var previousP = 0.0, previousL = 0.0
        var area = 0.0
        sortedValues.withUnsafeBufferPointer { x in
            sortedWeights.withUnsafeBufferPointer { w in
                for i in 0..<x.count {
                    cumulativeWeight += w[i]
                    cumulativeValue += w[i] * x[i]
                    let p = cumulativeWeight / W
                    let l = cumulativeValue / Y
                    area += (p - previousP) * (l + previousL)
                    previousP = p
                    previousL = l
                }
            }
        }
        return 1 - area
    }

    /// The Foster–Greer–Thorbecke index; see `WeightedStatistics.fgt`. Stops at the
    /// first value at or above the line.
    public func fgt(povertyLine: Double, alpha: Double) throws(GSLError) -> Double {
        try WeightedStatistics.checkPovertyParameters("FGT poverty index", povertyLine: povertyLine, alpha: alpha)
        var sum = 0.0
        sortedValues.withUnsafeBufferPointer { x in
            sortedWeights.withUnsafeBufferPointer { w in
                for i in 0..<x.count {
                    if !(x[i] < povertyLine) { break }
                    sum += w[i] * WeightedStatistics.fgtTerm(x[i], povertyLine: povertyLine, alpha: alpha)
                }
            }
        }
        return sum / totalWeight
    }

    /// Each element's weighted decile (1…10) in the input's order; see
    /// `WeightedStatistics.deciles`.
    public func deciles() -> [UInt8] {
        let n = count
        return [UInt8](unsafeUninitializedCapacity: n) { buffer, initialized in
            forEachSortedDecile { k, decile in buffer[Int(order[k])] = decile }
            initialized = n
        }
    }

    /// Share of `Y` held by each decile; see `WeightedStatistics.decileShares`.
    public func decileShares() throws(GSLError) -> [Double] {
        try checkShareable("weighted decile shares")
        var sums = [Double](repeating: 0, count: 10)
        sortedValues.withUnsafeBufferPointer { x in
            sortedWeights.withUnsafeBufferPointer { w in
                forEachSortedDecile { k, decile in sums[Int(decile) - 1] += w[k] * x[k] }
            }
        }
        return sums.map { $0 / totalValue }
    }

    /// Calls `body(k, decile)` for each sorted position k, in order.
    @inline(__always)
    private func forEachSortedDecile(_ body: (Int, UInt8) -> Void) {
        let W = totalWeight
        var cumulative = 0.0
        sortedWeights.withUnsafeBufferPointer { w in
            for k in 0..<w.count {
                let position = 10 * (cumulative + 0.5 * w[k]) / W
                // position ∈ [0, 10]: the conversion cannot overflow.
                let decile = min(10, 1 + Int(position.rounded(.down)))
                body(k, UInt8(truncatingIfNeeded: decile))
                cumulative += w[k]
            }
        }
    }

    /// Shares of `Y` need values ≥ 0 and `Y > 0`.
    private func checkShareable(_ operation: String) throws(GSLError) {
        if let smallest = sortedValues.first, smallest < 0 {
            throw .invalidInput(operation, "value \(smallest) is negative; shares need values ≥ 0 (clamp incomes at 0 first)")
        }
        guard totalValue > 0, totalValue.isFinite else {
            throw .invalidInput(operation, totalValue > 0 ? "the weighted total is infinite" : "the weighted total of the values is 0; shares are undefined")
        }
    }
}
