import Foundation
import GSLStatistics
import SpsimSupport
import Yams

/// One published figure the synthetic population is built to match (or shown beside).
public struct CalibrationTarget: Codable, Sendable, Equatable {
    /// The measure, one of `PopulationMeasures.keys` (e.g. `urban_share`).
    public var key: String
    /// Short name shown in tables.
    public var label: String
    public var value: Double
    public var unit: String
    /// The year (or survey round) the figure refers to, e.g. "2023" or "2018-19".
    public var year: String
    public var source: String
    /// True when the default population is built to match this figure (and `validate
    /// --strict` checks it within 2%); false for figures shown for information.
    public var calibrated: Bool
}

/// The calibration file: targets with value, year and source, and the coefficients of
/// the synthetic-population model (`PopulationModel`). The default is the bundled
/// `calibration-pakistan.yaml`; a user may pass their own file of the same shape.
public struct CalibrationTargets: Sendable {
    public var baseYear: Int
    public var targets: [CalibrationTarget]
    public var model: PopulationModel
    /// Where the file came from (for messages).
    public var file: String

    public subscript(key: String) -> CalibrationTarget? { targets.first { $0.key == key } }

    /// The value of a target that the generator needs; throws when the file lacks it.
    public func value(_ key: String) throws -> Double {
        guard let target = self[key] else {
            throw InputError(file: file, column: "targets", problem: "the target '\(key)' is missing", fix: "add a target with key '\(key)' (value, unit, year, source, calibrated)")
        }
        return target.value
    }

    /// Where the bundled Pakistan file is (nil if the resource bundle is missing).
    public static var bundledPakistanURL: URL? {
        Bundle.module.url(forResource: "calibration-pakistan", withExtension: "yaml", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: "calibration-pakistan", withExtension: "yaml")
    }

    /// The bundled Pakistan file.
    public static func pakistan() throws -> CalibrationTargets {
        guard let url = bundledPakistanURL else {
            throw InputError(file: "calibration-pakistan.yaml", problem: "the bundled calibration file is missing from the installation", fix: "reinstall spsim (the resource bundle was not copied)")
        }
        return try load(url)
    }

    /// Loads and checks a calibration file.
    public static func load(_ url: URL) throws -> CalibrationTargets {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw InputError(file: url.path, problem: "cannot read the calibration file (\(error.localizedDescription))", fix: "check the path and that the file is UTF-8 text")
        }
        let file: CalibrationFile
        do {
            file = try YAMLDecoder().decode(CalibrationFile.self, from: text)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            throw InputError(file: url.path, column: path, problem: "the key is missing", fix: "add '\(key.stringValue)' (see the bundled calibration-pakistan.yaml for the shape)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw InputError(file: url.path, column: context.codingPath.map(\.stringValue).joined(separator: "."), problem: "the value has the wrong type (\(context.debugDescription))", fix: "write a number, text or list as in the bundled calibration-pakistan.yaml")
        } catch let DecodingError.dataCorrupted(context) {
            throw InputError(file: url.path, column: context.codingPath.map(\.stringValue).joined(separator: "."), problem: "the value cannot be read (\(context.debugDescription))", fix: "correct the value as in the bundled calibration-pakistan.yaml")
        } catch {
            throw InputError(file: url.path, problem: "the file is not valid YAML (\(error))", fix: "correct the YAML syntax (indentation, colons, lists)")
        }
        let result = CalibrationTargets(baseYear: file.base_year, targets: file.targets, model: file.model, file: url.path)
        try result.check()
        return result
    }

    /// Checks values the generator relies on (shares in range, lists of the right length).
    func check() throws {
        func fail(_ key: String, _ problem: String, _ value: String, _ fix: String) -> InputError {
            InputError(file: file, column: key, problem: problem, value: value, fix: fix)
        }
        var seen = Set<String>()
        for target in targets {
            if !seen.insert(target.key).inserted { throw fail("targets.\(target.key)", "the target appears twice", target.key, "keep one entry per key") }
            if !PopulationMeasures.keys.contains(target.key) {
                throw fail("targets.\(target.key)", "unknown target key", target.key, "use one of: \(PopulationMeasures.keys.joined(separator: ", "))")
            }
            if !target.value.isFinite || target.value < 0 { throw fail("targets.\(target.key).value", "the value must be a finite number of 0 or more", "\(target.value)", "correct the value") }
        }
        for key in SyntheticPopulation.requiredTargets where self[key] == nil {
            throw fail("targets", "the target '\(key)' is missing (the generator needs it)", key, "add a target with key '\(key)'")
        }
        try model.check(file: file)
    }
}

