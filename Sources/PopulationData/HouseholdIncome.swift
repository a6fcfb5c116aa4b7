// Household income beyond earnings, household consumption and the proxy-means score
// built on consumption: the step of the synthetic population after the labour market
// (docs/population.md, "Income beyond earnings and consumption").
import Foundation
import GSLStatistics
import SpsimSupport

/// Coefficients of the income and consumption model (`model.household_income` in the
/// calibration file). Shapes are assumptions with their source; the levels are calibrated
/// to HIES 2018-19 (`HouseholdIncome.targetKeys`).
public struct HouseholdIncomeModel: Codable, Sendable {
    public typealias Quantity = PopulationModel.Quantity
    /// Shares of income beyond earnings, nationally, by component (they are normalised).
    public var self_employment_share: Quantity
    public var remittance_share: Quantity
    public var property_share: Quantity
    public var transfer_share: Quantity
    /// Self-employment income beyond earnings: relative amount of a rural household, and
    /// the extra per member working in agriculture.
    public var self_employment_rural_multiplier: Quantity
    public var self_employment_per_agricultural_worker: Quantity
    /// Share of households receiving remittances.
    public var remittance_receiving_share: Quantity
    /// Property income (rent, imputed rent): relative amount of an urban household.
    public var property_urban_multiplier: Quantity
    /// Other transfers: relative odds of receiving one with a member aged 60 or over, and
    /// the share of households receiving one otherwise.
    public var transfer_receiving_share: Quantity
    public var transfer_older_member_multiplier: Quantity
    /// Standard deviation of log amounts of each component (lognormal, mean 1).
    public var component_dispersion: Quantity
    /// Elasticity of consumption per adult equivalent to income per adult equivalent.
    public var consumption_income_elasticity: Quantity
    /// Interval searched for the dispersion of log consumption around its expectation.
    public var consumption_dispersion_search: PopulationModel.Interval
    /// The official poverty line at 2018-19 prices, per adult equivalent a month.
    public var poverty_line_2018_19: Quantity
    /// Adult-equivalence scale of the official measure: a person under `adult_age` counts
    /// `child_weight` (adults 1).
    public var adult_equivalent_child_weight: Quantity
    public var adult_equivalent_adult_age: PopulationModel.WholeQuantity

    func check(file: String) throws {
        func fail(_ key: String, _ problem: String, _ value: Double, _ fix: String) -> InputError {
            InputError(file: file, column: "model.household_income.\(key)", problem: problem, value: "\(value)", fix: fix)
        }
        let shares = [("self_employment_share", self_employment_share), ("remittance_share", remittance_share), ("property_share", property_share), ("transfer_share", transfer_share)]
        for (key, q) in shares where !(q.value.isFinite && q.value >= 0) { throw fail(key, "must be a share of 0 or more", q.value, "write a number from 0 to 1") }
        guard shares.map(\.1.value).reduce(0, +) > 0 else { throw fail("self_employment_share", "the four component shares are all 0", 0, "give at least one component a positive share") }
        for (key, q) in [("remittance_receiving_share", remittance_receiving_share), ("transfer_receiving_share", transfer_receiving_share),
                         ("adult_equivalent_child_weight", adult_equivalent_child_weight)] where !(q.value > 0 && q.value <= 1) {
            throw fail(key, "must be above 0 and at most 1", q.value, "write a share above 0")
        }
        for (key, q) in [("self_employment_rural_multiplier", self_employment_rural_multiplier), ("self_employment_per_agricultural_worker", self_employment_per_agricultural_worker),
                         ("property_urban_multiplier", property_urban_multiplier), ("transfer_older_member_multiplier", transfer_older_member_multiplier),
                         ("poverty_line_2018_19", poverty_line_2018_19)] where !(q.value.isFinite && q.value >= 0) {
            throw fail(key, "must be a number of 0 or more", q.value, "correct the value")
        }
        guard component_dispersion.value >= 0, component_dispersion.value <= 3 else { throw fail("component_dispersion", "must be from 0 to 3", component_dispersion.value, "give a standard deviation of log amounts") }
        guard consumption_income_elasticity.value > 0, consumption_income_elasticity.value <= 1.5 else { throw fail("consumption_income_elasticity", "must be above 0 and at most 1.5", consumption_income_elasticity.value, "give an elasticity such as 0.6") }
        let search = consumption_dispersion_search
        guard search.from.isFinite, search.to.isFinite, search.from >= 0, search.from < search.to else { throw fail("consumption_dispersion_search", "must be an interval 0 ≤ from < to", search.from, "give from and to") }
        guard poverty_line_2018_19.value > 0 else { throw fail("poverty_line_2018_19", "must be above 0", poverty_line_2018_19.value, "give the line per adult equivalent") }
    }
}

