// The policy of one simulation year as typed values: what the rules read.
//
// Every number here comes from a scenario or parameter file (`Scenario.policy(year:)`);
// nothing has a default in code. Monthly amounts are PKR per month, rates are fractions.
import PopulationData

/// The scheme a coverage-extension phase extends.
public enum PhaseScheme: String, Sendable, CaseIterable {
    /// Registrants become extension enrollees of the contributory scheme.
    case contributory
    /// Registered informal employees get a higher minimum-wage compliance.
    case minimumWageRegistration = "minimum_wage_registration"
}

/// Who a phase targets: a person must match every criterion that is given (nil = any).
public struct PhaseTarget: Sendable, Equatable {
    public var labourStatuses: Set<LabourStatus>?
    public var sectors: Set<Sector>?
    public var formal: Bool?
    /// Inclusive age bounds.
    public var minimumAge: Int?
    public var maximumAge: Int?
    public var sexes: Set<Sex>?
    public var provinces: Set<Province>?
    public var urban: Bool?
    public var workerGroups: Set<WorkerGroup>?

    public init(labourStatuses: Set<LabourStatus>? = nil, sectors: Set<Sector>? = nil, formal: Bool? = nil,
                minimumAge: Int? = nil, maximumAge: Int? = nil, sexes: Set<Sex>? = nil, provinces: Set<Province>? = nil,
                urban: Bool? = nil, workerGroups: Set<WorkerGroup>? = nil) {
        self.labourStatuses = labourStatuses; self.sectors = sectors; self.formal = formal
        self.minimumAge = minimumAge; self.maximumAge = maximumAge; self.sexes = sexes
        self.provinces = provinces; self.urban = urban; self.workerGroups = workerGroups
    }

    /// Whether person `p` of `population` is in the target group.
    public func matches(_ population: Population, person p: Int) -> Bool {
        TargetMask(self).matches(population, person: p)
    }
}

/// A target compiled to bit masks over the categorical codes, for the per-person loop
/// (no hashing): bit `rawValue` of a mask is set when that category is targeted.
struct TargetMask: Sendable {
    var labourStatus: UInt32 = .max, sector: UInt32 = .max, sex: UInt32 = .max, province: UInt32 = .max, workerGroup: UInt32 = .max
    var formal: Bool?, urban: Bool?
    var minimumAge = Int.min, maximumAge = Int.max

    init(_ target: PhaseTarget) {
        func mask<T: RawRepresentable>(_ set: Set<T>?) -> UInt32 where T.RawValue == UInt8 {
            guard let set else { return .max }
            return set.reduce(0) { $0 | (1 << UInt32($1.rawValue)) }
        }
        labourStatus = mask(target.labourStatuses)
        sector = mask(target.sectors)
        sex = mask(target.sexes)
        province = mask(target.provinces)
        workerGroup = mask(target.workerGroups)
        formal = target.formal
        urban = target.urban
        minimumAge = target.minimumAge ?? .min
        maximumAge = target.maximumAge ?? .max
    }

    @inline(__always) func matches(_ population: Population, person p: Int) -> Bool {
        @inline(__always) func has(_ mask: UInt32, _ code: UInt8) -> Bool { mask & (1 << UInt32(code)) != 0 }
        guard has(labourStatus, population.labourStatus[p].rawValue), has(sector, population.sector[p].rawValue),
              has(sex, population.sex[p].rawValue), has(province, population.province[p].rawValue),
              has(workerGroup, population.workerGroup[p].rawValue) else { return false }
        if let formal, population.formal[p] != formal { return false }
        if let urban, population.urban[p] != urban { return false }
        let age = Int(population.age[p])
        return age >= minimumAge && age <= maximumAge
    }
}

/// A coverage-extension phase resolved to one simulation year.
public struct ResolvedPhase: Sendable, Equatable {
    public var name: String
    public var label: String
    public var scheme: PhaseScheme
    public var target: PhaseTarget
    public var startYear: Int
    /// Whether the phase is in force this year (year ≥ start year).
    public var active: Bool
    /// Take-up rate this year: initial + (ceiling − initial) × min(1, (Y − start) ÷ ramp years).
    public var takeUpRate: Double
    /// Cumulative weighted registrations allowed by this year: capacity × (Y − start + 1); nil = unlimited.
    public var cumulativeCapacity: Double?
    /// Government share of an extension enrollee's total contribution this year (contributory only).
    public var subsidyShare: Double
    /// Minimum-wage compliance of registered informal employees (minimum_wage_registration only).
    public var compliance: Double?
    /// PKR per registered person per year paid by the budget.
    public var adminCostPerRegistered: Double