/// The file's shape (snake_case keys as written).
struct CalibrationFile: Codable {
    var base_year: Int
    var targets: [CalibrationTarget]
    var model: PopulationModel
}

/// Coefficients of the synthetic-population model (see `calibration-pakistan.yaml` for
/// the meaning and source of each). Shapes are assumptions; levels are calibrated.
public struct PopulationModel: Codable, Sendable {
    public struct Value: Codable, Sendable { public var value: Double; public var source: String? }
    public struct SizeDistribution: Codable, Sendable { public var sizes: [Int]; public var shares: [Double]; public var source: String? }
    public struct SpouseProbability: Codable, Sendable { public var male_head: Double; public var female_head: Double; public var source: String? }
    public struct AgeBands: Codable, Sendable { public var bands: [[Int]]; public var shares: [Double]; public var source: String? }
    public struct ElderParents: Codable, Sendable { public var first: Double; public var second: Double; public var source: String? }
    public struct Children: Codable, Sendable { public var youngest_age_max: Int; public var spacing_min: Int; public var spacing_max: Int; public var source: String? }
    public struct Shares: Codable, Sendable { public var shares: [Double]; public var source: String? }
    public struct Prevalence: Codable, Sendable { public var bands: [[Int]]; public var prevalence: [Double]; public var source: String? }
    public struct EmploymentProfile: Codable, Sendable { public var bands: [[Int]]; public var men: [Double]; public var women: [Double]; public var source: String? }
    public struct Odds: Codable, Sendable { public var odds: [Double]; public var source: String? }
    public struct AgricultureOdds: Codable, Sendable { public var rural: Double; public var urban: Double; public var women_multiplier: Double; public var source: String? }
    public struct BySex: Codable, Sendable { public var men: Double; public var women: Double; public var source: String? }
    public struct EmployeeOdds: Codable, Sendable { public var agriculture: Double; public var industry: Double; public var services: Double; public var women_multiplier: Double; public var source: String? }
    public struct StatusShares: Codable, Sendable { public var agriculture_men: [Double]; public var agriculture_women: [Double]; public var other_men: [Double]; public var other_women: [Double]; public var source: String? }
    public struct FormalOdds: Codable, Sendable { public var employee: Double; public var employer: Double; public var own_account: Double; public var urban_multiplier: Double; public var source: String? }
    public struct WageModel: Codable, Sendable { public var formal_offset: Double; public var agriculture_offset: Double; public var industry_offset: Double; public var services_offset: Double; public var urban_offset: Double; public var source: String? }
    public struct SelfEmployment: Codable, Sendable { public var own_account: Double; public var employer: Double; public var source: String? }
    public struct WorkerGroups: Codable, Sendable { public var domestic_women: Double; public var domestic_men: Double; public var home_based_women: Double; public var home_based_men: Double; public var source: String? }
    public struct ContributoryHistory: Codable, Sendable { public var career_start_age: Int; public var tenure_share_min: Double; public var tenure_share_max: Double; public var extra_years_max: Int; public var pension_age_men: Int; public var pension_age_women: Int; public var pension_minimum_years: Int; public var men_odds: Double; public var urban_odds: Double; public var employed_odds: Double; public var source: String? }
    /// Relative odds that a non-agricultural employee works in the public sector (level
    /// calibrated to `public_sector_share_of_employees`).
    public struct PublicSectorOdds: Codable, Sendable { public var industry: Double; public var services: Double; public var urban_multiplier: Double; public var women_multiplier: Double; public var source: String? }
    /// How the pension in payment of a generated EOBI pensioner is set (`pension_in_payment`).
    public struct PensionAwards: Codable, Sendable {
        /// The fiscal year the column describes (Y = FY Y-Y+1).
        public var base_year: WholeQuantity
        /// The minimum pension in force at the base date (every pension is at least this).
        public var minimum_pension: Quantity
        public var accrual_divisor: Quantity
        /// Federal minimum wage by fiscal year (a year uses the latest value at or before it;
        /// years before the first use the first).
        public var minimum_wage_years: [Int]
        public var minimum_wage_values: [Double]
        public var minimum_wage_unit: String
        public var minimum_wage_source: String

        /// The minimum wage of fiscal year `year`.
        public func minimumWage(_ year: Int) -> Double {
            var value = minimum_wage_values.first ?? 0
            for (y, v) in zip(minimum_wage_years, minimum_wage_values) where y <= year { value = v }
            return value
        }

