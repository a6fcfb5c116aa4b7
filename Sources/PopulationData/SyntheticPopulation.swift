import Dispatch
import Foundation
import GSLStatistics
import SpsimSupport

/// The synthetic Pakistan population: households with size and composition, province,
/// area, labour status, sector, formality, status in employment, earnings, contributory
/// history, disability and a proxy-means score, calibrated to the targets in a
/// `CalibrationTargets` file (by default the bundled `calibration-pakistan.yaml`).
///
/// How it is built (details in `docs/population.md`):
/// 1. **Demography**, in blocks of `blockSize` households, block `b` drawing from
///    `RandomStream(seed:, stream: b)`: province, urban/rural, household size, head,
///    spouse, parents, children and other members with ages and sexes, disability.
///    Blocks are independent, so they run in parallel and the result does not depend on
///    the number of threads.
/// 2. **Weights** raked (`WeightCalibrator`: generalised raking, Newton's method) so the
///    weighted population matches the census totals: households, persons by province,
///    urban persons, persons by age group and by sex.
/// 3. **Labour market, earnings, contributions, PMT**: each person's decisions use
///    uniforms hashed from `(seed, purpose, person_id)`; the model's shapes come from the
///    file and each level is calibrated so the weighted outcome equals its target
///    (employment-to-population and unemployment by sex, agriculture share, employees'
///    share, public-sector share of employees, informal share, mean wage by sex, share
///    under the minimum wage, EOBI pensioners with their pensions in payment,
///    Kafaalat-eligible share).
/// 4. **Stored draws** from `(seed, column, identifier)` (`StoredDraw`).
public enum SyntheticPopulation {
    /// Households per generation block (fixed: results must not depend on threads).
    public static let blockSize = 4096

    /// Targets the generator calibrates to; a calibration file must have them all.
    public static let requiredTargets: [String] = [
        "population", "households", "urban_share",
        "province_share_PB", "province_share_SD", "province_share_KP", "province_share_BA", "province_share_IS",
        "age_share_under_15", "age_share_15_64", "age_share_65_plus", "sex_ratio", "sex_ratio_65_plus",
        "employment_to_population_men", "employment_to_population_women",
        "unemployment_rate_men", "unemployment_rate_women",
        "agriculture_share_of_employment", "informal_share_nonagricultural", "employee_share_of_employment",
        "mean_wage_men", "mean_wage_women", "share_below_minimum_wage", "kafaalat_eligible_share",
        "public_sector_share_of_employees", "eobi_pensioners",
    ]

    /// A synthetic population of `households` households from the bundled Pakistan
    /// calibration file.
    public static func generate(households: Int, seed: UInt64) throws -> Population {
        try generate(households: households, seed: seed, calibration: CalibrationTargets.pakistan())
    }

    /// A synthetic population of `households` households.
    /// - Parameters:
    ///   - workers: threads used for the demography blocks (the result is the same for
    ///     any value; tests compare 1 and 2).
    ///   - showProgress: a progress line on standard error when it is a terminal.
    /// - Throws: `InputError` for a household count below 1 or an unusable calibration
    ///   file; `GSLError` if a random stream cannot be made.
    public static func generate(households: Int, seed: UInt64, calibration: CalibrationTargets,
                                workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                showProgress: Bool = false) throws -> Population {
        guard households >= 1, households <= 50_000_000 else {
            throw InputError(file: "--households", problem: "the number of households must be from 1 to 50,000,000", value: String(households), fix: "give a household count such as 100000")
        }
        let progress = ProgressLine("generating \(households) households", total: 4, enabled: showProgress && isatty(STDERR_FILENO) == 1 && households >= 200_000)
        defer { progress.finish() }
        var population = try demography(households: households, seed: seed, model: calibration.model, workers: workers)
        progress.update(1)
        try rakeWeights(&population, calibration: calibration)
        progress.update(2)
        var builder = LabourMarketBuilder(population: population, seed: seed, calibration: calibration)
        try builder.build()
        population = builder.population
        // Income beyond earnings, consumption, and the PMT score from consumption (it
        // replaces the builder's earnings-based score).
        try HouseholdIncome.assign(&population, calibration: calibration, seed: seed)
        progress.update(3)
        population.assignStoredDraws(seed: seed)
        population.assignSchooling(calibration.model.schooling, seed: seed)
        population.assignBirths(calibration.model.fertility, seed: seed)
        progress.update(4)
        if let problem = population.structuralProblem() {
            throw InputError(file: calibration.file, problem: "the generated population is inconsistent (\(problem))", fix: "this is a bug in spsim; please report it with the seed and household count")
        }
        return population
    }

