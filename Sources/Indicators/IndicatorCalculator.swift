// Reducing a rules result to indicators. See docs/results-format.md and
// shared/conformance/R1.md for the definitions; every key below is documented there.
import GSLStatistics
import PolicyRules
import PopulationData
import SpsimSupport

/// The indicators of one run: tidy records, and the `total` values by key.
public struct IndicatorSet: Sendable {
    public var records: [IndicatorRecord]
    private var totals: [String: Double]

    public init(records: [IndicatorRecord]) {
        self.records = records
        var totals: [String: Double] = [:]
        for record in records where record.breakdown == "total" { totals[record.indicator] = record.value }
        self.totals = totals
    }

    /// The `total` value of an indicator key (R1 names), or nil when there is none.
    public subscript(key: String) -> Double? { totals[key] }

    /// Every `total` indicator key and value.
    public var totalValues: [String: Double] { totals }
}

/// Problems computing indicators (empty population, mismatched result, statistics failures).
public struct IndicatorError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Age groups of the coverage breakdown.
public enum AgeGroup: Int, CaseIterable, Sendable {
    case children = 0, youth, primeAge, nearPension, older
    public var code: String { ["0-14", "15-24", "25-59", "60-64", "65+"][rawValue] }
    /// The first age of the group.
    public var lowerAge: Int { [0, 15, 25, 60, 65][rawValue] }
    public init(age: Int) {
        switch age {
        case ..<15: self = .children
        case ..<25: self = .youth
        case ..<60: self = .primeAge
        case ..<65: self = .nearPension
        default: self = .older
        }
    }
}

/// Weighted totals for one sex.
/// A scratch buffer of `count` copies of a value, for the hot loops of `compute`: reads
/// and writes by index like an array, without an array's copy-on-write uniqueness check
/// on every write (which cost about a tenth of a projection year). Freed by `free()`.
struct Scratch<Element> {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ count: Int, _ value: Element) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: value)
    }
    @inline(__always) subscript(_ i: Int) -> Element {
        get { buffer[i] }
        nonmutating set { buffer[i] = newValue }
    }
    var indices: Range<Int> { buffer.indices }
    func reduce(_ initial: Element, _ next: (Element, Element) -> Element) -> Element { buffer.reduce(initial, next) }
    func free() { buffer.deinitialize(); buffer.deallocate() }
}

struct SexTotals {
    var persons = 0.0, covered = 0.0, employed = 0.0, contributors = 0.0, benefits = 0.0
}