    public init(name: String, label: String, scheme: PhaseScheme, target: PhaseTarget, startYear: Int, active: Bool,
                takeUpRate: Double, cumulativeCapacity: Double?, subsidyShare: Double, compliance: Double?, adminCostPerRegistered: Double) {
        self.name = name; self.label = label; self.scheme = scheme; self.target = target; self.startYear = startYear
        self.active = active; self.takeUpRate = takeUpRate; self.cumulativeCapacity = cumulativeCapacity
        self.subsidyShare = subsidyShare; self.compliance = compliance; self.adminCostPerRegistered = adminCostPerRegistered
    }
}

/// Every parameter of one simulation year, typed. Built by `Scenario.policy(year:)`.
public struct PolicyParameters: Sendable, Equatable {
    /// The simulation year Y (values in effect on 1 July Y).
    public var year: Int

    /// Each registered scheme's parameters for the year, in `SchemeRegistry.all` order;
    /// nil for a scheme the scenario does not use.
    public var schemes: [(any Scheme)?]

    // Measurement
    /// Poverty line z, PKR per adult equivalent per month.
    public var povertyLine: Double
    /// Adult-equivalence weight of a person younger than `adultAge` (adults count 1).
    public var childWeight: Double
    public var adultAge: Int
    /// Nominal GDP, PKR per year.
    public var gdp: Double
    /// What poverty and inequality are measured on (`poverty.welfare_measure`).
    public var welfareMeasure: WelfareMeasure = .income
    /// Share of the schemes' change in income that changes consumption (`poverty.consumption_propensity`).
    public var consumptionPropensity: Double = 1

    /// Coverage-extension phases resolved to this year, in file order.
    public var phases: [ResolvedPhase]

    /// ILO C102 reference levels by contingency (share of the reference wage; the
    /// optional `adequacy.c102_*` parameters): empty when the file gives none.
    public var c102Levels: [Contingency: Double] = [:]

    /// A policy with the given schemes (any not given are not used).
    public init(year: Int, schemes: [any Scheme], povertyLine: Double, childWeight: Double, adultAge: Int, gdp: Double, phases: [ResolvedPhase]) {
        self.year = year
        self.schemes = Array(repeating: nil, count: SchemeRegistry.all.count)
        self.povertyLine = povertyLine; self.childWeight = childWeight; self.adultAge = adultAge; self.gdp = gdp
        self.phases = phases
        for scheme in schemes {
            if let i = SchemeRegistry.index(of: type(of: scheme).declaration.name) { self.schemes[i] = scheme }
        }
    }

    /// A scheme's parameters for the year (nil when the scenario does not use it); settable.
    public subscript<S: Scheme>(_ type: S.Type) -> S? {
        get {
            guard let i = SchemeRegistry.index(of: S.declaration.name) else { return nil }
            return schemes[i] as? S
        }
        set {
            guard let i = SchemeRegistry.index(of: S.declaration.name) else { return }
            schemes[i] = newValue
        }
    }

    /// The pensionable age for old-age coverage: the first scheme in registry order that
    /// defines one (the contributory scheme's age by sex, else the social pension's age);
    /// nil when no old-age scheme is used.
    public func pensionableAge(_ sex: Sex) -> Int? {
        for case let scheme? in schemes { if let age = scheme.pensionableAge(sex) { return age } }
        return nil
    }

    public static func == (a: PolicyParameters, b: PolicyParameters) -> Bool {
        guard a.year == b.year, a.povertyLine == b.povertyLine, a.childWeight == b.childWeight, a.adultAge == b.adultAge,
              a.welfareMeasure == b.welfareMeasure, a.consumptionPropensity == b.consumptionPropensity,
              a.gdp == b.gdp, a.phases == b.phases, a.c102Levels == b.c102Levels, a.schemes.count == b.schemes.count else { return false }
        for (x, y) in zip(a.schemes, b.schemes) {
            switch (x, y) {
            case (nil, nil): continue
            case let (x?, y?): if !x.isEqual(to: y) { return false }
            default: return false
            }
        }
        return true
    }
}
