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

/// The result of running a policy over a population: person and household columns,
/// indexed like the population's columns.
public struct PolicyResult: Sendable {
    // MARK: Person columns (PKR per month)
    /// Earnings after the minimum-wage floor, e′.
    public var earningsAfterFloor: [Double]
    public var contributorStatus: [ContributorStatus]
    /// The worker's part of the contribution (formal: employee rate × base; enrollee: total − subsidy).
    public var workerContribution: [Double]
    /// The employer's part (formal contributors only).
    public var employerContribution: [Double]
    /// The government's part (extension enrollees only).
    public var contributionSubsidy: [Double]
    public var contributoryPension: [Double]
    /// Entitled to a contributory pension (age and years met), whatever its amount.
    public var receivesContributoryPension: [Bool]
    public var socialPension: [Double]
    /// Receives the social pension (eligible and taken up).
    public var receivesSocialPension: [Bool]
    /// Disability benefit paid to the person.
    public var disabilityBenefit: [Double]
    public var receivesDisabilityBenefit: [Bool]
    /// Household transfer received as the household's recipient (0 for everyone else).
    public var transferReceived: [Double]
    /// Child benefit received as the household's recipient.
    public var childBenefitReceived: [Double]
    /// A child for whom a child benefit is paid (covered, though the money goes to the recipient).
    public var childBenefitChild: [Bool]
    /// Registered under a `minimum_wage_registration` phase.
    public var minimumWageRegistered: [Bool]
    /// Admin cost of the person's phase registration, PKR per year.
    public var adminCostPerYear: [Double]

    // MARK: Household columns
    /// Household transfer paid to the household, PKR per month (0 when not paid).
    public var householdTransfer: [Double]
    /// The household receives the transfer (eligible and taken up).
    public var receivesTransfer: [Bool]
    /// Child benefit paid to the household, PKR per month.
    public var householdChildBenefit: [Double]
    public var receivesChildBenefit: [Bool]
    /// Person index of the household's recipient.
    public var recipient: [Int32]
    /// Σ members' monthly earnings before any rule.
    public var marketIncome: [Double]
    /// Σ members' net earnings + pensions + transfers and benefits (may be negative).
    public var policyIncome: [Double]
    /// Σ members (1 if age ≥ adult age, else the child weight).
    public var adultEquivalents: [Double]

    public init(persons: Int, households: Int) {
        earningsAfterFloor = .init(repeating: 0, count: persons)
        contributorStatus = .init(repeating: .none, count: persons)
        workerContribution = .init(repeating: 0, count: persons)
        employerContribution = .init(repeating: 0, count: persons)
        contributionSubsidy = .init(repeating: 0, count: persons)
        contributoryPension = .init(repeating: 0, count: persons)
        receivesContributoryPension = .init(repeating: false, count: persons)
        socialPension = .init(repeating: 0, count: persons)
        receivesSocialPension = .init(repeating: false, count: persons)
        disabilityBenefit = .init(repeating: 0, count: persons)
        receivesDisabilityBenefit = .init(repeating: false, count: persons)
        transferReceived = .init(repeating: 0, count: persons)
        childBenefitReceived = .init(repeating: 0, count: persons)
        childBenefitChild = .init(repeating: false, count: persons)
        minimumWageRegistered = .init(repeating: false, count: persons)
        adminCostPerYear = .init(repeating: 0, count: persons)
        householdTransfer = .init(repeating: 0, count: households)
        receivesTransfer = .init(repeating: false, count: households)
        householdChildBenefit = .init(repeating: 0, count: households)
        receivesChildBenefit = .init(repeating: false, count: households)
        recipient = .init(repeating: 0, count: households)
        marketIncome = .init(repeating: 0, count: households)
        policyIncome = .init(repeating: 0, count: households)
        adultEquivalents = .init(repeating: 0, count: households)
    }

    /// Net earnings of person p: earnings after the floor minus the worker's contribution.
    @inline(__always) public func netEarnings(_ p: Int) -> Double { earningsAfterFloor[p] - workerContribution[p] }

    /// Total contribution of person p (worker + employer + government).
    @inline(__always) public func totalContribution(_ p: Int) -> Double {
        workerContribution[p] + employerContribution[p] + contributionSubsidy[p]
    }

    /// All benefits person p receives, PKR per month: contributory and social pensions,
    /// the household transfer and child benefit (to the recipient), the disability benefit.
    @inline(__always) public func benefitsReceived(_ p: Int) -> Double {
        contributoryPension[p] + socialPension[p] + transferReceived[p] + childBenefitReceived[p] + disabilityBenefit[p]
    }

    /// Whether person p receives a contributory or social pension.
    @inline(__always) public func receivesPension(_ p: Int) -> Bool { receivesContributoryPension[p] || receivesSocialPension[p] }
}