/// Computes every indicator of docs/results-format.md from a rules result.
///
/// Definitions (R1.md): sums run over persons with their household's weight w; monthly
/// flows × 12 are annual. A person is *covered* (SDG 1.3.1 style) when an active
/// contributor or covered by any scheme that ran (`SchemeColumns.covers`: a beneficiary
/// of a person-level benefit, a member of a household receiving the household transfer,
/// an eligible child or the recipient of a child benefit, …). Spending, beneficiaries and
/// the `scheme` breakdown come from each scheme's declaration (`SchemeRegistry`): the
/// budget pays the tax-financed schemes, contribution subsidies and administration.
/// Poverty, the poverty gap, the Gini and the deciles are of the welfare measure
/// (`poverty.welfare_measure`) per adult equivalent: the household's consumption (or
/// income) ÷ AE, assigned to every member; "market" is before the modelled schemes,
/// "policy" after them; negative values count as 0 for poverty and inequality only.
/// `gini_income_*` are always of income per adult equivalent.
public enum IndicatorCalculator {
    public static func compute(population: Population, result: PolicyResult, policy: PolicyParameters) throws -> IndicatorSet {
        let n = population.personCount, hCount = population.householdCount
        guard n > 0, hCount > 0 else { throw IndicatorError("the population is empty: no indicators can be computed") }
        guard result.earningsAfterFloor.count == n, result.recipient.count == hCount else {
            throw IndicatorError("the rules result does not match the population (\(result.earningsAfterFloor.count) persons in the result, \(n) in the population)")
        }
        guard policy.gdp > 0 else { throw IndicatorError("GDP is zero: shares of GDP cannot be computed (set economy.gdp)") }
        guard policy.povertyLine > 0 else { throw IndicatorError("the poverty line is zero: poverty measures cannot be computed (set poverty.line)") }

        var records: [IndicatorRecord] = []
        func add(_ key: String, _ value: Double, _ unit: String, _ breakdown: String = "total", _ group: String = "all") {
            records.append(IndicatorRecord(indicator: key, breakdown: breakdown, group: group, value: value, unit: unit))
        }

        // The schemes that ran, with their declarations.
        let declarations = SchemeRegistry.declarations
        let running = result.schemes.indices.filter { result.schemes[$0].isOn }

        // Person columns derived once.
        // Hot-loop columns and accumulators are scratch buffers (Scratch below): updated
        // per person without an array's copy-on-write check, in the same order as before.
        let weight = Scratch(n, 0.0); defer { weight.free() }
        // Welfare (consumption or income) and income per adult equivalent, per household:
        // every member has their household's (the distributions expand them to persons).
        var marketPerAE = [Double](repeating: 0, count: hCount)
        var policyPerAE = [Double](repeating: 0, count: hCount)
        var incomeMarketPerAE = [Double](repeating: 0, count: hCount)
        var incomePolicyPerAE = [Double](repeating: 0, count: hCount)
        let byConsumption = policy.welfareMeasure == .consumption
        let netGainPerPerson = Scratch(n, 0.0); defer { netGainPerPerson.free() }

        // Per scheme (registry order): monthly spending and beneficiary counts.
        let schemeCost = Scratch(declarations.count, 0.0); defer { schemeCost.free() }
        let receivingHouseholds = Scratch(declarations.count, 0.0); defer { receivingHouseholds.free() }
        let personsInReceiving = Scratch(declarations.count, 0.0); defer { personsInReceiving.free() }
        let beneficiaryPersons = Scratch(declarations.count, 0.0); defer { beneficiaryPersons.free() }

        var population_ = 0.0, households = 0.0, meanMarket = 0.0, meanPolicy = 0.0, meanConsumptionMarket = 0.0, meanConsumptionPolicy = 0.0
        for h in 0..<hCount {
            let w = population.householdWeight[h]
            let range = population.personRange(h)
            households += w
            meanMarket += w * result.marketIncome[h]
            meanPolicy += w * result.policyIncome[h]
            meanConsumptionMarket += w * result.consumptionMarket[h]
            meanConsumptionPolicy += w * result.consumptionPolicy[h]
            let ae = result.adultEquivalents[h]
            let incomeMarket = result.marketIncome[h] / ae, incomePolicy = result.policyIncome[h] / ae
            let market = byConsumption ? result.consumptionMarket[h] / ae : incomeMarket
            let income = byConsumption ? result.consumptionPolicy[h] / ae : incomePolicy
            let gain = (result.policyIncome[h] - result.marketIncome[h]) / Double(range.count)
            for s in running where declarations[s].paidPerHousehold && result.schemes[s].householdReceives[h] {
                schemeCost[s] += w * result.schemes[s].householdAmount[h]
                receivingHouseholds[s] += w
                personsInReceiving[s] += w * Double(range.count)
            }
            marketPerAE[h] = market
            policyPerAE[h] = income
            incomeMarketPerAE[h] = incomeMarket
            incomePolicyPerAE[h] = incomePolicy
            for p in range {
                weight[p] = w
                netGainPerPerson[p] = gain
            }
        }

        var subsidyCost = 0.0, adminCost = 0.0
        var revenue = 0.0, employer = 0.0, worker = 0.0
        var formal = 0.0, enrollees = 0.0, registered = 0.0
        var coveredAll = 0.0
        let bySex = Scratch(2, SexTotals()); defer { bySex.free() }
        var oldAge = 0.0, oldAgePensioned = 0.0
        var employed = 0.0, employedContributors = 0.0
        var benefitsAll = 0.0
        let ageGroups = Scratch(AgeGroup.allCases.count, (0.0, 0.0)); defer { ageGroups.free() }
        let provinces = Scratch(Province.allCases.count, (0.0, 0.0)); defer { provinces.free() }
        let areas = Scratch(2, (0.0, 0.0)); defer { areas.free() } // 0 urban, 1 rural
        let workerTypes = Scratch(2, (0.0, 0.0)); defer { workerTypes.free() } // 0 informal, 1 formal (employed persons)
        let pensionableAges = Sex.allCases.map { policy.pensionableAge($0) }
        // Per person, over the schemes that ran (scheme by scheme, so each column is read
        // once, in registry order): benefits received, covered by any scheme, receiving an
        // old-age pension; and each person-level scheme's spending and beneficiaries.
        let benefitOf = Scratch(n, 0.0); defer { benefitOf.free() }
        let coveredByScheme = Scratch(n, false); defer { coveredByScheme.free() }
        let oldAgePension = Scratch(n, false); defer { oldAgePension.free() }
        // For SDG 1.3.1 by contingency: covered by a children's scheme, paid a disability or
        // a maternity benefit, covered by a tax-financed scheme (social assistance).
        let childScheme = Scratch(n, false), disabilityPaid = Scratch(n, false)
        let maternityPaid = Scratch(n, false), assistance = Scratch(n, false)
        defer { childScheme.free(); disabilityPaid.free(); maternityPaid.free(); assistance.free() }
        for s in running {
            let received = result.schemes[s].received, beneficiary = result.schemes[s].beneficiary
            let covered = result.schemes[s].covered.isEmpty ? beneficiary : result.schemes[s].covered
            let perPerson = !declarations[s].paidPerHousehold, contingency = declarations[s].contingency
            let budget = declarations[s].payer == .budget
            var cost = 0.0, beneficiaries = 0.0
            for p in 0..<n {
                benefitOf[p] += received[p]
                if perPerson { cost += weight[p] * received[p] }
                if beneficiary[p] {
                    beneficiaries += weight[p]
                    switch contingency {
                    case .oldAge: oldAgePension[p] = true
                    case .disability: disabilityPaid[p] = true
                    case .maternity: maternityPaid[p] = true
                    default: break
                    }
                }
                if covered[p] {
                    coveredByScheme[p] = true
                    if contingency == .children { childScheme[p] = true }
                    if budget { assistance[p] = true }
                }
            }
            if perPerson { schemeCost[s] += cost }
            beneficiaryPersons[s] += beneficiaries
        }
        for p in 0..<n {
            let w = weight[p]
            population_ += w
            subsidyCost += w * result.contributionSubsidy[p]
            adminCost += w * result.adminCostPerYear[p]
            revenue += w * result.totalContribution(p)
            employer += w * result.employerContribution[p]
            worker += w * result.workerContribution[p]
            let status = result.contributorStatus[p]
            if status == .formal { formal += w }
            if status == .extensionEnrollee { enrollees += w }
            if result.minimumWageRegistered[p] { registered += w }

            let isCovered = status.isActive || coveredByScheme[p]
            let benefit = benefitOf[p]
            let c = isCovered ? w : 0
            coveredAll += c
            let sex = Int(population.sex[p].rawValue)
            bySex[sex].persons += w
            bySex[sex].covered += c
            let age = Int(population.age[p])
            if let pensionable = pensionableAges[sex], age >= pensionable {
                oldAge += w
                if oldAgePension[p] { oldAgePensioned += w }
            }
            if population.labourStatus[p].isEmployed {
                employed += w
                bySex[sex].employed += w
                if status.isActive { employedContributors += w; bySex[sex].contributors += w }
                let type = population.formal[p] ? 1 : 0
                workerTypes[type].0 += w
                workerTypes[type].1 += c
            }
            let benefits = w * benefit
            benefitsAll += benefits
            bySex[sex].benefits += benefits
            let group = AgeGroup(age: age).rawValue
            ageGroups[group].0 += w
            ageGroups[group].1 += c
            let province = Int(population.province[p].rawValue)
            provinces[province].0 += w
            provinces[province].1 += c
            let area = population.urban[p] ? 0 : 1
            areas[area].0 += w
            areas[area].1 += c
        }
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }

