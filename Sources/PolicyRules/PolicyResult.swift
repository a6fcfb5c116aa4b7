// What the rules produce: result columns beside the population's columns (struct of arrays).
// All money is PKR per month unless a name says otherwise.

/// A person's place in the contributory scheme.
public enum ContributorStatus: UInt8, Sendable {
    /// Not contributing.
    case none = 0
    /// Formal employee: contributes with an employer.
    case formal
    /// Extension enrollee: registered under a `contributory` phase, contribution subsidised.
    case extensionEnrollee

    /// Formal contributor or extension enrollee.
    @inline(__always) public var isActive: Bool { self != .none }
}

/// The result of running a policy over a population: the shared person and household
/// columns, and each scheme's own columns (`schemes`, in `SchemeRegistry` order), indexed
/// like the population's columns.
public struct PolicyResult: Sendable {
    // MARK: Shared person columns (PKR per month)
    /// Earnings after the minimum-wage floor, e′ (the earnings when no floor applies).
    public var earningsAfterFloor: [Double]
    public var contributorStatus: [ContributorStatus]
    /// The worker's part of the contribution (formal: employee rate × base; enrollee: total − subsidy).
    public var workerContribution: [Double]
    /// The employer's part (formal contributors only).
    public var employerContribution: [Double]
    /// The government's part (extension enrollees only).
    public var contributionSubsidy: [Double]
    /// Registered under a `minimum_wage_registration` phase.
    public var minimumWageRegistered: [Bool]
    /// Admin cost of the person's phase registration, PKR per year.
    public var adminCostPerYear: [Double]
    /// Who the year's coverage-extension phases registered (`PolicyEngine` sets it; empty
    /// in a result built by hand). A person is an enrollee of contributory phase k when
    /// `contributoryPhase[p] == k` and `contributorStatus[p] == .extensionEnrollee`, a
    /// registrant of minimum-wage phase k when `minimumWagePhase[p] == k` and
    /// `minimumWageRegistered[p]` (the phase's scheme ran).
    public var registration: PhaseRegistration = .empty

    // MARK: Shared household columns
    /// Person index of the household's recipient of household payments.
    public var recipient: [Int32]
    /// Income before the modelled schemes ("market" income): Σ members' monthly earnings
    /// before any rule, + the household's income beyond earnings (unless the welfare
    /// measure is `earnings_income`).
    public var marketIncome: [Double]
    /// Σ members' net earnings + every benefit they receive (may be negative), + income
    /// beyond earnings as in `marketIncome`.
    public var policyIncome: [Double]
    /// Household consumption before the modelled schemes (the population's column; the
    /// market income when the population has none, as hand-made test households).
    public var consumptionMarket: [Double]
    /// Consumption after the schemes: before + propensity × (policy − market income).
    public var consumptionPolicy: [Double]
    /// Σ members (1 if age ≥ adult age, else the child weight).
    public var adultEquivalents: [Double]

    // MARK: Schemes
    /// Each registered scheme's columns, in `SchemeRegistry.all` order (`SchemeColumns.off` when it did not run).
    public var schemes: [SchemeColumns]

    public init(persons: Int, households: Int, schemes: [SchemeColumns]) {
        earningsAfterFloor = .init(repeating: 0, count: persons)
        contributorStatus = .init(repeating: .none, count: persons)
        workerContribution = .init(repeating: 0, count: persons)
        employerContribution = .init(repeating: 0, count: persons)
        contributionSubsidy = .init(repeating: 0, count: persons)
        minimumWageRegistered = .init(repeating: false, count: persons)
        adminCostPerYear = .init(repeating: 0, count: persons)
        recipient = .init(repeating: 0, count: households)
        marketIncome = .init(repeating: 0, count: households)
        policyIncome = .init(repeating: 0, count: households)
        consumptionMarket = .init(repeating: 0, count: households)
        consumptionPolicy = .init(repeating: 0, count: households)
        adultEquivalents = .init(repeating: 0, count: households)
        self.schemes = schemes
    }

    /// The columns of a scheme type, nil when it did not run.
    public func columns<S: Scheme>(of type: S.Type) -> SchemeColumns? {
        guard let i = SchemeRegistry.index(of: S.declaration.name), schemes[i].isOn else { return nil }
        return schemes[i]
    }

    /// The columns of a scheme by code, nil when it did not run or is unknown.
    public func columns(named name: String) -> SchemeColumns? {
        guard let i = SchemeRegistry.index(of: name), schemes[i].isOn else { return nil }
        return schemes[i]
    }

    /// Net earnings of person p: earnings after the floor minus the worker's contribution.
    @inline(__always) public func netEarnings(_ p: Int) -> Double { earningsAfterFloor[p] - workerContribution[p] }

    /// Total contribution of person p (worker + employer + government).
    @inline(__always) public func totalContribution(_ p: Int) -> Double {
        workerContribution[p] + employerContribution[p] + contributionSubsidy[p]
    }

    /// All benefits person p receives, PKR per month, summed over the schemes in registry order.
    @inline(__always) public func benefitsReceived(_ p: Int) -> Double {
        var total = 0.0
        for s in schemes.indices where schemes[s].isOn { total += schemes[s].received[p] }
        return total
    }
}
