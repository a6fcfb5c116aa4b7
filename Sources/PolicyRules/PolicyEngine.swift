// Runs the rules of one policy year over a population, block by block.
import PopulationData
import SpsimSupport

/// Problems with the population handed to the engine (not the user's scenario).
public struct PolicyEngineError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Runs a policy over a population.
///
/// The result is a pure function of the policy and the population: households are
/// independent once the phase registrations are fixed, and those are decided over the
/// whole population before the blocks run (`PhaseRegistration`), so the block size
/// changes nothing but memory locality.
public enum PolicyEngine {
    public static func run(_ policy: PolicyParameters, on population: Population, blockSize: Int = 16_384) throws -> PolicyResult {
        if let problem = population.structuralProblem() {
            throw PolicyEngineError(description: "the population is inconsistent: \(problem)")
        }
        let registration = PhaseRegistration(policy: policy, population: population)
        let n = population.personCount, households = population.householdCount
        // The schemes that run this year, with their registry positions.
        let running: [(index: Int, scheme: any Scheme)] = policy.schemes.enumerated().compactMap { i, scheme in
            guard let scheme, scheme.enabled else { return nil }
            return (i, scheme)
        }
        var columns = Array(repeating: SchemeColumns.off, count: SchemeRegistry.all.count)
        for (i, scheme) in running {
            columns[i] = SchemeColumns(declaration: type(of: scheme).declaration, persons: n, households: households,
                                       separateCoverage: type(of: scheme).separateCoverage)
        }
        var result = PolicyResult(persons: n, households: households, schemes: columns)
        result.registration = registration
        let context = RuleContext(population: population, policy: policy, registration: registration)
        let transfer = policy[HouseholdTransfer.self]
        let recipientRule = transfer?.recipient ?? HouseholdTransfer.defaultRecipient
        let recipientMinimumAge = transfer?.recipientMinimumAge ?? HouseholdTransfer.defaultRecipientMinimumAge
        for block in population.blocks(ofSize: blockSize) {
            for p in block.persons { result.earningsAfterFloor[p] = population.monthlyEarnings[p] }
            for h in block.households {
                result.recipient[h] = Int32(HouseholdTransfer.recipient(of: h, population, rule: recipientRule, minimumAge: recipientMinimumAge))
            }
            for (i, scheme) in running {
                // Take the scheme's columns out while its rule writes them (no copy), so the
                // rule can also write the shared columns and read earlier schemes' columns.
                var own = result.schemes[i]
                result.schemes[i] = .off
                scheme.apply(context, block: block, columns: &own, result: &result)
                result.schemes[i] = own
            }
            incomes(policy, population, block, &result)
        }
        return result
    }

    /// Household incomes and consumption (PKR per month) and adult equivalents:
    /// market income = Σ members' earnings before any rule + income beyond earnings (the
    /// population's four columns; left out under `earnings_income`, as R1);
    /// policy income = Σ members' (earnings after floor − worker contribution + every
    /// benefit they receive, household payments to the recipient included) + the same
    /// income beyond earnings;
    /// consumption before = the population's consumption (the market income when the
    /// population has no consumption column); after = before + propensity × (policy −
    /// market income);
    /// adult equivalents = Σ members (1 if age ≥ adult age, else the child weight).
    static func incomes(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock, _ result: inout PolicyResult) {
        // Each person's benefits, scheme by scheme in registry order (each column read once).
        let start = block.persons.lowerBound
        var benefits = [Double](repeating: 0, count: block.persons.count)
        for s in result.schemes.indices where result.schemes[s].isOn {
            let received = result.schemes[s].received
            for p in block.persons { benefits[p - start] += received[p] }
        }
        let withOther = policy.welfareMeasure != .earningsIncome && population.selfEmploymentIncome.count == population.householdCount
        let hasConsumption = population.consumption.count == population.householdCount
        for h in block.households {
            let other = withOther ? population.otherIncome(h) : 0
            var market = other, income = other, equivalents = 0.0
            for p in population.personRange(h) {
                market += population.monthlyEarnings[p]
                income += result.netEarnings(p) + benefits[p - start]
                equivalents += Int(population.age[p]) >= policy.adultAge ? 1 : policy.childWeight
            }
            result.marketIncome[h] = market
            result.policyIncome[h] = income
            let before = hasConsumption ? population.consumption[h] : market
            result.consumptionMarket[h] = before
            result.consumptionPolicy[h] = before + policy.consumptionPropensity * (income - market)
            result.adultEquivalents[h] = equivalents
        }
    }
}