        for s in schemeCost.indices { schemeCost[s] *= 12 }
        subsidyCost *= 12; revenue *= 12; employer *= 12; worker *= 12
        // The government pays the tax-financed schemes, the contribution subsidies and administration.
        var governmentCost = 0.0
        for s in declarations.indices where declarations[s].payer == .budget { governmentCost += schemeCost[s] }
        governmentCost += subsidyCost + adminCost
        func cost(_ indicator: String) -> Double {
            declarations.firstIndex { $0.costIndicator == indicator }.map { schemeCost[$0] } ?? 0
        }

        // SDG 1.3.1 by contingency (ILO method; docs/results-format.md says who counts):
        // the share of each group covered by a scheme for its contingency.
        let contingencies: [Contingency] = [.oldAge, .children, .disability, .maternity, .vulnerable]
        let contingencyCovered = Scratch(contingencies.count, 0.0); defer { contingencyCovered.free() }
        let contingencyPersons = Scratch(contingencies.count, 0.0); defer { contingencyPersons.free() }
        for h in 0..<hCount {
            let range = population.personRange(h)
            var familyBenefit = false
            for p in range where childScheme[p] { familyBenefit = true; break }
            let vulnerable = marketPerAE[h] < policy.povertyLine
            for p in range {
                let w = weight[p]
                if Int(population.age[p]) < AgeGroup.youth.lowerAge {
                    contingencyPersons[1] += w; if familyBenefit { contingencyCovered[1] += w }
                }
                if population.disabled[p] {
                    contingencyPersons[2] += w; if disabilityPaid[p] { contingencyCovered[2] += w }
                }
                if population.birthInYear[p] {
                    contingencyPersons[3] += w; if maternityPaid[p] { contingencyCovered[3] += w }
                }
                if vulnerable {
                    contingencyPersons[4] += w; if assistance[p] { contingencyCovered[4] += w }
                }
            }
        }
        contingencyCovered[0] = oldAgePensioned
        contingencyPersons[0] = oldAge