    // MARK: - 1. Demography

    /// One block's households and persons.
    struct DemographyBlock: Sendable {
        var province: [Province] = []
        var urban: [Bool] = []
        var size: [Int32] = []
        var age: [UInt8] = []
        var sex: [Sex] = []
        var disabled: [Bool] = []
    }

    struct Samplers: Sendable {
        // CategoricalSampler is read-only after construction (documented thread-safe).
        let province: CategoricalSampler
        let size: CategoricalSampler
        let headAge: CategoricalSampler
    }

    static func demography(households: Int, seed: UInt64, model: PopulationModel, workers: Int) throws -> Population {
        let samplers = Samplers(
            province: try CategoricalSampler(weights: model.province_household_shares.shares),
            size: try CategoricalSampler(weights: model.household_size.shares),
            headAge: try CategoricalSampler(weights: model.head_age_bands.shares))
        let blockCount = (households + blockSize - 1) / blockSize
        let blocks = ResultSlots<DemographyBlock>(count: blockCount)
        let failures = ResultSlots<any Error>(count: blockCount)
        parallelForEach(count: blockCount, workers: workers) { b in
            do {
                let range = (b * blockSize) ..< min(households, (b + 1) * blockSize)
                blocks[b] = try demographyBlock(index: b, households: range.count, seed: seed, model: model, samplers: samplers)
            } catch {
                failures[b] = error
            }
        }
        for b in 0..<blockCount { if let error = failures[b] { throw error } }
        var population = Population()
        let personTotal = (0..<blockCount).reduce(0) { $0 + (blocks[$1]?.age.count ?? 0) }
        population.reserve(households: households, persons: personTotal)
        var householdProvince: [Province] = []
        var householdUrban: [Bool] = []
        householdProvince.reserveCapacity(households)
        householdUrban.reserveCapacity(households)
        var offset: Int32 = 0
        for b in 0..<blockCount {
            guard let block = blocks.take(b) else { continue }
            householdProvince += block.province
            householdUrban += block.urban
            for (h, size) in block.size.enumerated() {
                offset += size
                population.firstPerson.append(offset)
                for _ in 0..<size {
                    population.province.append(block.province[h])
                    population.urban.append(block.urban[h])
                }
            }
            population.age += block.age
            population.sex += block.sex
            population.disabled += block.disabled
        }
        population.householdID = (0..<Int64(households)).map { $0 + 1 }
        population.personID = (0..<Int64(population.age.count)).map { $0 + 1 }
        population.householdWeight = [Double](repeating: 1, count: households)
        population.pmtScore = [Double](repeating: 0, count: households)
        population.householdDraw = [Float](repeating: 0, count: households)
        let n = population.personID.count
        population.labourStatus = [LabourStatus](repeating: .inactive, count: n)
        population.sector = [Sector](repeating: .none, count: n)
        population.formal = [Bool](repeating: false, count: n)
        population.workerGroup = [WorkerGroup](repeating: .other, count: n)
        population.monthlyEarnings = [Double](repeating: 0, count: n)
        population.contributoryYears = [UInt16](repeating: 0, count: n)
        population.publicSector = [Bool](repeating: false, count: n)
        population.pensionInPayment = [Float](repeating: 0, count: n)
        return population
    }

