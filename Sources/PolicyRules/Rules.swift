// The rules, one function per rule, each over a block of households, reading the
// population's columns and the policy and writing result columns. Order matters only
// where a rule reads another's result (pensions before the social pension's test,
// everything before incomes); `apply` runs them in that order.
import PopulationData

enum Rules {
    static func apply(_ policy: PolicyParameters, to population: Population, block: HouseholdBlock,
                      registration: PhaseRegistration, result: inout PolicyResult) {
        minimumWageFloor(policy, population, block, registration, &result)
        contributions(policy, population, block, registration, &result)
        contributoryPension(policy, population, block, &result)
        socialPension(policy, population, block, &result)
        disabilityBenefit(policy, population, block, &result)
        householdPayments(policy, population, block, &result)
        incomes(policy, population, block, &result)
    }

    /// Minimum-wage floor. An employee earning e below the minimum wage MW is paid
    /// - `expected` mode: e′ = e + c × max(0, MW − e);
    /// - `stochastic` mode: e′ = MW when the person's compliance draw < c, else e;
    /// with c the formal or informal compliance. An informal employee registered under a
    /// `minimum_wage_registration` phase has c raised to the phase's compliance (never
    /// lowered). Everyone else keeps e′ = e.
    static func minimumWageFloor(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                                 _ registration: PhaseRegistration, _ result: inout PolicyResult) {
        let minimumWage = policy.minimumWage
        for p in block.persons {
            let earnings = population.monthlyEarnings[p]
            guard population.labourStatus[p] == .employee else { result.earningsAfterFloor[p] = earnings; continue }
            var compliance = population.formal[p] ? policy.complianceFormal : policy.complianceInformal
            let phase = Int(registration.minimumWagePhase[p])
            if phase >= 0 {
                result.minimumWageRegistered[p] = true
                if let raised = policy.phases[phase].compliance { compliance = max(compliance, raised) }
                result.adminCostPerYear[p] = policy.phases[phase].adminCostPerRegistered
            }
            let shortfall = max(0, minimumWage - earnings)
            switch policy.complianceMode {
            case .expected:
                result.earningsAfterFloor[p] = earnings + compliance * shortfall
            case .stochastic:
                result.earningsAfterFloor[p] = shortfall > 0 && takesUp(population.complianceDraw[p], compliance) ? minimumWage : earnings
            }
        }
    }

    /// Contributions. A formal contributor (a formal employee) pays `employeeRate × base`
    /// and the employer `(contributionRate − employeeRate) × base`. An extension enrollee
    /// (registered under a `contributory` phase) owes `contributionRate × base`, of which
    /// the government pays the phase's subsidy share and the worker the rest. The base is
    /// the minimum wage or the earnings after the floor (`contribution_base`).
    static func contributions(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                              _ registration: PhaseRegistration, _ result: inout PolicyResult) {
        for p in block.persons {
            let base = policy.contributionBase == .minimumWage ? policy.minimumWage : result.earningsAfterFloor[p]
            if population.labourStatus[p] == .employee && population.formal[p] {
                result.contributorStatus[p] = .formal
                result.workerContribution[p] = policy.employeeRate * base
                result.employerContribution[p] = (policy.contributionRate - policy.employeeRate) * base
                continue
            }
            let phase = Int(registration.contributoryPhase[p])
            guard phase >= 0 else { continue }
            let total = policy.contributionRate * base
            let subsidy = policy.phases[phase].subsidyShare * total
            result.contributorStatus[p] = .extensionEnrollee
            result.contributionSubsidy[p] = subsidy
            result.workerContribution[p] = total - subsidy
            result.adminCostPerYear[p] += policy.phases[phase].adminCostPerRegistered
        }
    }

    /// Contributory old-age pension: at or above the pension age for the person's sex with
    /// at least the minimum contributory years, pension = max(minimum pension,
    /// MW × contributory years ÷ accrual divisor).
    static func contributoryPension(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                                    _ result: inout PolicyResult) {
        for p in block.persons {
            let years = Int(population.contributoryYears[p])
            guard Int(population.age[p]) >= policy.pensionAge(population.sex[p]), years >= policy.minimumYears else { continue }
            result.receivesContributoryPension[p] = true
            result.contributoryPension[p] = max(policy.minimumPension, policy.minimumWage * Double(years) / policy.accrualDivisor)
        }
    }