        // Poverty and inequality over persons, incomes per AE clamped at 0.
        // (clamped in place: the unclamped values are not needed after this point)
        for h in 0..<hCount where marketPerAE[h] < 0 { marketPerAE[h] = 0 }
        for h in 0..<hCount where policyPerAE[h] < 0 { policyPerAE[h] = 0 }
        let market = marketPerAE, income = policyPerAE
        let householdWeight = population.householdWeight, firstPerson = population.firstPerson
        let z = policy.povertyLine
        let measureName = byConsumption ? "consumption" : "income"
        let marketDistribution = try IncomeDistribution(market, weights: householdWeight, groupStart: firstPerson, name: "\(measureName) before the schemes per adult equivalent")
        let policyDistribution = try IncomeDistribution(income, weights: householdWeight, groupStart: firstPerson, name: "\(measureName) after the schemes per adult equivalent")
        let headcountMarket = try marketDistribution.headcount(povertyLine: z)
        let headcountPolicy = try policyDistribution.headcount(povertyLine: z)
        let gapPolicy = try policyDistribution.povertyGap(povertyLine: z)
        let giniMarket = try marketDistribution.gini()
        let giniPolicy = try policyDistribution.gini()
        let giniIncomeMarket: Double, giniIncomePolicy: Double
        if byConsumption {
            for h in 0..<hCount where incomeMarketPerAE[h] < 0 { incomeMarketPerAE[h] = 0 }
            for h in 0..<hCount where incomePolicyPerAE[h] < 0 { incomePolicyPerAE[h] = 0 }
            giniIncomeMarket = try IncomeDistribution(incomeMarketPerAE, weights: householdWeight, groupStart: firstPerson, name: "market income per adult equivalent").gini()
            giniIncomePolicy = try IncomeDistribution(incomePolicyPerAE, weights: householdWeight, groupStart: firstPerson, name: "policy income per adult equivalent").gini()
        } else {
            giniIncomeMarket = giniMarket
            giniIncomePolicy = giniPolicy
        }

        // R1 keys, in R1.md's order, then the others.
        let beneficiaries = Dictionary(uniqueKeysWithValues: declarations.indices.flatMap { s in
            declarations[s].beneficiaries.map { b -> (String, Double) in
                switch b.count {
                case .persons: return (b.indicator, beneficiaryPersons[s])
                case .households: return (b.indicator, receivingHouseholds[s])
                case .personsInHouseholds: return (b.indicator, personsInReceiving[s])
                }
            }
        })
        add("population", population_, "persons")
        add("households", households, "households")
        add("transfer_cost", cost("transfer_cost"), "PKR/year")
        add("social_pension_cost", cost("social_pension_cost"), "PKR/year")
        add("contribution_subsidy_cost", subsidyCost, "PKR/year")
        add("government_cost", governmentCost, "PKR/year")
        add("government_cost_pct_gdp", 100 * governmentCost / policy.gdp, "% of GDP")
        add("contributory_pension_expenditure", cost("contributory_pension_expenditure"), "PKR/year")
        add("contribution_revenue", revenue, "PKR/year")
        add("formal_contributors", formal, "persons")
        add("extension_enrollees", enrollees, "persons")
        add("active_contributors", formal + enrollees, "persons")
        add("contributory_pensioners", beneficiaries["contributory_pensioners"] ?? 0, "persons")
        add("social_pensioners", beneficiaries["social_pensioners"] ?? 0, "persons")
        add("transfer_households", beneficiaries["transfer_households"] ?? 0, "households")
        add("transfer_persons", beneficiaries["transfer_persons"] ?? 0, "persons")
        add("coverage_rate", ratio(coveredAll, population_), "/1")
        add("coverage_rate_women", ratio(bySex[0].covered, bySex[0].persons), "/1")
        add("coverage_rate_men", ratio(bySex[1].covered, bySex[1].persons), "/1")
        add("old_age_coverage", ratio(oldAgePensioned, oldAge), "/1")
        add("contributor_share_of_employed", ratio(employedContributors, employed), "/1")
        add("contributor_share_of_employed_women", ratio(bySex[0].contributors, bySex[0].employed), "/1")
        add("contributor_share_of_employed_men", ratio(bySex[1].contributors, bySex[1].employed), "/1")
        add("women_benefit_share", ratio(bySex[0].benefits, benefitsAll), "/1")
        add("poverty_headcount_market", headcountMarket, "/1")
        add("poverty_headcount_policy", headcountPolicy, "/1")
        add("poverty_gap_policy", gapPolicy, "/1")
        add("gini_market", giniMarket, "/1")
        add("gini_policy", giniPolicy, "/1")

