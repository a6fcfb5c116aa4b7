import Foundation

/// The weighted figures of a population that calibration targets refer to, by target key.
///
/// Definitions (weights are household weights, counted once per person for person
/// measures):
/// - `population`: Σ person weights; `households`: Σ household weights;
///   `mean_household_size` = population ÷ households.
/// - `urban_share`, `province_share_XX`, `age_share_*`: shares of the population.
/// - `sex_ratio`: men per 100 women; `sex_ratio_65_plus`: the same among persons 65 and over.
/// - Labour measures use persons aged 10 and over (the LFS base): employment-to-population
///   = employed ÷ persons 10+; unemployment rate = unemployed ÷ (employed + unemployed);
///   agriculture, employee shares: of the employed; informal share of non-agricultural
///   employment = employed outside agriculture with `formal = 0` ÷ employed outside
///   agriculture.
/// - Wages: employees' `monthly_earnings` divided by the model's
///   `wage_uprating_to_base_year` (base-year to 2018-19 prices); `mean_wage*` is the
///   weighted mean over employees; `share_below_minimum_wage` the weighted share of
///   employees under `minimum_wage_2018_19`.
/// - `kafaalat_eligible_share`: households with `pmt_score ≤ kafaalat_cutoff`, as a
///   share of households.
/// - `public_sector_share_of_employees`: employees with `public_sector = 1` ÷ employees.
/// - `eobi_pensioners`: persons at the EOBI pension age for their sex with at least the
///   minimum contributory years (the pensioners of every kind the model represents).
/// A measure with an empty base (e.g. no employees) is NaN.
public enum PopulationMeasures {
    public static let keys: [String] = [
        "population", "households", "mean_household_size", "urban_share",
        "province_share_PB", "province_share_SD", "province_share_KP", "province_share_BA", "province_share_IS",
        "age_share_under_15", "age_share_15_64", "age_share_65_plus", "sex_ratio", "sex_ratio_65_plus",
        "employment_to_population", "employment_to_population_men", "employment_to_population_women",
        "unemployment_rate", "unemployment_rate_men", "unemployment_rate_women",
        "agriculture_share_of_employment", "informal_share_nonagricultural", "employee_share_of_employment",
        "mean_wage", "mean_wage_men", "mean_wage_women", "share_below_minimum_wage",
        "kafaalat_eligible_share", "public_sector_share_of_employees", "eobi_pensioners",
    ] + HouseholdIncome.measureKeys

