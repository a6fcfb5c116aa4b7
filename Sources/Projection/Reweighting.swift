import PopulationData
import SpsimSupport

/// Why reweighting could not hit the projected totals.
public struct ReweightingError: Error, CustomStringConvertible, Sendable {
    public var year: Int
    public var problem: String
    public var fix: String
    public var description: String { "Reweighting to the \(year) population totals failed: \(problem). Fix: \(fix)" }
}

/// How a reweighting went: sweeps used and the largest relative margin error left.
public struct ReweightingReport: Sendable, Equatable {
    public var year: Int
    public var iterations: Int
    public var maximumRelativeError: Double
}

/// Static ageing by reweighting: household weights are adjusted so that the weighted
/// numbers of persons by age group × sex and by province equal a year's projected
/// totals. Persons keep their characteristics (ages included); only weights change.
///
/// Method — iterative proportional fitting with person-level margins on household
/// weights (generalised raking). Each margin cell k (an age group × sex, or a province)
/// has a target T_k; household h has n_hk persons in cell k. One *sweep* visits every
/// cell in turn and finds the factor t > 0 with Σ_h w_h n_hk t^(n_hk) = T_k, then sets
/// w_h ← w_h t^(n_hk) for the households with persons in the cell. When every household
/// has at most one person per cell this is classical IPF (t = T_k / current total);
/// with several persons of a cell in one household it is the coordinate step of raking
/// (the multiplicative, exponential-distance calibration of Deville and Särndal), which
/// keeps weights positive and converges to the raking solution whenever the targets are
/// attainable. The factor solves a polynomial with positive coefficients, increasing in
/// t, by Newton's method from t = 1 safeguarded by bisection.
///
/// Convergence: after each sweep, the largest relative error over all cells,
/// |current − target| ÷ target, must be ≤ `tolerance`; if it is not within
/// `maximumIterations` sweeps, reweighting throws `ReweightingError`. A target above zero
/// for a cell with no persons, or a zero or negative target, cannot be met and is
/// reported at once.
///
/// Every sweep starts from the weights given (the base weights), so a year's weights
/// depend only on the population and that year's targets.
public struct Reweighter: Sendable {
    public var tolerance: Double
    public var maximumIterations: Int

    public init(tolerance: Double = 1e-8, maximumIterations: Int = 500) {
        self.tolerance = tolerance
        self.maximumIterations = maximumIterations
    }

    /// The cells of the two margins: 3 age groups × 2 sexes, then 5 provinces.
    static let ageSexCellCount = ProjectionAgeGroup.allCases.count * Sex.allCases.count
    static let cellCount = ageSexCellCount + Province.allCases.count

    static func cellName(_ cell: Int) -> String {
        if cell < ageSexCellCount {
            let group = ProjectionAgeGroup.allCases[cell / Sex.allCases.count]
            let sex = Sex.allCases[cell % Sex.allCases.count]
            return "\(sex.label) aged \(group.code)"
        }
        return "persons in " + Province.allCases[cell - ageSexCellCount].label
    }

    /// Per-household person counts in each cell, stored sparsely: for cell k, the
    /// households with persons in it and their counts. Built once per population and
    /// reused for every year.
    public struct Incidence: Sendable {
        var households: [[Int32]]
        var counts: [[UInt16]]
        public let householdCount: Int

        public init(_ population: Population) {
            households = Array(repeating: [], count: Reweighter.cellCount)
            counts = Array(repeating: [], count: Reweighter.cellCount)
            householdCount = population.householdCount
            var local = [UInt16](repeating: 0, count: Reweighter.cellCount)
            for h in 0..<population.householdCount {
                for k in 0..<local.count { local[k] = 0 }
                for p in population.personRange(h) {
                    let group = ProjectionAgeGroup(age: population.age[p]).rawValue
                    local[group * Sex.allCases.count + Int(population.sex[p].rawValue)] += 1
                    local[Reweighter.ageSexCellCount + Int(population.province[p].rawValue)] += 1
                }
                for k in 0..<local.count where local[k] > 0 {
                    households[k].append(Int32(h))
                    counts[k].append(local[k])
                }
            }
        }
    }

    static func targetVector(_ targets: PopulationTargets) -> [Double] {
        var vector: [Double] = []
        for group in ProjectionAgeGroup.allCases {
            for sex in Sex.allCases { vector.append(targets.persons(group, sex)) }
        }
        for province in Province.allCases { vector.append(targets.persons(province)) }
        return vector
    }

