import PopulationData
import SpsimSupport

/// Why reweighting could not hit the projected totals.
public struct ReweightingError: Error, CustomStringConvertible, Sendable {
    public var year: Int
    public var problem: String
    public var fix: String
    public var description: String { "Reweighting to the \(year) population totals failed: \(problem). Fix: \(fix)" }
}

/// How a reweighting went: the calibrator's iterations and the largest relative margin
/// error left.
public struct ReweightingReport: Sendable, Equatable {
    public var year: Int
    public var iterations: Int
    public var maximumRelativeError: Double
}

/// Static ageing by reweighting: household weights are adjusted so that the weighted
/// numbers of persons by age group × sex and by province equal a year's projected
/// totals. Persons keep their characteristics (ages included); only weights change.
///
/// Method — generalised raking of household weights to these person margins by
/// `WeightCalibrator` (PopulationData), the same calibration the synthetic population
/// uses for the census totals: multiplicative (exponential-distance) adjustments of the
/// base weights, found by Newton's method; weights stay positive. The two margins both
/// count every person, so their totals must agree; that is checked first. This type
/// builds the margins and targets and turns the calibrator's errors into messages that
/// name the year, the group and the fix.
///
/// Convergence is the calibrator's (largest relative cell error ≤ its tolerance within
/// its iteration limit), otherwise reweighting throws `ReweightingError`. A target above
/// zero for a cell with no persons, or a zero or negative target, is reported at once.
/// Every year starts from the weights given (the base weights), so a year's weights
/// depend only on the population and that year's targets.
public struct Reweighter: Sendable {
    public var calibrator: WeightCalibrator

    /// `tolerance`: largest relative error accepted in any cell; `maximumIterations`:
    /// Newton steps allowed (see `WeightCalibrator`).
    public init(tolerance: Double = 1e-8, maximumIterations: Int = 50) {
        calibrator = WeightCalibrator(tolerance: tolerance, maximumIterations: maximumIterations)
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

    /// Per-household person counts in each cell (a `MarginIncidence`). Built once per
    /// population and reused for every year.
    public struct Incidence: Sendable {
        public let margins: MarginIncidence
        public var householdCount: Int { margins.householdCount }

        public init(_ population: Population) {
            margins = MarginIncidence(households: population.householdCount, marginCount: Reweighter.cellCount) { h, counts in
                for p in population.personRange(h) {
                    let group = ProjectionAgeGroup(age: population.age[p]).rawValue
                    counts[group * Sex.allCases.count + Int(population.sex[p].rawValue)] += 1
                    counts[Reweighter.ageSexCellCount + Int(population.province[p].rawValue)] += 1
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
        let ageSexSum = target[0..<Self.ageSexCellCount].reduce(0, +)
        let provinceSum = target[Self.ageSexCellCount...].reduce(0, +)
        if target.allSatisfy({ $0 > 0 && $0.isFinite }) && abs(ageSexSum - provinceSum) > 1e-9 * ageSexSum {
            throw ReweightingError(year: targets.year, problem: "the age × sex totals add up to \(NumberText.grouped(ageSexSum)) persons but the province totals to \(NumberText.grouped(provinceSum))",
                                   fix: "make both margins of the population projection describe the same total")
        }
        do {
            let (weights, report) = try calibrator.calibrate(baseWeights: baseWeights, incidence: incidence.margins, targets: target)
            return (weights, ReweightingReport(year: targets.year, iterations: report.iterations, maximumRelativeError: report.maximumRelativeError))
        } catch {
            switch error {
            case let .nonPositiveTarget(cell, value):
                throw ReweightingError(year: targets.year, problem: "the target for \(Self.cellName(cell)) is \(NumberText.grouped(value)) persons",
                                       fix: "give a positive number of persons for every age group, sex and province in the population projection file")
            case let .noMembers(cell, value):
                throw ReweightingError(year: targets.year, problem: "the target for \(Self.cellName(cell)) is \(NumberText.grouped(value)) persons but the population has no \(Self.cellName(cell)) to carry it",
                                       fix: "use a population that has persons in every age group, sex and province (a larger --households), or a projection without that group")
            case let .notConverged(cell, value, achieved, iterations):
                throw ReweightingError(year: targets.year,
                                       problem: "after \(iterations) iteration\(iterations == 1 ? "" : "s") the weighted number of \(Self.cellName(cell)) is \(NumberText.grouped(achieved)) against a target of \(NumberText.grouped(value)) (relative error \(abs(achieved - value) / value), tolerance \(calibrator.tolerance))",
                                       fix: "check that the age × sex and province totals are consistent with each other and with the population's households, or allow more iterations")
            case let .invalidInput(problem):
                throw ReweightingError(year: targets.year, problem: "the weights could not be calibrated (\(problem))",
                                       fix: "use the population's own household weights as the base weights; this is a bug in spsim if it happens from the command line")
            }
        }
    }
}