        /// The pension in payment at the base date of a pensioner awarded in `awardYear` with
        /// `years` contributory years: max(minimum pension, minimum wage then × years ÷ divisor),
        /// in whole rupees.
        public func pension(awardYear: Int, years: Int) -> Double {
            max(minimum_pension.value, (minimumWage(awardYear) * Double(years) / accrual_divisor.value).rounded())
        }
    }
    public struct Schooling: Codable, Sendable { public var bands: [[Int]]; public var levels: [String]; public var rates: [Double]; public var sex_gap: Double; public var source: String? }
    public struct Fertility: Codable, Sendable { public var bands: [[Int]]; public var per_thousand: [Double]; public var source: String? }
    /// A model constant with its unit, the date it refers to (or was set) and its source.
    public struct Quantity: Codable, Sendable { public var value: Double; public var unit: String; public var date: String; public var source: String }
    /// A whole-number model constant (ages, household sizes, years).
    public struct WholeQuantity: Codable, Sendable { public var value: Int; public var unit: String; public var date: String; public var source: String }
    /// An inclusive range of whole numbers (ages, age gaps), drawn uniformly.
    public struct WholeRange: Codable, Sendable { public var from: Int; public var to: Int; public var unit: String; public var date: String; public var source: String }
    /// An interval of real numbers.
    public struct Interval: Codable, Sendable { public var from: Double; public var to: Double; public var unit: String; public var date: String; public var source: String }
    /// Who lives with whom: the ages, gaps and shares the demography step draws
    /// households' members with (see `SyntheticPopulation.demographyBlock`).
    public struct HouseholdComposition: Codable, Sendable {
        public var single_person_head_age: WholeRange
        public var spouse_age_gap: WholeRange
        public var spouse_minimum_age: WholeQuantity
        public var elder_parent_minimum_household_size: WholeQuantity
        public var elder_parent_head_age_below: WholeQuantity
        public var elder_parent_first_female_share: Quantity
        public var elder_parent_first_age_gap: WholeRange
        public var elder_parent_second_age_gap: WholeRange
        public var elder_parent_maximum_age: WholeQuantity
        public var mother_age_gap_without_spouse: WholeQuantity
        public var mother_last_birth_age: WholeQuantity
        public var older_mother_youngest_child_spread: WholeQuantity
        public var mother_minimum_age_at_birth: WholeQuantity
        public var male_share_of_children: Quantity
        public var grandchild_share_of_other_relatives: Quantity
        public var grandchild_age: WholeRange
        public var other_adult_age: WholeRange
        public var maximum_age: WholeQuantity
    }
    /// Labour-market constants that are not shapes or levels.
    public struct LabourMarketConstants: Codable, Sendable {
        public var working_age_min: WholeQuantity
        public var wage_dispersion_search: Interval
    }
    public struct PMTModel: Codable, Sendable { public var income_floor: Double; public var urban: Double; public var province: [Double]; public var dependants_per_member: Double; public var formal_worker: Double; public var noise_sd: Double; public var slope: Double; public var kafaalat_cutoff: Double; public var source: String? }

    public var minimum_wage_2018_19: Value
    public var wage_uprating_to_base_year: Value
    public var household_size: SizeDistribution
    public var female_head_share: Value
    public var spouse_probability: SpouseProbability
    public var head_age_bands: AgeBands
    public var elder_parent_probability: ElderParents
    public var other_adult_share: Value
    public var children: Children
    public var province_household_shares: Shares
    public var urban_share_all_provinces: Value
    public var disability_prevalence: Prevalence
    public var employment_profile: EmploymentProfile
    public var unemployment_profile: Odds
    public var agriculture_odds: AgricultureOdds
    public var industry_share_of_nonagricultural: BySex
    public var employee_odds: EmployeeOdds
    public var non_employee_status_shares: StatusShares
    public var formal_odds: FormalOdds
    public var wage_model: WageModel
    public var self_employment_earnings: SelfEmployment
    public var worker_groups: WorkerGroups
    public var contributory_history: ContributoryHistory
    public var public_sector_odds: PublicSectorOdds
    public var pension_awards: PensionAwards
    public var pmt_model: PMTModel
    public var schooling: Schooling
    public var fertility: Fertility
    public var household_composition: HouseholdComposition
    public var labour_market: LabourMarketConstants
    /// Income beyond earnings and consumption (`HouseholdIncome`); optional so that a
    /// calibration file without it still generates a population (without those columns
    /// the generator stops with a message naming the key).
    public var household_income: HouseholdIncomeModel?

