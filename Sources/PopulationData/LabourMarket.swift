import Foundation
import GSLStatistics
import SpsimSupport

/// Step 3 of the synthetic population (see `SyntheticPopulation`): labour status, sector,
/// status in employment, public-sector employer, formality, worker group, earnings,
/// contributory history with EOBI pensioners and their pensions in payment, and the
/// proxy-means score.
///
/// Every decision for person `p` uses a uniform hashed from `(seed, purpose, p)`, turned
/// into a key `logit(u) − log(odds_p)` where `odds_p` is the model's relative odds for
/// that person (from the calibration file). The persons with a key below a threshold get
/// the outcome; the threshold is chosen so the weighted count equals the target
/// (`weightedThreshold`). This is the logistic model `P = odds·k / (1 + odds·k)` with
/// the level `k` calibrated, evaluated on fixed draws, so the result is exactly on
/// target up to one person's weight, and reproducible.
struct LabourMarketBuilder {
    var population: Population
    let seed: UInt64
    let calibration: CalibrationTargets
    let model: PopulationModel
    var personWeight: [Double]
    var employed: [Bool]

    init(population: Population, seed: UInt64, calibration: CalibrationTargets) {
        self.population = population
        self.seed = seed
        self.calibration = calibration
        self.model = calibration.model
        personWeight = population.personWeights()
        employed = [Bool](repeating: false, count: population.personCount)
    }

    enum Purpose: UInt64 {
        case employment = 101, unemployment, agriculture, industry, employee, nonEmployeeStatus, formal, workerGroup,
             wageNormal1, wageNormal2, tenure, pensionAge, extraYears, pmtNoise1 = 201, pmtNoise2,
             publicSector = 301, shortYears
    }