/// Take-up by a stored uniform draw: the person or household takes up when the draw is
/// below the rate. A rate of 1 or more means everyone (a draw is always below 1, and
/// this makes full take-up exact whatever the draws).
@inline(__always) func takesUp(_ draw: Float, _ rate: Double) -> Bool {
    rate >= 1 || Double(draw) < rate
}

/// Who is registered under which coverage-extension phase this year.
///
/// A person belongs to the first phase in force (in file order) of a scheme whose target
/// they match: for `contributory` phases, registered formal contributors and public-sector
/// employees are never enrollees (unregistered private formal employees may be); for `minimum_wage_registration` phases, only informal employees can
/// register. A member is registered when their take-up draw is below the phase's
/// threshold: the take-up rate, lowered when the phase has a registration capacity to the
/// largest t ≤ rate such that the weighted number of members with draw < t is at most the
/// cumulative capacity. Members are sorted by draw, so the result does not depend on
/// blocks or order.
public struct PhaseRegistration: Sendable {
    /// Per person: index into `policy.phases` of the contributory phase registered under, or −1.
    public var contributoryPhase: [Int16]
    /// Per person: index of the minimum-wage registration phase registered under, or −1.
    public var minimumWagePhase: [Int16]
    /// Per phase: the draw threshold used this year.
    public var thresholds: [Double]

    /// No registrations (a result built by hand; indicators then count no enrollees by phase).
    public static let empty = PhaseRegistration(contributoryPhase: [], minimumWagePhase: [], thresholds: [])

    /// Registrations given directly (tests, hand-made results).
    public init(contributoryPhase: [Int16], minimumWagePhase: [Int16], thresholds: [Double]) {
        self.contributoryPhase = contributoryPhase; self.minimumWagePhase = minimumWagePhase; self.thresholds = thresholds
    }

    public init(policy: PolicyParameters, population: Population) {
        let n = population.personCount
        contributoryPhase = .init(repeating: -1, count: n)
        minimumWagePhase = .init(repeating: -1, count: n)
        thresholds = policy.phases.map(\.takeUpRate)
        guard policy.phases.contains(where: \.active) else { return }
        let weights = population.personWeights()
        let contributory = policy[ContributoryInsurance.self]
        var member = [Int16](repeating: -1, count: n)
        for scheme in PhaseScheme.allCases {
            let indices = policy.phases.indices.filter { policy.phases[$0].active && policy.phases[$0].scheme == scheme }
            guard !indices.isEmpty else { continue }
            let masks = policy.phases.map { TargetMask($0.target) }
            for i in 0..<n { member[i] = -1 }
            for p in 0..<n {
                let employee = population.labourStatus[p] == .employee
                switch scheme {
                case .contributory: if population.publicSector[p] || (contributory?.isRegisteredFormal(population, p) ?? (employee && population.formal[p])) { continue }
                case .minimumWageRegistration: if !employee || population.formal[p] { continue }
                }
                for k in indices where masks[k].matches(population, person: p) {
                    member[p] = Int16(k)
                    break
                }
            }
            for k in indices {
                let phase = policy.phases[k]
                var threshold = phase.takeUpRate
                if let capacity = phase.cumulativeCapacity {
                    var candidates: [(draw: Float, weight: Double)] = []
                    var total = 0.0
                    for p in 0..<n where member[p] == Int16(k) && takesUp(population.takeUpDraw[p], phase.takeUpRate) {
                        candidates.append((population.takeUpDraw[p], weights[p]))
                        total += weights[p]
                    }
                    if total > capacity {
                        candidates.sort { $0.draw < $1.draw }
                        var cumulative = 0.0
                        var j = 0
                        while j < candidates.count {
                            let draw = candidates[j].draw
                            var groupWeight = 0.0
                            while j < candidates.count && candidates[j].draw == draw { groupWeight += candidates[j].weight; j += 1 }
                            cumulative += groupWeight
                            if cumulative > capacity { threshold = Double(draw); break }
                        }
                    }
                }
                thresholds[k] = threshold
                let registeredAll = threshold >= 1
                for p in 0..<n where member[p] == Int16(k) && (registeredAll || Double(population.takeUpDraw[p]) < threshold) {
                    switch scheme {
                    case .contributory: contributoryPhase[p] = Int16(k)
                    case .minimumWageRegistration: minimumWagePhase[p] = Int16(k)
                    }
                }
            }
        }
    }
}