    func check(file: String) throws {
        func fail(_ key: String, _ problem: String, _ value: String, _ fix: String) -> InputError {
            InputError(file: file, column: "model.\(key)", problem: problem, value: value, fix: fix)
        }
        func probability(_ key: String, _ value: Double) throws {
            guard value.isFinite, value >= 0, value <= 1 else { throw fail(key, "must be a probability from 0 to 1", "\(value)", "write a number from 0 to 1") }
        }
        func positive(_ key: String, _ value: Double) throws {
            guard value.isFinite, value > 0 else { throw fail(key, "must be a number greater than 0", "\(value)", "write a positive number") }
        }
        func weights(_ key: String, _ values: [Double], count: Int? = nil) throws {
            if let count, values.count != count { throw fail(key, "must list \(count) values", "\(values.count) values", "give one value per category") }
            guard !values.isEmpty, values.allSatisfy({ $0.isFinite && $0 >= 0 }), values.reduce(0, +) > 0 else {
                throw fail(key, "must be non-negative numbers that do not all be zero", "\(values)", "correct the list")
            }
        }
        func bands(_ key: String, _ bands: [[Int]], count: Int) throws {
            guard bands.count == count, bands.allSatisfy({ $0.count == 2 && $0[0] <= $0[1] && $0[0] >= 0 && $0[1] <= 120 }) else {
                throw fail(key, "must be \(count) bands [from, to] within 0-120", "\(bands)", "give one [from, to] band per value")
            }
        }
        try positive("minimum_wage_2018_19.value", minimum_wage_2018_19.value)
        try positive("wage_uprating_to_base_year.value", wage_uprating_to_base_year.value)
        try weights("household_size.shares", household_size.shares, count: household_size.sizes.count)
        guard household_size.sizes.allSatisfy({ $0 >= 1 && $0 <= 40 }) else { throw fail("household_size.sizes", "sizes must be from 1 to 40", "\(household_size.sizes)", "correct the sizes") }
        try probability("female_head_share.value", female_head_share.value)
        try probability("spouse_probability.male_head", spouse_probability.male_head)
        try probability("spouse_probability.female_head", spouse_probability.female_head)
        try weights("head_age_bands.shares", head_age_bands.shares, count: head_age_bands.bands.count)
        try bands("head_age_bands.bands", head_age_bands.bands, count: head_age_bands.shares.count)
        try probability("elder_parent_probability.first", elder_parent_probability.first)
        try probability("elder_parent_probability.second", elder_parent_probability.second)
        try probability("other_adult_share.value", other_adult_share.value)
        guard children.youngest_age_max >= 0, children.spacing_min >= 1, children.spacing_max >= children.spacing_min, children.spacing_max <= 10 else {
            throw fail("children", "youngest_age_max must be 0 or more and 1 ≤ spacing_min ≤ spacing_max ≤ 10", "\(children.spacing_min)-\(children.spacing_max)", "correct the values")
        }
        try positive("pmt_model.income_floor", pmt_model.income_floor)
        try weights("province_household_shares.shares", province_household_shares.shares, count: Province.allCases.count)
        try probability("urban_share_all_provinces.value", urban_share_all_provinces.value)
        try bands("disability_prevalence.bands", disability_prevalence.bands, count: disability_prevalence.prevalence.count)
        for p in disability_prevalence.prevalence { try probability("disability_prevalence.prevalence", p) }
        let bandCount = employment_profile.bands.count
        try bands("employment_profile.bands", employment_profile.bands, count: bandCount)
        for p in employment_profile.men + employment_profile.women { guard p > 0 && p < 1 else { throw fail("employment_profile", "rates must be strictly between 0 and 1", "\(p)", "correct the rate") } }
        guard employment_profile.men.count == bandCount, employment_profile.women.count == bandCount else { throw fail("employment_profile", "men and women need one rate per band", "\(bandCount) bands", "give one rate per band") }
        guard unemployment_profile.odds.count == bandCount, unemployment_profile.odds.allSatisfy({ $0 > 0 && $0.isFinite }) else { throw fail("unemployment_profile.odds", "needs one positive value per employment_profile band", "\(unemployment_profile.odds)", "give \(bandCount) positive values") }
        try positive("agriculture_odds.rural", agriculture_odds.rural); try positive("agriculture_odds.urban", agriculture_odds.urban); try positive("agriculture_odds.women_multiplier", agriculture_odds.women_multiplier)
        try probability("industry_share_of_nonagricultural.men", industry_share_of_nonagricultural.men); try probability("industry_share_of_nonagricultural.women", industry_share_of_nonagricultural.women)
        try positive("employee_odds.agriculture", employee_odds.agriculture); try positive("employee_odds.industry", employee_odds.industry); try positive("employee_odds.services", employee_odds.services); try positive("employee_odds.women_multiplier", employee_odds.women_multiplier)
        for (key, shares) in [("agriculture_men", non_employee_status_shares.agriculture_men), ("agriculture_women", non_employee_status_shares.agriculture_women), ("other_men", non_employee_status_shares.other_men), ("other_women", non_employee_status_shares.other_women)] {
            try weights("non_employee_status_shares.\(key)", shares, count: 3)
        }
        try positive("formal_odds.employee", formal_odds.employee); try positive("formal_odds.urban_multiplier", formal_odds.urban_multiplier)
        guard formal_odds.employer >= 0, formal_odds.own_account >= 0 else { throw fail("formal_odds", "odds must be 0 or more", "", "correct the odds") }
        try positive("self_employment_earnings.own_account", self_employment_earnings.own_account); try positive("self_employment_earnings.employer", self_employment_earnings.employer)
        for (key, p) in [("domestic_women", worker_groups.domestic_women), ("domestic_men", worker_groups.domestic_men), ("home_based_women", worker_groups.home_based_women), ("home_based_men", worker_groups.home_based_men)] {
            try probability("worker_groups.\(key)", p)
        }
        try probability("contributory_history.tenure_share_min", contributory_history.tenure_share_min)
        try probability("contributory_history.tenure_share_max", contributory_history.tenure_share_max)
        guard contributory_history.career_start_age >= 10, contributory_history.career_start_age <= 40, contributory_history.extra_years_max >= 0 else { throw fail("contributory_history", "career_start_age must be 10-40 and extra_years_max 0 or more", "\(contributory_history.career_start_age)", "correct the values") }
        try positive("contributory_history.men_odds", contributory_history.men_odds); try positive("contributory_history.urban_odds", contributory_history.urban_odds)
        try positive("contributory_history.employed_odds", contributory_history.employed_odds)
        for (key, odds) in [("industry", public_sector_odds.industry), ("services", public_sector_odds.services),
                            ("urban_multiplier", public_sector_odds.urban_multiplier), ("women_multiplier", public_sector_odds.women_multiplier)] {
            try positive("public_sector_odds.\(key)", odds)
        }
        let awards = pension_awards
        guard !awards.minimum_wage_years.isEmpty, awards.minimum_wage_years.count == awards.minimum_wage_values.count,
              zip(awards.minimum_wage_years, awards.minimum_wage_years.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw fail("pension_awards.minimum_wage_years", "needs increasing years, one per value of minimum_wage_values", "\(awards.minimum_wage_years.count) years, \(awards.minimum_wage_values.count) values", "list each year once, in order, with its value")
        }
        for value in awards.minimum_wage_values { try positive("pension_awards.minimum_wage_values", value) }
        try positive("pension_awards.accrual_divisor.value", awards.accrual_divisor.value)
        guard awards.minimum_pension.value.isFinite, awards.minimum_pension.value >= 0 else { throw fail("pension_awards.minimum_pension.value", "must be 0 or more", "\(awards.minimum_pension.value)", "write the minimum pension in PKR/month") }
        guard (2000...2100).contains(awards.base_year.value) else { throw fail("pension_awards.base_year.value", "must be a fiscal year from 2000 to 2100", "\(awards.base_year.value)", "write the first calendar year of the fiscal year, e.g. 2023 for 2023-24") }
        guard pmt_model.province.count == Province.allCases.count else { throw fail("pmt_model.province", "needs one value per province (PB, SD, KP, BA, IS)", "\(pmt_model.province)", "give 5 values") }
        try positive("pmt_model.slope", pmt_model.slope)
        try bands("schooling.bands", schooling.bands, count: schooling.rates.count)
        guard schooling.levels.count == schooling.rates.count, schooling.levels.allSatisfy({ SchoolLevel(code: $0).map { $0 != .none } ?? false }) else {
            throw fail("schooling.levels", "needs one level (primary, secondary, higher_secondary) per band", "\(schooling.levels)", "give one level per band")
        }
        for rate in schooling.rates { try probability("schooling.rates", rate) }
        try probability("schooling.sex_gap", schooling.sex_gap)
        for rate in schooling.rates where rate - schooling.sex_gap / 2 < 0 || rate + schooling.sex_gap / 2 > 1 {
            throw fail("schooling.sex_gap", "takes a rate outside 0-1 for girls or boys", "\(rate) ± \(schooling.sex_gap / 2)", "lower the gap")
        }
        try bands("fertility.bands", fertility.bands, count: fertility.per_thousand.count)
        for rate in fertility.per_thousand { try probability("fertility.per_thousand (÷ 1000)", rate / 1000) }
        let composition = household_composition
        for (key, range) in [("single_person_head_age", composition.single_person_head_age), ("spouse_age_gap", composition.spouse_age_gap),
                             ("elder_parent_first_age_gap", composition.elder_parent_first_age_gap), ("elder_parent_second_age_gap", composition.elder_parent_second_age_gap),
                             ("grandchild_age", composition.grandchild_age), ("other_adult_age", composition.other_adult_age)] {
            guard range.from >= 0, range.from <= range.to, range.to <= 120 else {
                throw fail("household_composition.\(key)", "must be a range from ≤ to within 0-120", "\(range.from)-\(range.to)", "give from and to in years, from no greater than to")
            }
        }
        for (key, share) in [("elder_parent_first_female_share", composition.elder_parent_first_female_share), ("male_share_of_children", composition.male_share_of_children),
                             ("grandchild_share_of_other_relatives", composition.grandchild_share_of_other_relatives)] {
            try probability("household_composition.\(key).value", share.value)
        }
        for (key, age) in [("spouse_minimum_age", composition.spouse_minimum_age), ("elder_parent_minimum_household_size", composition.elder_parent_minimum_household_size),
                           ("elder_parent_head_age_below", composition.elder_parent_head_age_below), ("elder_parent_maximum_age", composition.elder_parent_maximum_age),
                           ("mother_age_gap_without_spouse", composition.mother_age_gap_without_spouse), ("mother_last_birth_age", composition.mother_last_birth_age),
                           ("older_mother_youngest_child_spread", composition.older_mother_youngest_child_spread), ("mother_minimum_age_at_birth", composition.mother_minimum_age_at_birth),
                           ("maximum_age", composition.maximum_age)] {
            guard age.value >= 0, age.value <= 120 else { throw fail("household_composition.\(key).value", "must be from 0 to 120", "\(age.value)", "correct the value") }
        }
        guard composition.maximum_age.value <= Int(UInt8.max) else { throw fail("household_composition.maximum_age.value", "must be at most 255 (ages are stored in one byte)", "\(composition.maximum_age.value)", "correct the value") }
        guard labour_market.working_age_min.value >= 0, labour_market.working_age_min.value <= 120 else {
            throw fail("labour_market.working_age_min.value", "must be an age from 0 to 120", "\(labour_market.working_age_min.value)", "correct the value")
        }
        let search = labour_market.wage_dispersion_search
        guard search.from.isFinite, search.to.isFinite, search.from > 0, search.from < search.to else {
            throw fail("labour_market.wage_dispersion_search", "must be an interval 0 < from < to", "\(search.from)-\(search.to)", "give a positive interval for the standard deviation of log wages")
        }
        try household_income?.check(file: file)
        guard pmt_model.noise_sd >= 0 else { throw fail("pmt_model.noise_sd", "must be 0 or more", "\(pmt_model.noise_sd)", "correct the value") }
    }

    /// The band index of `age` in `bands` (the last band whose start is ≤ age), or nil.
    static func band(of age: Int, in bands: [[Int]]) -> Int? {
        for (index, band) in bands.enumerated() where age >= band[0] && age <= band[1] { return index }
        return nil
    }
}

extension PopulationModel.Interval {
    /// The dispersion in this interval at which `measure` (increasing in it) crosses
    /// `target`, by Brent's method to a bracket of (to − from) / 2^20; the nearer end when
    /// the target is outside what the interval can give. Used for the wage and the
    /// consumption dispersions.
    func crossing(of target: Double, _ measure: (Double) -> Double) throws -> Double {
        if measure(from) >= target { return from }
        if measure(to) < target { return to }
        return try RootFinder.brent(bracket: from ... to, absoluteTolerance: (to - from) / Double(1 << 20), relativeTolerance: 0) {
            measure($0) - target
        }
    }
}