    /// A uniform in (0, 1), never 0 or 1, from (seed, purpose, index).
    @inline(__always)
    func uniform(_ purpose: Purpose, _ index: Int) -> Double {
        var z = seed &* 0x9E37_79B9_7F4A_7C15
        z ^= (purpose.rawValue &+ 0x632B_E59B_D9B4_E019) &* 0xD1B5_4A32_D192_ED03
        z = StoredDraw.mix(z)
        z ^= UInt64(index) &* 0xBF58_476D_1CE4_E5B9
        z = StoredDraw.mix(z &+ 0x9E37_79B9_7F4A_7C15)
        return (Double(z >> 11) + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    @inline(__always) func logit(_ u: Double) -> Double { log(u / (1 - u)) }

    /// A standard normal from two hashed uniforms (Box–Muller).
    @inline(__always)
    func normal(_ first: Purpose, _ second: Purpose, _ index: Int) -> Double {
        sqrt(-2 * log(uniform(first, index))) * cos(2 * Double.pi * uniform(second, index))
    }

    func bandIndex(_ age: UInt8, _ bands: [[Int]]) -> Int {
        PopulationModel.band(of: Int(age), in: bands) ?? (bands.count - 1)
    }

    mutating func build() throws {
        try employment()
        try unemployment()
        try sectors()
        try statusInEmployment()
        try publicSector()
        try formality()
        assignWorkerGroups()
        try earnings()
        try contributoryHistory()
        // The PMT score is made after income beyond earnings and consumption
        // (`HouseholdIncome.scoreProxyMeans`).
    }

    /// Selects, among `members`, the persons whose key is below the calibrated threshold.
    func select(_ members: [Int32], keys: [Double], target: Double) -> [Int32] {
        let weights = members.map { personWeight[Int($0)] }
        let threshold = weightedThreshold(keys: keys, weights: weights, target: target)
        var chosen: [Int32] = []
        for (i, p) in members.enumerated() where keys[i] < threshold { chosen.append(p) }
        return chosen
    }

    mutating func employment() throws {
        let profile = model.employment_profile
        let workingAge = UInt8(clamping: model.labour_market.working_age_min.value)
        for sex in [Sex.male, .female] {
            let rate = try calibration.value(sex == .male ? "employment_to_population_men" : "employment_to_population_women")
            var members: [Int32] = [], keys: [Double] = []
            var base = 0.0
            for p in 0..<population.personCount where population.sex[p] == sex && population.age[p] >= workingAge {
                let band = bandIndex(population.age[p], profile.bands)
                let e = sex == .male ? profile.men[band] : profile.women[band]
                members.append(Int32(p))
                keys.append(logit(uniform(.employment, p)) - logit(e))
                base += personWeight[p]
            }
            for p in select(members, keys: keys, target: rate * base) { employed[Int(p)] = true }
        }
    }

    mutating func unemployment() throws {
        let odds = model.unemployment_profile.odds
        let workingAge = UInt8(clamping: model.labour_market.working_age_min.value)
        for sex in [Sex.male, .female] {
            let rate = try calibration.value(sex == .male ? "unemployment_rate_men" : "unemployment_rate_women")
            var members: [Int32] = [], keys: [Double] = []
            var employedWeight = 0.0
            for p in 0..<population.personCount where population.sex[p] == sex && population.age[p] >= workingAge {
                if employed[p] { employedWeight += personWeight[p]; continue }
                members.append(Int32(p))
                keys.append(logit(uniform(.unemployment, p)) - log(odds[bandIndex(population.age[p], model.employment_profile.bands)]))
            }
            for p in select(members, keys: keys, target: employedWeight * rate / (1 - rate)) { population.labourStatus[Int(p)] = .unemployed }
        }
    }

    mutating func sectors() throws {
        let share = try calibration.value("agriculture_share_of_employment")
        let odds = model.agriculture_odds
        var members: [Int32] = [], keys: [Double] = []
        var base = 0.0
        for p in 0..<population.personCount where employed[p] {
            let o = (population.urban[p] ? odds.urban : odds.rural) * (population.sex[p] == .female ? odds.women_multiplier : 1)
            members.append(Int32(p))
            keys.append(logit(uniform(.agriculture, p)) - log(o))
            base += personWeight[p]
        }
        var agriculture = [Bool](repeating: false, count: population.personCount)
        for p in select(members, keys: keys, target: share * base) { agriculture[Int(p)] = true }
        for p in 0..<population.personCount where employed[p] {
            if agriculture[p] {
                population.sector[p] = .agriculture
            } else {
                let industryShare = population.sex[p] == .male ? model.industry_share_of_nonagricultural.men : model.industry_share_of_nonagricultural.women
                population.sector[p] = uniform(.industry, p) < industryShare ? .industry : .services
            }
        }
    }

    mutating func statusInEmployment() throws {
        let share = try calibration.value("employee_share_of_employment")
        let odds = model.employee_odds
        var members: [Int32] = [], keys: [Double] = []
        var base = 0.0
        for p in 0..<population.personCount where employed[p] {
            let sectorOdds: Double
            switch population.sector[p] {
            case .agriculture: sectorOdds = odds.agriculture
            case .industry: sectorOdds = odds.industry
            default: sectorOdds = odds.services
            }
            members.append(Int32(p))
            keys.append(logit(uniform(.employee, p)) - log(sectorOdds * (population.sex[p] == .female ? odds.women_multiplier : 1)))
            base += personWeight[p]
        }
        var employee = [Bool](repeating: false, count: population.personCount)
        for p in select(members, keys: keys, target: share * base) { employee[Int(p)] = true }
        let shares = model.non_employee_status_shares
        for p in 0..<population.personCount where employed[p] {
            if employee[p] { population.labourStatus[p] = .employee; continue }
            let female = population.sex[p] == .female
            let split = population.sector[p] == .agriculture
                ? (female ? shares.agriculture_women : shares.agriculture_men)
                : (female ? shares.other_women : shares.other_men)
            let total = split.reduce(0, +)
            let u = uniform(.nonEmployeeStatus, p) * total
            population.labourStatus[p] = u < split[0] ? .ownAccount : (u < split[0] + split[1] ? .employer : .unpaidFamily)
        }
    }

    /// Public-sector employees among non-agricultural employees, calibrated to the public
    /// share of all employees; they are formal (set here, counted by `formality`).
    mutating func publicSector() throws {
        let share = try calibration.value("public_sector_share_of_employees")
        let odds = model.public_sector_odds
        var members: [Int32] = [], keys: [Double] = []
        var employees = 0.0
        for p in 0..<population.personCount where population.labourStatus[p] == .employee {
            employees += personWeight[p]
            guard population.sector[p] != .agriculture else { continue }
            let o = (population.sector[p] == .industry ? odds.industry : odds.services)
                * (population.urban[p] ? odds.urban_multiplier : 1) * (population.sex[p] == .female ? odds.women_multiplier : 1)
            members.append(Int32(p))
            keys.append(logit(uniform(.publicSector, p)) - log(o))
        }
        for p in select(members, keys: keys, target: share * employees) {
            population.publicSector[Int(p)] = true
            population.formal[Int(p)] = true
        }
    }

    mutating func formality() throws {
        let informal = try calibration.value("informal_share_nonagricultural")
        let odds = model.formal_odds
        var members: [Int32] = [], keys: [Double] = []
        var base = 0.0, alreadyFormal = 0.0
        for p in 0..<population.personCount where employed[p] && population.sector[p] != .agriculture {
            base += personWeight[p]
            if population.publicSector[p] { alreadyFormal += personWeight[p]; continue }
            let statusOdds: Double
            switch population.labourStatus[p] {
            case .employee: statusOdds = odds.employee
            case .employer: statusOdds = odds.employer
            case .ownAccount: statusOdds = odds.own_account
            default: statusOdds = 0
            }
            guard statusOdds > 0 else { continue }
            members.append(Int32(p))
            keys.append(logit(uniform(.formal, p)) - log(statusOdds * (population.urban[p] ? odds.urban_multiplier : 1)))
        }
        for p in select(members, keys: keys, target: max(0, (1 - informal) * base - alreadyFormal)) { population.formal[Int(p)] = true }
    }

    mutating func assignWorkerGroups() {
        let groups = model.worker_groups
        for p in 0..<population.personCount where employed[p] && !population.formal[p] {
            let female = population.sex[p] == .female
            let status = population.labourStatus[p]
            if status == .employee && population.sector[p] == .services {
                if uniform(.workerGroup, p) < (female ? groups.domestic_women : groups.domestic_men) { population.workerGroup[p] = .domestic }
            } else if (status == .ownAccount || status == .unpaidFamily) && population.sector[p] == .industry {
                if uniform(.workerGroup, p) < (female ? groups.home_based_women : groups.home_based_men) { population.workerGroup[p] = .homeBased }
            }
        }
    }

    /// Log-wage offset of person p (before the sex level and the random term).
    func wageOffset(_ p: Int) -> Double {
        let w = model.wage_model
        var offset = population.formal[p] ? w.formal_offset : 0
        switch population.sector[p] {
        case .agriculture: offset += w.agriculture_offset
        case .industry: offset += w.industry_offset
        default: offset += w.services_offset
        }
        if population.urban[p] { offset += w.urban_offset }
        return offset
    }

    mutating func earnings() throws {
        let minimumWage = model.minimum_wage_2018_19.value
        let targetShare = try calibration.value("share_below_minimum_wage")
        let targetMean = [try calibration.value("mean_wage_women"), try calibration.value("mean_wage_men")]
        var employees: [Int32] = [], offsets: [Double] = [], normals: [Double] = [], weights: [Double] = [], isMale: [Bool] = []
        for p in 0..<population.personCount where population.labourStatus[p] == .employee {
            employees.append(Int32(p))
            offsets.append(wageOffset(p))
            normals.append(normal(.wageNormal1, .wageNormal2, p))
            weights.append(personWeight[p])
            isMale.append(population.sex[p] == .male)
        }
        guard !employees.isEmpty else { return }
        /// For a dispersion sigma: the level per sex that meets the mean wage, and the share below the minimum wage.
        func evaluate(_ sigma: Double) -> (share: Double, level: [Double]) {
            var sum = [0.0, 0.0], weight = [0.0, 0.0]
            for i in 0..<employees.count {
                let s = isMale[i] ? 1 : 0
                sum[s] += weights[i] * exp(offsets[i] + sigma * normals[i])
                weight[s] += weights[i]
            }
            let level = (0..<2).map { s in sum[s] > 0 ? targetMean[s] / (sum[s] / weight[s]) : 1 }
            let cut = level.map { log(minimumWage / $0) }
            var below = 0.0
            for i in 0..<employees.count where offsets[i] + sigma * normals[i] < cut[isMale[i] ? 1 : 0] { below += weights[i] }
            return (below / (weight[0] + weight[1]), level)
        }
        // sigma where the share below the minimum wage crosses its target (the share rises
        // with sigma): Brent's method within the search interval (nearer end when outside).
        let sigma = try model.labour_market.wage_dispersion_search.crossing(of: targetShare) { evaluate($0).share }
        let level = evaluate(sigma).level
        let uprating = model.wage_uprating_to_base_year.value
        let selfEmployment = model.self_employment_earnings
        for p in 0..<population.personCount where employed[p] {
            let factor: Double
            switch population.labourStatus[p] {
            case .employee: factor = 1
            case .ownAccount: factor = selfEmployment.own_account
            case .employer: factor = selfEmployment.employer
            default: factor = 0
            }
            guard factor > 0 else { continue }
            let male = population.sex[p] == .male
            let value = factor * level[male ? 1 : 0] * exp(wageOffset(p) + sigma * normal(.wageNormal1, .wageNormal2, p))
            population.monthlyEarnings[p] = (value * uprating).rounded()
        }
    }

    /// Contributory years and EOBI pensioners.
    ///
    /// Private formal employees below pension age: years = U(tenure_share_min,
    /// tenure_share_max) × (age − career_start_age). Public employees have none. The
    /// pensioners are drawn among everyone at pension age except public employees (odds
    /// for men, urban, and — lower — still employed), as many as `eobi_pensioners`; they get
    /// 15 + U{0…extra_years_max} years (at most the years since career_start_age) and a
    /// pension in payment (`PensionAwards.pension`, awarded the year they reached pension
    /// age). Private formal employees at pension age who are not drawn get
    /// U{0…minimum − 1} years (at most their tenure), so they are not pensioners.
    mutating func contributoryHistory() throws {
        let history = model.contributory_history
        let awards = model.pension_awards
        let start = history.career_start_age
        func pensionAge(_ p: Int) -> Int { population.sex[p] == .male ? history.pension_age_men : history.pension_age_women }
        var tenure = [Int](repeating: 0, count: population.personCount)
        for p in 0..<population.personCount where population.labourStatus[p] == .employee && population.formal[p] && !population.publicSector[p] && Int(population.age[p]) > start {
            let share = history.tenure_share_min + (history.tenure_share_max - history.tenure_share_min) * uniform(.tenure, p)
            tenure[p] = min(100, Int((share * Double(Int(population.age[p]) - start)).rounded(.down)))
            if Int(population.age[p]) < pensionAge(p) { population.contributoryYears[p] = UInt16(tenure[p]) }
        }
        let target = try calibration.value("eobi_pensioners")
        var members: [Int32] = [], keys: [Double] = []
        for p in 0..<population.personCount where Int(population.age[p]) >= pensionAge(p) && !population.publicSector[p] {
            let odds = (population.sex[p] == .male ? history.men_odds : 1) * (population.urban[p] ? history.urban_odds : 1)
                * (population.labourStatus[p].isEmployed ? history.employed_odds : 1)
            members.append(Int32(p))
            keys.append(logit(uniform(.pensionAge, p)) - log(odds))
        }
        var pensioner = [Bool](repeating: false, count: population.personCount)
        for p in select(members, keys: keys, target: target) {
            let i = Int(p)
            pensioner[i] = true
            let years = history.pension_minimum_years + Int(uniform(.extraYears, i) * Double(history.extra_years_max + 1))
            let cap = max(history.pension_minimum_years, Int(population.age[i]) - start)
            let awarded = min(years, cap)
            population.contributoryYears[i] = UInt16(awarded)
            let awardYear = awards.base_year.value - (Int(population.age[i]) - pensionAge(i))
            population.pensionInPayment[i] = Float(awards.pension(awardYear: awardYear, years: awarded))
        }
        for p in 0..<population.personCount where tenure[p] > 0 && !pensioner[p] && Int(population.age[p]) >= pensionAge(p) {
            let short = Int(uniform(.shortYears, p) * Double(history.pension_minimum_years))
            population.contributoryYears[p] = UInt16(max(0, min(tenure[p], short, history.pension_minimum_years - 1)))
        }
    }
}

/// The threshold `t` for which the total weight of the items with `key < t` is as close
/// as possible to `target` (ties in keys have probability zero for continuous keys).
///
/// A 65,536-bin weighted histogram of the keys locates the bin where the cumulative
/// weight crosses the target; that bin's items are sorted to place the threshold between
/// two neighbouring keys. Sums run in index order, so the result is deterministic.
/// Returns a value below every key when `target ≤ 0`, above every key when `target` is
/// at least the total weight.
func weightedThreshold(keys: [Double], weights: [Double], target: Double) -> Double {
    guard let lowest = keys.min(), let highest = keys.max() else { return 0 }
    if target <= 0 { return lowest }
    let total = weights.reduce(0, +)
    if target >= total || highest == lowest { return target >= total / 2 ? highest.nextUp : lowest }
    let binCount = 1 << 16
    let scale = Double(binCount) / (highest - lowest)
    @inline(__always) func bin(_ key: Double) -> Int { min(binCount - 1, Int((key - lowest) * scale)) }
    var histogram = [Double](repeating: 0, count: binCount)
    for i in keys.indices { histogram[bin(keys[i])] += weights[i] }
    var cumulative = 0.0
    var crossing = binCount - 1
    for b in 0..<binCount {
        if cumulative + histogram[b] > target { crossing = b; break }
        cumulative += histogram[b]
    }
    var inBin: [(key: Double, weight: Double)] = []
    for i in keys.indices where bin(keys[i]) == crossing { inBin.append((keys[i], weights[i])) }
    inBin.sort { $0.key < $1.key }
    for item in inBin {
        if abs(cumulative + item.weight - target) < abs(cumulative - target) {
            cumulative += item.weight
        } else {
            return item.key
        }
    }
    return (inBin.last?.key ?? lowest).nextUp
}
