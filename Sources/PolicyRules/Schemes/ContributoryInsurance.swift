// Contributory old-age insurance (EOBI): contributions and the old-age pension.
import PopulationData

/// What the contributory scheme's contribution is a share of.
public enum ContributionBase: String, Sendable, CaseIterable {
    /// The minimum wage, as EOBI (contributions are a share of the minimum wage for everyone).
    case minimumWage = "minimum_wage"
    /// The worker's earnings after the minimum-wage floor.
    case earnings
}

/// Contributory old-age insurance.
///
/// Contributions: a formal contributor (a private-sector formal employee registered by the
/// employer: `registration_rate` of them, by their transition draw) pays `employee_rate × base`
/// and the employer `(contribution_rate − employee_rate) × base`. An extension enrollee
/// (registered under a `contributory` phase) owes `contribution_rate × base`, of which the
/// government pays the phase's subsidy share and the worker the rest. The base is the
/// minimum wage or the earnings after the floor (`contribution_base`).
///
/// Public-sector employees (`Population.publicSector`) are never contributors nor targets
/// of contributory extension phases: they have their own pension systems, which are out
/// of scope.
///
/// Pension: at or above the pension age for the person's sex with at least the minimum
/// contributory years. A pension fixed at award (`Population.pensionInPayment` > 0, PKR/month
/// at the base date FY2023-24) is paid as max(minimum pension, pension in payment ×
/// `pension_uprating`), the uprating being the index of pensions in payment relative to
/// the base date (fiscal-year mean of the months, so a January increase counts for half
/// a year). A person with no stored award (newly eligible under a scenario, or microdata
/// without the column, as conformance case R1) gets a new award: max(minimum pension,
/// MW × contributory years ÷ accrual divisor) at this year's minimum wage. Paid from
/// contributions (the scheme's fund), not the budget.
public struct ContributoryInsurance: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "contributory", label: "EOBI pensions",
        summary: "old-age pensions for insured workers with enough contributory years, financed by contributions",
        parameters: [
            .init(name: "contributory.enabled", unit: "bool", kind: .flag, meaning: "whether the contributory scheme runs", defaultValue: .flag(true)),
            .init(name: "contributory.contribution_rate", unit: "/1", kind: .share, meaning: "total contribution rate of the contribution base"),
            .init(name: "contributory.contribution_base", unit: "text", kind: .choice(ContributionBase.allCases.map(\.rawValue)), meaning: "`minimum_wage` (EOBI; needs the minimum_wage scheme) or `earnings` (after the floor)"),
            .init(name: "contributory.employee_rate", unit: "/1", kind: .share, meaning: "formal employee's part of the contribution rate"),
            .init(name: "contributory.registration_rate", unit: "/1", kind: .share,
                  meaning: "share of private formal employees registered and paid for by their employer (by the person's transition draw); the others are not insured and extension phases may target them. Public-sector employees are never EOBI contributors (their own pensions are out of scope)", defaultValue: .number(1)),
            .init(name: "contributory.pension_age_men", unit: "age", kind: .age, meaning: "pension age of men (also the pensionable age of old-age coverage)"),
            .init(name: "contributory.pension_age_women", unit: "age", kind: .age, meaning: "pension age of women (also the pensionable age of old-age coverage)"),
            .init(name: "contributory.minimum_years", unit: "years", kind: .years, meaning: "contributory years needed for a pension"),
            .init(name: "contributory.minimum_pension", unit: "PKR/month", kind: .amount, meaning: "minimum contributory pension"),
            .init(name: "contributory.pension_uprating", unit: "/1", kind: .index,
                  meaning: "index of pensions in payment relative to the population's base date (FY2023-24 = 1): a stored pension is paid × this index (at least the minimum pension); increases decided for pensions in payment are dated values", defaultValue: .number(1)),
            .init(name: "contributory.accrual_divisor", unit: "count", kind: .positiveCount, meaning: "a new award (no pension in payment stored for the person): pension = max(minimum pension, minimum wage × contributory years ÷ divisor)"),
        ],
        payer: .socialInsurance, contingency: .oldAge, costIndicator: "contributory_pension_expenditure",
        beneficiaries: [BeneficiaryIndicator("contributory_pensioners", .persons, label: "Contributory pensioners")])

    public var enabled: Bool
    /// Total contribution rate, of the contribution base.
    public var contributionRate: Double
    public var contributionBase: ContributionBase
    /// Formal employee's part of the rate; the employer pays the rest.
    public var employeeRate: Double
    /// Share of formal employees who are registered contributors (1 = all, as in R1).
    public var registrationRate: Double
    public var pensionAgeMen: Int
    public var pensionAgeWomen: Int
    /// Contributory years needed for a pension.
    public var minimumYears: Int
    /// PKR/month.
    public var minimumPension: Double
    /// Index of pensions in payment relative to the population's base date (1 = unchanged).
    public var pensionUprating: Double
    /// Pension = MW × contributory years ÷ divisor.
    public var accrualDivisor: Double

    public init(enabled: Bool = true, contributionRate: Double, contributionBase: ContributionBase, employeeRate: Double, registrationRate: Double = 1,
                pensionAgeMen: Int, pensionAgeWomen: Int, minimumYears: Int, minimumPension: Double, accrualDivisor: Double, pensionUprating: Double = 1) {
        self.enabled = enabled; self.contributionRate = contributionRate; self.contributionBase = contributionBase
        self.employeeRate = employeeRate; self.registrationRate = registrationRate; self.pensionAgeMen = pensionAgeMen; self.pensionAgeWomen = pensionAgeWomen
        self.minimumYears = minimumYears; self.minimumPension = minimumPension; self.accrualDivisor = accrualDivisor
        self.pensionUprating = pensionUprating
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), contributionRate: values.number("contribution_rate"),
                  contributionBase: values.choice("contribution_base", ContributionBase.minimumWage), employeeRate: values.number("employee_rate"),
                  registrationRate: values.number("registration_rate"),
                  pensionAgeMen: values.whole("pension_age_men"), pensionAgeWomen: values.whole("pension_age_women"),
                  minimumYears: values.whole("minimum_years"), minimumPension: values.number("minimum_pension"),
                  accrualDivisor: values.number("accrual_divisor"), pensionUprating: values.number("pension_uprating"))
    }

    /// Pension age for a person's sex.
    @inline(__always) public func pensionAge(_ sex: Sex) -> Int { sex == .female ? pensionAgeWomen : pensionAgeMen }
    public func pensionableAge(_ sex: Sex) -> Int? { pensionAge(sex) }

    /// Whether person p is a registered formal contributor: a private-sector formal
    /// employee whose transition draw is below the registration rate (every one at rate 1).
    @inline(__always) public func isRegisteredFormal(_ population: Population, _ p: Int) -> Bool {
        population.labourStatus[p] == .employee && population.formal[p] && !population.publicSector[p] && takesUp(population.transitionDraw[p], registrationRate)
    }

    /// The monthly pension of person p with `years` contributory years (eligibility checked
    /// by the caller): a stored award uprated, or a new award at this year's minimum wage.
    @inline(__always) public func pension(_ population: Population, _ p: Int, years: Int, minimumWage: Double) -> Double {
        let stored = Double(population.pensionInPayment[p])
        if stored > 0 { return max(minimumPension, stored * pensionUprating) }
        return max(minimumPension, minimumWage * Double(years) / accrualDivisor)
    }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population, phases = context.policy.phases, registration = context.registration
        // The minimum wage in force (the contribution base and the accrual); 0 when the
        // scenario has no minimum wage (a load-time check refuses that with base minimum_wage).
        let minimumWage = context.policy[MinimumWageFloor.self]?.amount ?? 0
        for p in block.persons {
            let base = contributionBase == .minimumWage ? minimumWage : result.earningsAfterFloor[p]
            if isRegisteredFormal(population, p) {
                result.contributorStatus[p] = .formal
                result.workerContribution[p] = employeeRate * base
                result.employerContribution[p] = (contributionRate - employeeRate) * base
                continue
            }
            let phase = Int(registration.contributoryPhase[p])
            guard phase >= 0 else { continue }
            let total = contributionRate * base
            let subsidy = phases[phase].subsidyShare * total
            result.contributorStatus[p] = .extensionEnrollee
            result.contributionSubsidy[p] = subsidy
            result.workerContribution[p] = total - subsidy
            result.adminCostPerYear[p] += phases[phase].adminCostPerRegistered
        }
        for p in block.persons {
            let years = Int(population.contributoryYears[p])
            guard Int(population.age[p]) >= pensionAge(population.sex[p]), years >= minimumYears else { continue }
            columns.beneficiary[p] = true
            columns.received[p] = pension(population, p, years: years, minimumWage: minimumWage)
        }
    }
}