    /// Every measure of `population`, keyed as in `keys`.
    public static func compute(_ population: Population, model: PopulationModel) -> [String: Double] {
        var persons = 0.0, urban = 0.0, men = 0.0, women = 0.0, oldMen = 0.0, oldWomen = 0.0
        var province = [Double](repeating: 0, count: Province.allCases.count)
        var ageGroups = [0.0, 0.0, 0.0]
        var tenPlus = [0.0, 0.0], employed = [0.0, 0.0], unemployed = [0.0, 0.0]
        var agriculture = 0.0, employees = 0.0, nonAgricultural = 0.0, informalNonAgricultural = 0.0
        var wageSum = [0.0, 0.0], wageWeight = [0.0, 0.0], belowMinimum = 0.0
        var pensioners = 0.0, publicEmployees = 0.0
        var households = 0.0, eligible = 0.0
        let uprating = model.wage_uprating_to_base_year.value
        let minimumWage = model.minimum_wage_2018_19.value
        let history = model.contributory_history
        for h in 0..<population.householdCount {
            let w = population.householdWeight[h]
            households += w
            if population.pmtScore[h] <= model.pmt_model.kafaalat_cutoff { eligible += w }
            for p in population.personRange(h) {
                persons += w
                let age = Int(population.age[p])
                let s = population.sex[p] == .male ? 1 : 0
                if s == 1 { men += w } else { women += w }
                if population.urban[p] { urban += w }
                province[Int(population.province[p].rawValue)] += w
                ageGroups[age < 15 ? 0 : (age < 65 ? 1 : 2)] += w
                if age >= 65 { if s == 1 { oldMen += w } else { oldWomen += w } }
                let pensionAge = s == 1 ? history.pension_age_men : history.pension_age_women
                if age >= pensionAge && Int(population.contributoryYears[p]) >= history.pension_minimum_years { pensioners += w }
                guard age >= 10 else { continue }
                tenPlus[s] += w
                let status = population.labourStatus[p]
                if status == .unemployed { unemployed[s] += w }
                guard status.isEmployed else { continue }
                employed[s] += w
                if population.sector[p] == .agriculture {
                    agriculture += w
                } else {
                    nonAgricultural += w
                    if !population.formal[p] { informalNonAgricultural += w }
                }
                if status == .employee {
                    employees += w
                    if population.publicSector[p] { publicEmployees += w }
                    let wage = population.monthlyEarnings[p] / uprating
                    wageSum[s] += w * wage
                    wageWeight[s] += w
                    if wage < minimumWage { belowMinimum += w }
                }
            }
        }
        func ratio(_ a: Double, _ b: Double) -> Double { b > 0 ? a / b : .nan }
        let allEmployed = employed[0] + employed[1]
        var result: [String: Double] = [
            "population": persons,
            "households": households,
            "mean_household_size": ratio(persons, households),
            "urban_share": ratio(urban, persons),
            "age_share_under_15": ratio(ageGroups[0], persons),
            "age_share_15_64": ratio(ageGroups[1], persons),
            "age_share_65_plus": ratio(ageGroups[2], persons),
            "sex_ratio": 100 * ratio(men, women),
            "sex_ratio_65_plus": 100 * ratio(oldMen, oldWomen),
            "employment_to_population": ratio(allEmployed, tenPlus[0] + tenPlus[1]),
            "employment_to_population_men": ratio(employed[1], tenPlus[1]),
            "employment_to_population_women": ratio(employed[0], tenPlus[0]),
            "unemployment_rate": ratio(unemployed[0] + unemployed[1], allEmployed + unemployed[0] + unemployed[1]),
            "unemployment_rate_men": ratio(unemployed[1], employed[1] + unemployed[1]),
            "unemployment_rate_women": ratio(unemployed[0], employed[0] + unemployed[0]),
            "agriculture_share_of_employment": ratio(agriculture, allEmployed),
            "informal_share_nonagricultural": ratio(informalNonAgricultural, nonAgricultural),
            "employee_share_of_employment": ratio(employees, allEmployed),
            "mean_wage": ratio(wageSum[0] + wageSum[1], wageWeight[0] + wageWeight[1]),
            "mean_wage_men": ratio(wageSum[1], wageWeight[1]),
            "mean_wage_women": ratio(wageSum[0], wageWeight[0]),
            "share_below_minimum_wage": ratio(belowMinimum, employees),
            "kafaalat_eligible_share": ratio(eligible, households),
            "public_sector_share_of_employees": ratio(publicEmployees, employees),
            "eobi_pensioners": pensioners,
        ]
        for p in Province.allCases { result["province_share_\(p.code)"] = ratio(province[Int(p.rawValue)], persons) }
        result.merge(HouseholdIncome.measures(population, model: model)) { current, _ in current }
        return result
    }

    /// One row of a validation table.
    public struct Comparison: Sendable {
        public var target: CalibrationTarget
        public var measured: Double
        /// (measured − target) ÷ target; NaN when the target is 0 or the measure undefined.
        public var relativeGap: Double
        /// Calibrated and off by more than `tolerance`.
        public var isOff: Bool
    }

    /// Every target of `calibration` against `population`.
    public static func compare(_ population: Population, with calibration: CalibrationTargets, tolerance: Double = 0.02) -> [Comparison] {
        let measures = compute(population, model: calibration.model)
        return calibration.targets.map { target in
            let measured = measures[target.key] ?? .nan
            let gap = target.value != 0 ? (measured - target.value) / target.value : .nan
            let off = target.calibrated && !(abs(gap) <= tolerance)
            return Comparison(target: target, measured: measured, relativeGap: gap, isOff: off)
        }
    }
}