    static func demographyBlock(index: Int, households: Int, seed: UInt64, model: PopulationModel, samplers: Samplers) throws -> DemographyBlock {
        let rng = try RandomStream(seed: seed, stream: UInt64(index))
        var block = DemographyBlock()
        block.province.reserveCapacity(households)
        block.urban.reserveCapacity(households)
        block.size.reserveCapacity(households)
        block.age.reserveCapacity(households * 7)
        block.sex.reserveCapacity(households * 7)
        block.disabled.reserveCapacity(households * 7)
        let sizes = model.household_size.sizes
        let headBands = model.head_age_bands.bands
        let c = model.household_composition
        func add(_ age: Int, _ sex: Sex) {
            let clamped = min(c.maximum_age.value, max(0, age))
            block.age.append(UInt8(clamping: clamped))
            block.sex.append(sex)
            let band = PopulationModel.band(of: clamped, in: model.disability_prevalence.bands)
            let prevalence = band.map { model.disability_prevalence.prevalence[$0] } ?? 0
            block.disabled.append(rng.bernoulli(prevalence))
        }
        func uniformInteger(_ low: Int, _ high: Int) -> Int { low + rng.integer(below: high - low + 1) }
        for _ in 0..<households {
            let province = Province(rawValue: UInt8(samplers.province.sample(rng))) ?? .punjab
            let urban = rng.bernoulli(model.urban_share_all_provinces.value)
            let size = sizes[samplers.size.sample(rng)]
            block.province.append(province)
            block.urban.append(urban)
            block.size.append(Int32(size))
            let headFemale = rng.bernoulli(model.female_head_share.value)
            let headSex: Sex = headFemale ? .female : .male
            let headAge: Int
            if size == 1 {
                headAge = uniformInteger(c.single_person_head_age.from, c.single_person_head_age.to)
            } else {
                let band = headBands[samplers.headAge.sample(rng)]
                headAge = uniformInteger(band[0], band[1])
            }
            add(headAge, headSex)
            var remaining = size - 1
            var spouseAge: Int? = nil
            if remaining > 0 && rng.bernoulli(headFemale ? model.spouse_probability.female_head : model.spouse_probability.male_head) {
                let gap = c.spouse_age_gap
                let age = headFemale ? headAge + uniformInteger(gap.from, gap.to) : max(c.spouse_minimum_age.value, headAge - uniformInteger(gap.from, gap.to))
                add(age, headFemale ? .male : .female)
                spouseAge = age
                remaining -= 1
            }
            if size >= c.elder_parent_minimum_household_size.value && headAge < c.elder_parent_head_age_below.value && remaining >= 2 && rng.bernoulli(model.elder_parent_probability.first) {
                let firstSex: Sex = rng.bernoulli(c.elder_parent_first_female_share.value) ? .female : .male
                let firstGap = c.elder_parent_first_age_gap, secondGap = c.elder_parent_second_age_gap
                add(min(c.elder_parent_maximum_age.value, headAge + uniformInteger(firstGap.from, firstGap.to)), firstSex)
                remaining -= 1
                if remaining >= 2 && rng.bernoulli(model.elder_parent_probability.second) {
                    add(min(c.elder_parent_maximum_age.value, headAge + uniformInteger(secondGap.from, secondGap.to)), firstSex == .female ? .male : .female)
                    remaining -= 1
                }
            }
            let motherAge = headFemale ? headAge : (spouseAge ?? max(c.spouse_minimum_age.value, headAge - c.mother_age_gap_without_spouse.value))
            let lastBirth = c.mother_last_birth_age.value
            var childAge = motherAge <= lastBirth ? uniformInteger(0, model.children.youngest_age_max) : motherAge - lastBirth + uniformInteger(0, c.older_mother_youngest_child_spread.value)
            for _ in 0..<remaining {
                let sex: Sex = rng.bernoulli(c.male_share_of_children.value) ? .male : .female
                if rng.bernoulli(model.other_adult_share.value) || childAge > motherAge - c.mother_minimum_age_at_birth.value {
                    // Another relative: a grandchild, or an adult (married son or his wife, sibling).
                    let grandchild = c.grandchild_age, adult = c.other_adult_age
                    add(rng.bernoulli(c.grandchild_share_of_other_relatives.value) ? uniformInteger(grandchild.from, grandchild.to) : uniformInteger(adult.from, adult.to), sex)
                } else {
                    add(childAge, sex)
                    childAge += uniformInteger(model.children.spacing_min, model.children.spacing_max)
                }
            }
        }
        return block
    }

    // MARK: - 2. Weights