        // Every other scheme's spending and beneficiaries (the R1 ones are above).
        let r1Keys: Set<String> = ["transfer_cost", "social_pension_cost", "contributory_pension_expenditure",
                                   "contributory_pensioners", "social_pensioners", "transfer_households", "transfer_persons"]
        for s in declarations.indices {
            if let key = declarations[s].costIndicator, !r1Keys.contains(key) { add(key, schemeCost[s], "PKR/year") }
            for b in declarations[s].beneficiaries where !r1Keys.contains(b.indicator) { add(b.indicator, beneficiaries[b.indicator] ?? 0, b.unit) }
        }
        add("admin_cost", adminCost, "PKR/year")
        add("employer_contributions", employer, "PKR/year")
        add("worker_contributions", worker, "PKR/year")
        add("informal_worker_coverage", ratio(workerTypes[0].1, workerTypes[0].0), "/1")
        add("minimum_wage_registered", registered, "persons")
        add("benefits_received", 12 * benefitsAll, "PKR/year")
        add("mean_household_income_market", ratio(meanMarket, households), "PKR/month")
        add("mean_household_income_policy", ratio(meanPolicy, households), "PKR/month")
        add("mean_household_consumption_market", ratio(meanConsumptionMarket, households), "PKR/month")
        add("mean_household_consumption_policy", ratio(meanConsumptionPolicy, households), "PKR/month")
        add("gini_income_market", giniIncomeMarket, "/1")
        add("gini_income_policy", giniIncomePolicy, "/1")

        // Cost by scheme and who pays: every tax-financed scheme (0 when off, so that
        // scenarios line up), then the contribution subsidy and administration; benefits
        // paid from social-insurance contributions by scheme.
        var schemes: [(String, Double)] = declarations.indices.filter { declarations[$0].payer == .budget }.map { (declarations[$0].name, schemeCost[$0]) }
        schemes += [("contribution_subsidy", subsidyCost), ("admin", adminCost)]
        for (scheme, cost) in schemes { add("scheme_cost", cost, "PKR/year", "scheme", scheme) }
        for (scheme, cost) in schemes { add("scheme_cost_pct_gdp", 100 * cost / policy.gdp, "% of GDP", "scheme", scheme) }
        for s in declarations.indices where declarations[s].payer == .socialInsurance {
            add("social_insurance_benefits", schemeCost[s], "PKR/year", "scheme", declarations[s].name)
        }
        add("financing", governmentCost, "PKR/year", "payer", "budget")
        add("financing", employer, "PKR/year", "payer", "employers")
        add("financing", worker, "PKR/year", "payer", "workers")

        // Coverage breakdowns.
        // A contingency whose group is empty in this population (no births in a file
        // without them, say) has no rate and no record.
        for (i, c) in contingencies.enumerated() where contingencyPersons[i] > 0 {
            add("coverage_rate", contingencyCovered[i] / contingencyPersons[i], "/1", "contingency", c.rawValue)
        }
        for sex in Sex.allCases {
            add("coverage_rate", ratio(bySex[Int(sex.rawValue)].covered, bySex[Int(sex.rawValue)].persons), "/1", "sex", sex.code)
        }
        for group in AgeGroup.allCases { add("coverage_rate", ratio(ageGroups[group.rawValue].1, ageGroups[group.rawValue].0), "/1", "age_group", group.code) }
        for province in Province.allCases {
            let i = Int(province.rawValue)
            add("coverage_rate", ratio(provinces[i].1, provinces[i].0), "/1", "province", province.code)
        }
        add("coverage_rate", ratio(areas[0].1, areas[0].0), "/1", "area", "urban")
        add("coverage_rate", ratio(areas[1].1, areas[1].0), "/1", "area", "rural")
        add("coverage_rate", ratio(workerTypes[0].1, workerTypes[0].0), "/1", "worker_type", "informal")
        add("coverage_rate", ratio(workerTypes[1].1, workerTypes[1].0), "/1", "worker_type", "formal")
        for sex in Sex.allCases { add("benefits_received", 12 * bySex[Int(sex.rawValue)].benefits, "PKR/year", "sex", sex.code) }