/// The income and consumption model. Money is computed at 2018-19 prices (the HIES
/// targets) and stored × `wage_uprating_to_base_year`, the price base of `monthlyEarnings`.
public enum HouseholdIncome {
    /// The provinces with a published HIES 2018-19 mean; Islamabad's level closes the national mean.
    static let targetProvinces: [Province] = [.punjab, .sindh, .khyberPakhtunkhwa, .balochistan]

    /// Calibration-target keys this model computes (`PopulationMeasures.keys`).
    public static let measureKeys: [String] = [
        "mean_household_income", "mean_household_income_PB", "mean_household_income_SD", "mean_household_income_KP", "mean_household_income_BA",
        "mean_household_consumption", "wage_share_of_household_income",
        "household_income_quintile_1", "household_income_quintile_2", "household_income_quintile_3", "household_income_quintile_4", "household_income_quintile_5",
        "poverty_headcount_consumption",
    ]

    /// Draw purposes (hashed with the seed and the household identifier).
    enum Purpose: UInt64 { case selfEmployment = 301, remittanceReceives, remittanceAmount, property, transferReceives, transferAmount, consumption1, consumption2, pmt1, pmt2 }

    /// A uniform in (0, 1) from (seed, purpose, household identifier).
    @inline(__always) static func uniform(_ seed: UInt64, _ purpose: Purpose, _ id: Int64) -> Double {
        var z = seed &* 0x9E37_79B9_7F4A_7C15
        z ^= (purpose.rawValue &+ 0x632B_E59B_D9B4_E019) &* 0xD1B5_4A32_D192_ED03
        z = StoredDraw.mix(z)
        z ^= UInt64(bitPattern: id) &* 0xBF58_476D_1CE4_E5B9
        z = StoredDraw.mix(z &+ 0x9E37_79B9_7F4A_7C15)
        return (Double(z >> 11) + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    @inline(__always) static func normal(_ seed: UInt64, _ a: Purpose, _ b: Purpose, _ id: Int64) -> Double {
        sqrt(-2 * log(uniform(seed, a, id))) * cos(2 * Double.pi * uniform(seed, b, id))
    }

    /// Adult equivalents of every household under the model's scale.
    static func adultEquivalents(_ population: Population, _ m: HouseholdIncomeModel) -> [Double] {
        (0..<population.householdCount).map { h in
            population.personRange(h).reduce(0.0) { $0 + (Int(population.age[$1]) >= m.adult_equivalent_adult_age.value ? 1 : m.adult_equivalent_child_weight.value) }
        }
    }

    /// Fills the four income columns and consumption (when `replaceIncome`/`replaceConsumption`),
    /// then the PMT score from consumption (when `scorePMT`).
    ///
    /// 1. Component shapes per household h (2018-19 prices, before levels): self-employment
    ///    = (rural multiplier if rural) × (1 + per-worker term × members in agriculture);
    ///    remittances: received with a probability (the national share) × amount; property
    ///    = (urban multiplier if urban) × √size; transfers: received with a probability
    ///    raised for a member aged 60+. Every amount × a lognormal of mean 1.
    /// 2. Levels by province, in closed form: income beyond earnings = L_prov × Σ share_c ×
    ///    shape_c ÷ (national mean shape_c), with L_prov such that the weighted mean
    ///    household income (earnings + beyond) equals the province's HIES mean; Islamabad's
    ///    level closes the national mean (Punjab's level when that would be implausible,
    ///    in populations of a few hundred households).
    /// 3. Consumption per adult equivalent = k × (income per AE)^elasticity × exp(σ·N): for
    ///    each σ, k meets the mean consumption; σ is found by Brent's method so that the
    ///    share of persons below the 2018-19 poverty line is the published headcount.
    /// - Parameter imputing: an imported population (its earnings may be at other prices
    ///   or far from the wage targets): a province whose mean earnings already exceed its
    ///   income target gets no income beyond earnings instead of an error.
    /// - Throws: `InputError` when a target is missing or (when not imputing) cannot be met.
    public static func assign(_ population: inout Population, calibration: CalibrationTargets, seed: UInt64,
                              replaceIncome: Bool = true, replaceConsumption: Bool = true, scorePMT: Bool = true, imputing: Bool = false) throws {
        let model = calibration.model
        guard let m = model.household_income else {
            throw InputError(file: calibration.file, column: "model.household_income", problem: "the income and consumption model is missing", fix: "add model.household_income as in the bundled calibration-pakistan.yaml")
        }
        let h = population.householdCount
        let uprating = model.wage_uprating_to_base_year.value
        let weight = population.householdWeight
        var earnings = [Double](repeating: 0, count: h)
        for i in 0..<h { for p in population.personRange(i) { earnings[i] += population.monthlyEarnings[p] / uprating } }

        if replaceIncome || population.selfEmploymentIncome.count != h {
            let sigma = m.component_dispersion.value
            let shareTotal = m.self_employment_share.value + m.remittance_share.value + m.property_share.value + m.transfer_share.value
            var shapes = [[Double]](repeating: [Double](repeating: 0, count: h), count: 4)
            for i in 0..<h {
                let id = population.householdID[i], range = population.personRange(i), first = range.lowerBound
                var agricultural = 0, older = false
                for p in range {
                    if population.sector[p] == .agriculture && population.labourStatus[p].isEmployed { agricultural += 1 }
                    if population.age[p] >= 60 { older = true }
                }
                func lognormal(_ purpose: Purpose) -> Double {
                    let u = uniform(seed, purpose, id)
                    return exp(sigma * inverseNormal(u) - sigma * sigma / 2)
                }
                let rural = !population.urban[first]
                shapes[0][i] = (rural ? m.self_employment_rural_multiplier.value : 1) * (1 + m.self_employment_per_agricultural_worker.value * Double(agricultural)) * lognormal(.selfEmployment)
                shapes[1][i] = uniform(seed, .remittanceReceives, id) < m.remittance_receiving_share.value ? lognormal(.remittanceAmount) : 0
                shapes[2][i] = (rural ? 1 : m.property_urban_multiplier.value) * sqrt(Double(range.count)) * lognormal(.property)
                let transferShare = min(1, m.transfer_receiving_share.value * (older ? m.transfer_older_member_multiplier.value : 1))
                shapes[3][i] = uniform(seed, .transferReceives, id) < transferShare ? lognormal(.transferAmount) : 0
            }
            // Normalise each component to a weighted national mean of its share.
            let totalWeight = weight.reduce(0, +)
            let shares = [m.self_employment_share.value, m.remittance_share.value, m.property_share.value, m.transfer_share.value].map { $0 / shareTotal }
            for c in 0..<4 {
                var mean = 0.0
                for i in 0..<h { mean += weight[i] * shapes[c][i] }
                mean /= totalWeight
                for i in 0..<h { shapes[c][i] = mean > 0 ? shapes[c][i] * shares[c] / mean : 0 }
            }
            // Levels by province (closed form).
            var earningsSum = [Double](repeating: 0, count: Province.allCases.count), shapeSum = earningsSum, weightSum = earningsSum
            for i in 0..<h {
                let k = Int(population.province[population.personRange(i).lowerBound].rawValue)
                earningsSum[k] += weight[i] * earnings[i]
                shapeSum[k] += weight[i] * (shapes[0][i] + shapes[1][i] + shapes[2][i] + shapes[3][i])
                weightSum[k] += weight[i]
            }
            var level = [Double](repeating: 0, count: Province.allCases.count)
            var targetTotal = 0.0
            for province in targetProvinces {
                let k = Int(province.rawValue)
                let target = try calibration.value("mean_household_income_\(province.code)")
                targetTotal += target * weightSum[k]
                guard weightSum[k] > 0 else { continue }
                level[k] = try positiveLevel(target * weightSum[k] - earningsSum[k], shapeSum[k], province.label, calibration, imputing)
            }
            let national = try calibration.value("mean_household_income")
            let rest = Province.allCases.filter { !targetProvinces.contains($0) }
            let restWeight = rest.reduce(0.0) { $0 + weightSum[Int($1.rawValue)] }
            if restWeight > 0 {
                let restEarnings = rest.reduce(0.0) { $0 + earningsSum[Int($1.rawValue)] }
                let restShape = rest.reduce(0.0) { $0 + shapeSum[Int($1.rawValue)] }
                // Islamabad closes the national mean; in a population too small for that to be
                // a plausible level (not within a quarter to four times Punjab's, e.g. a few
                // Islamabad households with high earnings) it takes Punjab's level instead.
                let punjab = level[Int(Province.punjab.rawValue)]
                let needed = national * totalWeight - targetTotal - restEarnings
                let closing = restShape > 0 ? needed / restShape : 0
                let plausible = closing >= punjab / 4 && closing <= punjab * 4
                for province in rest { level[Int(province.rawValue)] = plausible ? closing : punjab }
            }
            population.selfEmploymentIncome = [Double](repeating: 0, count: h)
            population.remittanceIncome = population.selfEmploymentIncome
            population.propertyIncome = population.selfEmploymentIncome
            population.transferIncome = population.selfEmploymentIncome
            for i in 0..<h {
                let l = level[Int(population.province[population.personRange(i).lowerBound].rawValue)] * uprating
                population.selfEmploymentIncome[i] = (l * shapes[0][i]).rounded()
                population.remittanceIncome[i] = (l * shapes[1][i]).rounded()
                population.propertyIncome[i] = (l * shapes[2][i]).rounded()
                population.transferIncome[i] = (l * shapes[3][i]).rounded()
            }
        }

        let equivalents = adultEquivalents(population, m)
        if replaceConsumption || population.consumption.count != h {
            let meanTarget = try calibration.value("mean_household_consumption")
            let headcountTarget = try calibration.value("poverty_headcount_consumption")
            let line = m.poverty_line_2018_19.value
            let beta = m.consumption_income_elasticity.value
            var base = [Double](repeating: 0, count: h), normals = base, persons = base
            for i in 0..<h {
                let income = earnings[i] + population.otherIncome(i) / uprating
                base[i] = equivalents[i] * pow(max(1, income / equivalents[i]), beta)
                normals[i] = normal(seed, .consumption1, .consumption2, population.householdID[i])
                persons[i] = weight[i] * Double(population.personRange(i).count)
            }
            let totalWeight = weight.reduce(0, +)
            func evaluate(_ sigma: Double) -> (headcount: Double, k: Double) {
                var sum = 0.0
                for i in 0..<h { sum += weight[i] * base[i] * exp(sigma * normals[i]) }
                let k = meanTarget * totalWeight / sum
                var poor = 0.0, all = 0.0
                for i in 0..<h {
                    all += persons[i]
                    if k * base[i] * exp(sigma * normals[i]) / equivalents[i] < line { poor += persons[i] }
                }
                return (poor / all, k)
            }
            let sigma = try m.consumption_dispersion_search.crossing(of: headcountTarget) { evaluate($0).headcount }
            let k = evaluate(sigma).k
            population.consumption = (0..<h).map { (k * base[$0] * exp(sigma * normals[$0]) * uprating).rounded() }
        }
        if scorePMT { try scoreProxyMeans(&population, calibration: calibration, seed: seed) }
    }

    static func positiveLevel(_ needed: Double, _ shape: Double, _ place: String, _ calibration: CalibrationTargets, _ imputing: Bool) throws -> Double {
        guard shape > 0, needed > 0 else {
            if imputing { return 0 }
            throw InputError(file: calibration.file, column: "targets", problem: "the mean household income of \(place) is not above its mean earnings, so no income beyond earnings can meet it",
                             fix: "check the HIES income targets against the wage targets")
        }
        return needed / shape
    }

    /// The proxy-means score from consumption per member and household characteristics:
    /// index = log(floor + consumption per member, 2018-19 PKR) + area and province terms +
    /// dependency term + formal-worker term + noise; score = cut-off + slope × (index − q),
    /// q the weighted quantile at the Kafaalat-eligible share (so the share at or under the
    /// cut-off is calibrated), clamped to 0–100.
    public static func scoreProxyMeans(_ population: inout Population, calibration: CalibrationTargets, seed: UInt64) throws {
        let pmt = calibration.model.pmt_model
        let uprating = calibration.model.wage_uprating_to_base_year.value
        let share = try calibration.value("kafaalat_eligible_share")
        let h = population.householdCount
        var index = [Double](repeating: 0, count: h)
        var total = 0.0
        for i in 0..<h {
            let range = population.personRange(i), first = range.lowerBound
            var dependants = 0, formalWorker = false
            for p in range {
                if population.age[p] < 15 || population.age[p] >= 65 { dependants += 1 }
                if population.formal[p] && population.labourStatus[p] == .employee { formalWorker = true }
            }
            let size = Double(range.count)
            let noise = normal(seed, .pmt1, .pmt2, population.householdID[i])
            index[i] = log(pmt.income_floor + population.consumption[i] / uprating / size)
                + (population.urban[first] ? pmt.urban : 0)
                + pmt.province[Int(population.province[first].rawValue)]
                + pmt.dependants_per_member * Double(dependants) / size
                + (formalWorker ? pmt.formal_worker : 0)
                + pmt.noise_sd * noise
            total += population.householdWeight[i]
        }
        let threshold = weightedThreshold(keys: index, weights: population.householdWeight, target: share * total)
        let cutoff = pmt.kafaalat_cutoff
        for i in 0..<h {
            let score = ((cutoff + pmt.slope * (index[i] - threshold)) * 100).rounded() / 100
            population.pmtScore[i] = index[i] < threshold ? min(cutoff, max(0, score)) : max(min(100, cutoff + 0.01), min(100, score))
        }
    }

    /// The income and consumption measures of `PopulationMeasures` (2018-19 prices).
    /// Quintiles: persons ranked by household consumption per adult equivalent, five
    /// groups of equal weighted persons; a quintile's value is the household-weighted mean
    /// household income of the households whose members fall in it (HIES reports
    /// household means by quintile of persons, so they need not average to the mean).
    static func measures(_ population: Population, model: PopulationModel) -> [String: Double] {
        let h = population.householdCount
        guard h > 0, population.consumption.count == h, population.selfEmploymentIncome.count == h, let m = model.household_income else { return [:] }
        let uprating = model.wage_uprating_to_base_year.value
        let equivalents = adultEquivalents(population, m)
        var income = [Double](repeating: 0, count: h), wages = 0.0, totalIncome = 0.0, consumption = 0.0, households = 0.0
        var byProvince = [(Double, Double)](repeating: (0, 0), count: Province.allCases.count)
        var poor = 0.0, persons = 0.0
        for i in 0..<h {
            let w = population.householdWeight[i], range = population.personRange(i)
            var y = population.otherIncome(i)
            for p in range {
                y += population.monthlyEarnings[p]
                if population.labourStatus[p] == .employee { wages += w * population.monthlyEarnings[p] }
            }
            income[i] = y / uprating
            totalIncome += w * y
            households += w
            consumption += w * population.consumption[i] / uprating
            let k = Int(population.province[range.lowerBound].rawValue)
            byProvince[k].0 += w * income[i]; byProvince[k].1 += w
            let n = w * Double(range.count)
            persons += n
            if population.consumption[i] / uprating / equivalents[i] < m.poverty_line_2018_19.value { poor += n }
        }
        var result: [String: Double] = [
            "mean_household_income": totalIncome / uprating / households,
            "mean_household_consumption": consumption / households,
            "wage_share_of_household_income": totalIncome > 0 ? wages / totalIncome : .nan,
            "poverty_headcount_consumption": poor / persons,
        ]
        for province in targetProvinces {
            let cell = byProvince[Int(province.rawValue)]
            result["mean_household_income_\(province.code)"] = cell.1 > 0 ? cell.0 / cell.1 : .nan
        }
        // Quintiles of persons by consumption per AE; a household straddling a boundary is
        // split by its persons' weight.
        let order = (0..<h).sorted { population.consumption[$0] / equivalents[$0] < population.consumption[$1] / equivalents[$1] }
        var sums = [Double](repeating: 0, count: 5), weights = sums
        var cumulative = 0.0
        for i in order {
            let w = population.householdWeight[i], size = Double(population.personRange(i).count)
            var remaining = w * size
            while remaining > 1e-12 {
                let q = min(4, Int(cumulative / persons * 5))
                let room = q == 4 ? remaining : max(0, Double(q + 1) * persons / 5 - cumulative)
                let part = min(remaining, room > 0 ? room : remaining)
                sums[q] += part / size * income[i]
                weights[q] += part / size
                cumulative += part
                remaining -= part
            }
        }
        for q in 0..<5 { result["household_income_quintile_\(q + 1)"] = weights[q] > 0 ? sums[q] / weights[q] : .nan }
        return result
    }
}

/// The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
func inverseNormal(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549671043261380e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    if p < low {
        let q = sqrt(-2 * log(p))
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p > 1 - low {
        let q = sqrt(-2 * log(1 - p))
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    let q = p - 0.5, r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}

extension Population {
    /// The money columns of `base` at another year's prices: earnings × `earnings` (the
    /// nominal wage index), income beyond earnings and consumption × `prices` (the CPI).
    /// The one place a projected or run year's population gets its price level; the
    /// poverty line and the scenario's amounts are indexed to the same year by the scenario.
    public mutating func setPriceLevel(from base: Population, earnings: Double, prices: Double) {
        base.monthlyEarnings.withUnsafeBufferPointer { from in
            monthlyEarnings.withUnsafeMutableBufferPointer { to in
                for p in 0..<from.count { to[p] = from[p] * earnings }
            }
        }
        selfEmploymentIncome = base.selfEmploymentIncome.map { $0 * prices }
        remittanceIncome = base.remittanceIncome.map { $0 * prices }
        propertyIncome = base.propertyIncome.map { $0 * prices }
        transferIncome = base.transferIncome.map { $0 * prices }
        consumption = base.consumption.map { $0 * prices }
    }
}