    /// Returns household weights starting from `baseWeights` that reproduce `targets`.
    public func reweight(baseWeights: [Double], incidence: Incidence, targets: PopulationTargets) throws(ReweightingError) -> (weights: [Double], report: ReweightingReport) {
        let target = Self.targetVector(targets)
        for k in 0..<Self.cellCount {
            if !(target[k] > 0) || !target[k].isFinite {
                throw ReweightingError(year: targets.year, problem: "the target for \(Self.cellName(k)) is \(NumberText.grouped(target[k])) persons",
                                       fix: "give a positive number of persons for every age group, sex and province in the population projection file")
            }
            if incidence.households[k].isEmpty {
                throw ReweightingError(year: targets.year, problem: "the target for \(Self.cellName(k)) is \(NumberText.grouped(target[k])) persons but the population has no \(Self.cellName(k)) to carry it",
                                       fix: "use a population that has persons in every age group, sex and province (a larger --households), or a projection without that group")
            }
        }
        let ageSexSum = target[0..<Self.ageSexCellCount].reduce(0, +)
        let provinceSum = target[Self.ageSexCellCount...].reduce(0, +)
        if abs(ageSexSum - provinceSum) > 1e-9 * ageSexSum {
            throw ReweightingError(year: targets.year, problem: "the age × sex totals add up to \(NumberText.grouped(ageSexSum)) persons but the province totals to \(NumberText.grouped(provinceSum))",
                                   fix: "make both margins of the population projection describe the same total")
        }
        var weights = baseWeights
        var maximumError = Double.infinity
        var sweep = 0
        while sweep < maximumIterations {
            sweep += 1
            for k in 0..<Self.cellCount {
                let factor = Self.solveFactor(weights: weights, households: incidence.households[k], counts: incidence.counts[k], target: target[k])
                guard factor.isFinite, factor > 0 else {
                    throw ReweightingError(year: targets.year, problem: "no positive weights give \(NumberText.grouped(target[k])) \(Self.cellName(k))",
                                           fix: "check the population projection file for that group")
                }
                let households = incidence.households[k], counts = incidence.counts[k]
                for i in 0..<households.count {
                    let h = Int(households[i])
                    weights[h] *= Self.power(factor, Int(counts[i]))
                }
            }
            maximumError = 0
            for k in 0..<Self.cellCount {
                let current = Self.cellTotal(weights: weights, households: incidence.households[k], counts: incidence.counts[k])
                maximumError = max(maximumError, abs(current - target[k]) / target[k])
            }
            if maximumError <= tolerance {
                return (weights, ReweightingReport(year: targets.year, iterations: sweep, maximumRelativeError: maximumError))
            }
        }
        throw ReweightingError(year: targets.year,
                               problem: "after \(maximumIterations) sweeps the largest relative error in a projected total is \(maximumError), above the tolerance \(tolerance)",
                               fix: "check that the age × sex and province totals are consistent with each other and with the population's households, or raise the number of sweeps")
    }

    @inline(__always) static func power(_ t: Double, _ n: Int) -> Double {
        switch n {
        case 1: return t
        case 2: return t * t
        default:
            var result = 1.0, base = t, e = n
            while e > 0 { if e & 1 == 1 { result *= base }; base *= base; e >>= 1 }
            return result
        }
    }

    static func cellTotal(weights: [Double], households: [Int32], counts: [UInt16]) -> Double {
        var total = 0.0
        for i in 0..<households.count { total += weights[Int(households[i])] * Double(counts[i]) }
        return total
    }

    /// Solves Σ_m S_m t^m = target for t > 0, where S_m is the weighted number of persons
    /// in the cell living in households with m persons of the cell.
    static func solveFactor(weights: [Double], households: [Int32], counts: [UInt16], target: Double) -> Double {
        var byCount: [Double] = [0]
        for i in 0..<households.count {
            let m = Int(counts[i])
            if m >= byCount.count { byCount += [Double](repeating: 0, count: m - byCount.count + 1) }
            byCount[m] += weights[Int(households[i])] * Double(m)
        }
        func value(_ t: Double) -> (f: Double, derivative: Double) {
            var f = -target, d = 0.0, power = 1.0  // power = t^(m-1)
            for m in 1..<byCount.count {
                d += byCount[m] * Double(m) * power
                power *= t
                f += byCount[m] * power
            }
            return (f, d)
        }
        if byCount.count == 2 { return byCount[1] > 0 ? target / byCount[1] : .nan }
        // Bracket the root: f increases with t, f(0) = -target < 0.
        var low = 0.0, high = 1.0
        while value(high).f < 0 { low = high; high *= 2; if high > 1e300 { return .nan } }
        var t = max(low, min(high, 1.0))
        for _ in 0..<200 {
            let (f, d) = value(t)
            if f == 0 { return t }
            if f < 0 { low = t } else { high = t }
            var next = d > 0 ? t - f / d : .nan
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - t) <= 1e-15 * t { return next }
            t = next
        }
        return t
    }
}