        // Poverty after policy by group (FGT 0 and 1, as the totals: income per adult
        // equivalent below the line; gap (z − y) ÷ z), so old-age, child and regional
        // poverty can be read beside coverage.
        struct PovertyCell { var persons = 0.0, poor = 0.0, gap = 0.0 }
        var bySexPoverty = [PovertyCell](repeating: .init(), count: Sex.allCases.count)
        var byAge = [PovertyCell](repeating: .init(), count: AgeGroup.allCases.count)
        var byProvince = [PovertyCell](repeating: .init(), count: Province.allCases.count)
        var byArea = [PovertyCell](repeating: .init(), count: 2)
        for h in 0..<hCount {
            let w = householdWeight[h], y = income[h]
            let poor = y < z ? w : 0, gap = y < z ? w * (z - y) / z : 0
            func tally(_ cell: inout PovertyCell) { cell.persons += w; cell.poor += poor; cell.gap += gap }
            for p in population.personRange(h) {
                tally(&bySexPoverty[Int(population.sex[p].rawValue)])
                tally(&byAge[AgeGroup(age: Int(population.age[p])).rawValue])
                tally(&byProvince[Int(population.province[p].rawValue)])
                tally(&byArea[population.urban[p] ? 0 : 1])
            }
        }
        func poverty(_ cells: [PovertyCell], _ breakdown: String, _ group: (Int) -> String) {
            for (i, cell) in cells.enumerated() where cell.persons > 0 {
                add("poverty_headcount_policy", cell.poor / cell.persons, "/1", breakdown, group(i))
                add("poverty_gap_policy", cell.gap / cell.persons, "/1", breakdown, group(i))
            }
        }
        poverty(bySexPoverty, "sex") { Sex.allCases[$0].code }
        poverty(byAge, "age_group") { AgeGroup.allCases[$0].code }
        poverty(byProvince, "province") { Province.allCases[$0].code }
        poverty(byArea, "area") { $0 == 0 ? "urban" : "rural" }

        // Distribution by weighted decile of the welfare measure before the schemes, per
        // adult equivalent (never negative: earnings, other income and consumption ≥ 0, so
        // the clamped and raw orders agree).
        let deciles = marketDistribution.deciles()
        let decilePersons = Scratch(10, 0.0); defer { decilePersons.free() }
        let decileBenefits = Scratch(10, 0.0); defer { decileBenefits.free() }
        let decileGain = Scratch(10, 0.0); defer { decileGain.free() }
        for p in 0..<n {
            let d = Int(deciles[p]) - 1
            guard (0..<10).contains(d) else { continue }
            decilePersons[d] += weight[p]
            decileBenefits[d] += weight[p] * benefitOf[p]
            decileGain[d] += weight[p] * netGainPerPerson[p]
        }
        let totalBenefits = decileBenefits.reduce(0, +)
        for d in 0..<10 { add("benefits_received", 12 * decileBenefits[d], "PKR/year", "decile", "\(d + 1)") }
        for d in 0..<10 { add("average_benefit", ratio(decileBenefits[d], decilePersons[d]), "PKR/month", "decile", "\(d + 1)") }
        for d in 0..<10 { add("net_gain", ratio(decileGain[d], decilePersons[d]), "PKR/month", "decile", "\(d + 1)") }
        for d in 0..<10 { add("benefit_share", totalBenefits > 0 ? decileBenefits[d] / totalBenefits : 0, "/1", "decile", "\(d + 1)") }

        // Adequacy of each scheme's benefit (C102, R202) and enrollees by phase (Adequacy.swift).
        AdequacyRecords.compute(population: population, result: result, policy: policy) { add($0, $1, $2, $3, $4) }

        return IndicatorSet(records: records)
    }
}
