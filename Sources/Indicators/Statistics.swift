// The weighted statistics the indicators need, from GSLStatistics (definitions there and
// in shared/conformance/R1.md), with errors turned into messages that name the indicator.
// One `WeightedDistribution` (one sort) per income concept answers every question.
import GSLStatistics

/// Income per adult equivalent of every person, sorted once.
struct IncomeDistribution {
    let name: String
    let distribution: WeightedDistribution
    let hasIncome: Bool

    /// `values` and `weights` per household, `groupStart` the households' first persons
    /// (`Population.firstPerson`): the distribution over persons, each with their household's.
    init(_ values: [Double], weights: [Double], groupStart: [Int32], name: String) throws {
        self.name = name
        hasIncome = values.contains { $0 > 0 }
        distribution = try IncomeDistribution.run(name) { () throws(GSLError) in
            try WeightedDistribution(groupValues: values, weights: weights, groupStart: groupStart)
        }
    }

    /// FGT(0): Σ w·[y < z] ÷ Σ w (strictly below the line).
    func headcount(povertyLine z: Double) throws -> Double {
        try Self.run("poverty headcount of \(name)") { () throws(GSLError) in try distribution.fgt(povertyLine: z, alpha: 0) }
    }

    /// FGT(1): Σ w·max(0, 1 − y ÷ z) ÷ Σ w.
    func povertyGap(povertyLine z: Double) throws -> Double {
        try Self.run("poverty gap of \(name)") { () throws(GSLError) in try distribution.fgt(povertyLine: z, alpha: 1) }
    }

    /// R1's weighted Gini over values ≥ 0; NaN (undefined) when every value is 0.
    func gini() throws -> Double {
        guard hasIncome else { return .nan }
        return try Self.run("Gini of \(name)") { () throws(GSLError) in try distribution.gini() }
    }

    /// Each person's weighted decile 1…10 (the decile holding the midpoint of their weight).
    func deciles() -> [UInt8] { distribution.deciles() }

    private static func run<T>(_ what: String, _ body: () throws(GSLError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw IndicatorError("cannot compute the \(what): \(error)")
        }
    }
}