    /// Calibrates household weights so the weighted population matches the census totals:
    /// households; persons by province; urban persons; persons under 15 and 65 and over;
    /// men; men aged 65 and over (the old-age sex ratio: without it the generated
    /// households, with older husbands and mostly male heads, give about 142 men per 100
    /// women aged 65+). Persons 15-64 and women follow from the total. The raking itself is
    /// `WeightCalibrator` (generalised raking, Newton's method on the dual), from equal
    /// starting weights; weights are then rounded to six decimals.
    /// - Throws: `InputError` naming `--households` when a census group has no members
    ///   (too few households), or the calibration file when the totals cannot be met.
    static func rakeWeights(_ population: inout Population, calibration: CalibrationTargets) throws {
        let persons = try calibration.value("population")
        let households = try calibration.value("households")
        let sexRatio = try calibration.value("sex_ratio")
        var targets: [Double] = [households]
        var names = ["households"]
        for province in Province.allCases {
            targets.append(persons * (try calibration.value("province_share_\(province.code)")))
            names.append("persons in \(province.label)")
        }
        targets.append(persons * (try calibration.value("urban_share"))); names.append("urban persons")
        targets.append(persons * (try calibration.value("age_share_under_15"))); names.append("persons under 15")
        targets.append(persons * (try calibration.value("age_share_65_plus"))); names.append("persons aged 65 and over")
        targets.append(persons * sexRatio / (100 + sexRatio)); names.append("men")
        let oldAgeSexRatio = try calibration.value("sex_ratio_65_plus")
        targets.append(persons * (try calibration.value("age_share_65_plus")) * oldAgeSexRatio / (100 + oldAgeSexRatio)); names.append("men aged 65 and over")
        let incidence = MarginIncidence(households: population.householdCount, marginCount: targets.count) { h, counts in
            counts[0] = 1
            for p in population.personRange(h) {
                counts[1 + Int(population.province[p].rawValue)] += 1
                if population.urban[p] { counts[6] += 1 }
                if population.age[p] < 15 { counts[7] += 1 }
                if population.age[p] >= 65 { counts[8] += 1 }
                if population.sex[p] == .male { counts[9] += 1 }
                if population.sex[p] == .male && population.age[p] >= 65 { counts[10] += 1 }
            }
        }
        let start = [Double](repeating: households / Double(population.householdCount), count: population.householdCount)
        let weights: [Double]
        do {
            weights = try WeightCalibrator().calibrate(baseWeights: start, incidence: incidence, targets: targets).weights
        } catch {
            switch error {
            case let .noMembers(margin, target):
                throw InputError(file: "--households", problem: "the population is too small to represent every census group (the census total of \(NumberText.grouped(target)) \(names[margin]) has no members among the generated households)", value: String(population.householdCount), fix: "generate more households (at least a few hundred)")
            case let .nonPositiveTarget(margin, target):
                throw InputError(file: calibration.file, problem: "the census total of \(names[margin]) works out at \(NumberText.grouped(target)), not a positive number", fix: "give positive totals and shares for the population, households and every census group")
            case let .notConverged(margin, target, achieved, iterations):
                throw InputError(file: calibration.file, problem: "the weights cannot meet the census totals together: after \(iterations) iterations \(names[margin]) are \(NumberText.grouped(achieved)) against \(NumberText.grouped(target))", fix: "check that the census totals agree with each other (shares between 0 and 1, persons per household plausible), or generate more households")
            case let .invalidInput(problem):
                throw InputError(file: calibration.file, problem: "raking the weights failed (\(problem))", fix: "this is a bug in spsim; please report it with the seed and household count")
            }
        }
        // Six decimals: the weight prints short and reads back exactly.
        population.householdWeight = weights.map { max(1e-6, ($0 * 1e6).rounded() / 1e6) }
    }
}

// MARK: - Small concurrency helpers

/// Runs `body(i)` for every i in 0..<count on `workers` threads; worker w takes
/// i = w, w + workers, … (results must not depend on which worker runs an index).
func parallelForEach(count: Int, workers: Int, _ body: @Sendable @escaping (Int) -> Void) {
    let workerCount = max(1, min(workers, count))
    if workerCount == 1 {
        for i in 0..<count { body(i) }
        return
    }
    DispatchQueue.concurrentPerform(iterations: workerCount) { w in
        var i = w
        while i < count {
            body(i)
            i += workerCount
        }
    }
}