    /// Social pension: when enabled, a person at or above its age without a contributory
    /// pension receives the amount if their benefit draw < take-up.
    static func socialPension(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                              _ result: inout PolicyResult) {
        let scheme = policy.socialPension
        guard scheme.enabled else { return }
        for p in block.persons where Int(population.age[p]) >= scheme.age && !result.receivesContributoryPension[p]
            && takesUp(population.benefitDraw[p], scheme.takeUp) {
            result.receivesSocialPension[p] = true
            result.socialPension[p] = scheme.amount
        }
    }

    /// Disability benefit: when enabled, a person with a disability in a household with
    /// PMT score ≤ cut-off receives the amount if their benefit draw < take-up.
    static func disabilityBenefit(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                                  _ result: inout PolicyResult) {
        let scheme = policy.disabilityBenefit
        guard scheme.enabled else { return }
        for h in block.households where population.pmtScore[h] <= scheme.pmtCutoff {
            for p in population.personRange(h) where population.disabled[p] && takesUp(population.benefitDraw[p], scheme.takeUp) {
                result.receivesDisabilityBenefit[p] = true
                result.disabilityBenefit[p] = scheme.amount
            }
        }
    }

    /// The household's recipient (`household_transfer.recipient`): under
    /// `oldest_adult_woman`, the oldest woman aged at least the recipient minimum age, else
    /// the oldest member; under `oldest_member`, the oldest member. Ties go to the smallest
    /// person_id.
    static func recipient(of household: Int, _ population: Population, rule: RecipientRule, minimumAge: Int) -> Int {
        let range = population.personRange(household)
        func better(_ a: Int, than b: Int) -> Bool {
            population.age[a] != population.age[b] ? population.age[a] > population.age[b] : population.personID[a] < population.personID[b]
        }
        var oldest = range.lowerBound
        var oldestWoman = -1
        for p in range {
            if better(p, than: oldest) { oldest = p }
            if population.sex[p] == .female && Int(population.age[p]) >= minimumAge && (oldestWoman < 0 || better(p, than: oldestWoman)) {
                oldestWoman = p
            }
        }
        switch rule {
        case .oldestAdultWoman: return oldestWoman >= 0 ? oldestWoman : oldest
        case .oldestMember: return oldest
        }
    }

    /// Household transfer and child benefit, both paid to the household's recipient.
    /// Transfer: when enabled, a household with PMT score ≤ cut-off receives the amount if
    /// its household draw < take-up. Child benefit: when enabled, a household with PMT score
    /// ≤ its cut-off and at least one child younger than the maximum age receives the amount
    /// per such child if its household draw < take-up.
    static func householdPayments(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                                  _ result: inout PolicyResult) {
        let transfer = policy.householdTransfer
        let child = policy.childBenefit
        for h in block.households {
            let recipient = recipient(of: h, population, rule: transfer.recipient, minimumAge: transfer.recipientMinimumAge)
            result.recipient[h] = Int32(recipient)
            if transfer.enabled && population.pmtScore[h] <= transfer.pmtCutoff && takesUp(population.householdDraw[h], transfer.takeUp) {
                result.receivesTransfer[h] = true
                result.householdTransfer[h] = transfer.amount
                result.transferReceived[recipient] += transfer.amount
            }
            if child.enabled && population.pmtScore[h] <= child.pmtCutoff && takesUp(population.householdDraw[h], child.takeUp) {
                var children = 0
                for p in population.personRange(h) where Int(population.age[p]) < child.maximumAge {
                    result.childBenefitChild[p] = true
                    children += 1
                }
                if children > 0 {
                    let amount = child.amount * Double(children)
                    result.receivesChildBenefit[h] = true
                    result.householdChildBenefit[h] = amount
                    result.childBenefitReceived[recipient] += amount
                }
            }
        }
    }

    /// Household incomes (PKR per month) and adult equivalents:
    /// market income = Σ members' earnings before any rule;
    /// policy income = Σ members' (earnings after floor − worker contribution + pensions +
    /// disability benefit) + household transfer + child benefit;
    /// adult equivalents = Σ members (1 if age ≥ adult age, else the child weight).
    static func incomes(_ policy: PolicyParameters, _ population: Population, _ block: HouseholdBlock,
                        _ result: inout PolicyResult) {
        for h in block.households {
            var market = 0.0, income = 0.0, equivalents = 0.0
            for p in population.personRange(h) {
                market += population.monthlyEarnings[p]
                income += result.netEarnings(p) + result.contributoryPension[p] + result.socialPension[p] + result.disabilityBenefit[p]
                equivalents += Int(population.age[p]) >= policy.adultAge ? 1 : policy.childWeight
            }
            result.marketIncome[h] = market
            result.policyIncome[h] = income + result.householdTransfer[h] + result.householdChildBenefit[h]
            result.adultEquivalents[h] = equivalents
        }
    }
}
