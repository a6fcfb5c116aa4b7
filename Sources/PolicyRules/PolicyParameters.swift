// The policy of one simulation year as typed values: what the rules read.
//
// Every number here comes from a scenario or parameter file (`Scenario.policy(year:)`);
// nothing has a default in code. Monthly amounts are PKR per month, rates are fractions.
import PopulationData

/// How the minimum-wage floor is applied to employees earning less than the minimum wage.
public enum ComplianceMode: String, Sendable, CaseIterable {
    /// Expected value (R1): earnings + compliance × shortfall.
    case expected
    /// The full floor when the person's stored compliance draw is below the compliance rate.
    case stochastic
}

/// What the contributory scheme's contribution is a share of.
public enum ContributionBase: String, Sendable, CaseIterable {
    /// The minimum wage, as EOBI (contributions are a share of the minimum wage for everyone).
    case minimumWage = "minimum_wage"
    /// The worker's earnings after the minimum-wage floor.
    case earnings
}

/// Who in a household receives a household-level payment.
public enum RecipientRule: String, Sendable, CaseIterable {
    /// The oldest woman aged `recipientMinimumAge` or more; if none, the oldest member.
    /// Ties go to the smallest person_id.
    case oldestAdultWoman = "oldest_adult_woman"
    /// The oldest member. Ties go to the smallest person_id.
    case oldestMember = "oldest_member"
}

/// The household transfer targeted by proxy-means test (BISP Kafaalat).
public struct HouseholdTransferParameters: Sendable, Equatable {
    public var enabled: Bool
    /// PKR per household per month.
    public var amount: Double
    /// Eligible when the household's PMT score ≤ cut-off.
    public var pmtCutoff: Double
    /// Eligible households receive when their household draw < take-up (1 = all).
    public var takeUp: Double
    public var recipient: RecipientRule
    /// Minimum age of a woman to be the recipient under `oldest_adult_woman`.
    public var recipientMinimumAge: Int

    public init(enabled: Bool, amount: Double, pmtCutoff: Double, takeUp: Double, recipient: RecipientRule, recipientMinimumAge: Int) {
        self.enabled = enabled; self.amount = amount; self.pmtCutoff = pmtCutoff
        self.takeUp = takeUp; self.recipient = recipient; self.recipientMinimumAge = recipientMinimumAge
    }
}

/// A categorical old-age pension for those without a contributory pension.
public struct SocialPensionParameters: Sendable, Equatable {
    public var enabled: Bool
    /// PKR per person per month.
    public var amount: Double
    /// Age from which it is paid (both sexes).
    public var age: Int
    /// Paid when the person's benefit draw < take-up (1 = all).
    public var takeUp: Double

    public init(enabled: Bool, amount: Double, age: Int, takeUp: Double) {
        self.enabled = enabled; self.amount = amount; self.age = age; self.takeUp = takeUp
    }
}

/// A child benefit per child under `maximumAge`, paid to the household's recipient.
public struct ChildBenefitParameters: Sendable, Equatable {
    public var enabled: Bool
    /// PKR per eligible child per month.
    public var amount: Double
    /// Children younger than this age are eligible.
    public var maximumAge: Int
    /// Households with PMT score ≤ cut-off are eligible (100 = every household).
    public var pmtCutoff: Double
    /// Eligible households receive when their household draw < take-up.
    public var takeUp: Double

    public init(enabled: Bool, amount: Double, maximumAge: Int, pmtCutoff: Double, takeUp: Double) {
        self.enabled = enabled; self.amount = amount; self.maximumAge = maximumAge; self.pmtCutoff = pmtCutoff; self.takeUp = takeUp
    }
}

/// A disability benefit per person with a disability.
public struct DisabilityBenefitParameters: Sendable, Equatable {
    public var enabled: Bool
    /// PKR per person per month.
    public var amount: Double
    /// Persons in households with PMT score ≤ cut-off are eligible (100 = everyone).
    public var pmtCutoff: Double
    /// Paid when the person's benefit draw < take-up.
    public var takeUp: Double

    public init(enabled: Bool, amount: Double, pmtCutoff: Double, takeUp: Double) {
        self.enabled = enabled; self.amount = amount; self.pmtCutoff = pmtCutoff; self.takeUp = takeUp
    }
}

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

    // Minimum wage
    /// Statutory monthly minimum wage MW, PKR/month.
    public var minimumWage: Double
    /// Share of the shortfall to MW paid to formal employees.
    public var complianceFormal: Double
    /// Share of the shortfall to MW paid to informal employees.
    public var complianceInformal: Double
    public var complianceMode: ComplianceMode

    // Contributory scheme (EOBI)
    /// Total contribution rate, of the contribution base.
    public var contributionRate: Double
    public var contributionBase: ContributionBase
    /// Formal employee's part of the rate; the employer pays the rest.
    public var employeeRate: Double
    public var pensionAgeMen: Int
    public var pensionAgeWomen: Int
    /// Contributory years needed for a pension.
    public var minimumYears: Int
    /// PKR/month.
    public var minimumPension: Double
    /// Pension = MW × contributory years ÷ divisor.
    public var accrualDivisor: Double

    // Non-contributory schemes
    public var householdTransfer: HouseholdTransferParameters
    public var socialPension: SocialPensionParameters
    public var childBenefit: ChildBenefitParameters
    public var disabilityBenefit: DisabilityBenefitParameters

    // Measurement
    /// Poverty line z, PKR per adult equivalent per month.
    public var povertyLine: Double
    /// Adult-equivalence weight of a person younger than `adultAge` (adults count 1).
    public var childWeight: Double
    public var adultAge: Int
    /// Nominal GDP, PKR per year.
    public var gdp: Double

    /// Coverage-extension phases resolved to this year, in file order.
    public var phases: [ResolvedPhase]

    public init(year: Int, minimumWage: Double, complianceFormal: Double, complianceInformal: Double, complianceMode: ComplianceMode,
                contributionRate: Double, contributionBase: ContributionBase, employeeRate: Double,
                pensionAgeMen: Int, pensionAgeWomen: Int, minimumYears: Int, minimumPension: Double, accrualDivisor: Double,
                householdTransfer: HouseholdTransferParameters, socialPension: SocialPensionParameters,
                childBenefit: ChildBenefitParameters, disabilityBenefit: DisabilityBenefitParameters,
                povertyLine: Double, childWeight: Double, adultAge: Int, gdp: Double, phases: [ResolvedPhase]) {
        self.year = year; self.minimumWage = minimumWage; self.complianceFormal = complianceFormal
        self.complianceInformal = complianceInformal; self.complianceMode = complianceMode
        self.contributionRate = contributionRate; self.contributionBase = contributionBase; self.employeeRate = employeeRate
        self.pensionAgeMen = pensionAgeMen; self.pensionAgeWomen = pensionAgeWomen; self.minimumYears = minimumYears
        self.minimumPension = minimumPension; self.accrualDivisor = accrualDivisor
        self.householdTransfer = householdTransfer; self.socialPension = socialPension
        self.childBenefit = childBenefit; self.disabilityBenefit = disabilityBenefit
        self.povertyLine = povertyLine; self.childWeight = childWeight; self.adultAge = adultAge; self.gdp = gdp
        self.phases = phases
    }

    /// Pension age for a person's sex.
    @inline(__always) public func pensionAge(_ sex: Sex) -> Int { sex == .female ? pensionAgeWomen : pensionAgeMen }
}
