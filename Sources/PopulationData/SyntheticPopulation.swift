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
/// 2. **Weights** raked (exponential tilting, cycled to convergence) so the weighted
///    population matches the census totals: households, persons by province, urban
///    persons, persons by age group and by sex.
/// 3. **Labour market, earnings, contributions, PMT**: each person's decisions use
///    uniforms hashed from `(seed, purpose, person_id)`; the model's shapes come from the
///    file and each level is calibrated so the weighted outcome equals its target
///    (employment-to-population and unemployment by sex, agriculture share, employees'
///    share, informal share, mean wage by sex, share under the minimum wage, EOBI
///    pension-age contributors, Kafaalat-eligible share).
/// 4. **Stored draws** from `(seed, column, identifier)` (`StoredDraw`).
public enum SyntheticPopulation {
    /// Households per generation block (fixed: results must not depend on threads).
    public static let blockSize = 4096

    /// Targets the generator calibrates to; a calibration file must have them all.
    public static let requiredTargets: [String] = [
        "population", "households", "urban_share",
        "province_share_PB", "province_share_SD", "province_share_KP", "province_share_BA", "province_share_IS",
        "age_share_under_15", "age_share_15_64", "age_share_65_plus", "sex_ratio",
        "employment_to_population_men", "employment_to_population_women",
        "unemployment_rate_men", "unemployment_rate_women",
        "agriculture_share_of_employment", "informal_share_nonagricultural", "employee_share_of_employment",
        "mean_wage_men", "mean_wage_women", "share_below_minimum_wage", "kafaalat_eligible_share",
        "eobi_old_age_pensioners",
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
        progress.update(3)
        population.assignStoredDraws(seed: seed)
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

    struct Samplers: @unchecked Sendable {
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
        let failures = ResultSlots<Error>(count: blockCount)
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
        func add(_ age: Int, _ sex: Sex) {
            let clamped = min(100, max(0, age))
            block.age.append(UInt8(clamped))
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
                headAge = uniformInteger(20, 79)
            } else {
                let band = headBands[samplers.headAge.sample(rng)]
                headAge = uniformInteger(band[0], band[1])
            }
            add(headAge, headSex)
            var remaining = size - 1
            var spouseAge: Int? = nil
            if remaining > 0 && rng.bernoulli(headFemale ? model.spouse_probability.female_head : model.spouse_probability.male_head) {
                let age = headFemale ? headAge + uniformInteger(2, 9) : max(16, headAge - uniformInteger(2, 9))
                add(age, headFemale ? .male : .female)
                spouseAge = age
                remaining -= 1
            }
            if size >= 4 && headAge < 50 && remaining >= 2 && rng.bernoulli(model.elder_parent_probability.first) {
                let firstSex: Sex = rng.bernoulli(0.6) ? .female : .male
                add(min(98, headAge + uniformInteger(22, 35)), firstSex)
                remaining -= 1
                if remaining >= 2 && rng.bernoulli(model.elder_parent_probability.second) {
                    add(min(98, headAge + uniformInteger(24, 38)), firstSex == .female ? .male : .female)
                    remaining -= 1
                }
            }
            let motherAge = headFemale ? headAge : (spouseAge ?? max(16, headAge - 5))
            var childAge = motherAge < 45 ? uniformInteger(0, model.children.youngest_age_max) : motherAge - 44 + uniformInteger(0, 5)
            for _ in 0..<remaining {
                let sex: Sex = rng.bernoulli(0.515) ? .male : .female
                if rng.bernoulli(model.other_adult_share.value) || childAge > motherAge - 15 {
                    // Another relative: a grandchild, or an adult (married son or his wife, sibling).
                    add(rng.bernoulli(0.4) ? uniformInteger(0, 9) : uniformInteger(15, 40), sex)
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
    /// men (persons 15-64 and women follow from the total).
    ///
    /// Generalised raking (Deville & Särndal 1992, exponential distance): weights
    /// `w_h = d_h · exp(λ · x_h)`, with `d_h` equal starting weights and `x_h` the
    /// household's counts in each margin, and `λ` found by Newton's method on the convex
    /// dual `Σ_h w_h − λ·T` (gradient `Σ_h w_h x_h − T`, Hessian `Σ_h w_h x_h x_hᵀ`), with
    /// step halving. Sums run in household order, so the result is deterministic.
    static func rakeWeights(_ population: inout Population, calibration: CalibrationTargets) throws {
        let persons = try calibration.value("population")
        let households = try calibration.value("households")
        let sexRatio = try calibration.value("sex_ratio")
        let men = persons * sexRatio / (100 + sexRatio)
        var targets: [Double] = [households]
        for province in Province.allCases { targets.append(persons * (try calibration.value("province_share_\(province.code)"))) }
        targets.append(persons * (try calibration.value("urban_share")))
        targets.append(persons * (try calibration.value("age_share_under_15")))
        targets.append(persons * (try calibration.value("age_share_65_plus")))
        targets.append(men)
        let k = targets.count
        let hCount = population.householdCount
        // Counts per household and margin, household-major.
        var counts = [Double](repeating: 0, count: hCount * k)
        for h in 0..<hCount {
            let base = h * k
            counts[base] = 1
            for p in population.personRange(h) {
                counts[base + 1 + Int(population.province[p].rawValue)] += 1
                if population.urban[p] { counts[base + 6] += 1 }
                if population.age[p] < 15 { counts[base + 7] += 1 }
                if population.age[p] >= 65 { counts[base + 8] += 1 }
                if population.sex[p] == .male { counts[base + 9] += 1 }
            }
        }
        for m in 0..<k where targets[m] > 0 {
            var any = false
            for h in 0..<hCount where counts[h * k + m] > 0 { any = true; break }
            if !any {
                throw InputError(file: "--households", problem: "the population is too small to represent every census group (a census total of \(NumberText.grouped(targets[m])) has no members among the generated households)", value: String(hCount), fix: "generate more households (at least a few hundred)")
            }
        }
        let start = households / Double(hCount)
        var lambda = [Double](repeating: 0, count: k)
        /// Weights, gradient, Hessian and dual objective at λ.
        func evaluate(_ lambda: [Double], hessian: Bool) -> (weights: [Double], gradient: [Double], hessian: [Double], objective: Double) {
            var weights = [Double](repeating: 0, count: hCount)
            var gradient = [Double](repeating: 0, count: k)
            var matrix = [Double](repeating: 0, count: hessian ? k * k : 0)
            var total = 0.0
            counts.withUnsafeBufferPointer { x in
                weights.withUnsafeMutableBufferPointer { wOut in
                    gradient.withUnsafeMutableBufferPointer { g in
                        matrix.withUnsafeMutableBufferPointer { hm in
                            lambda.withUnsafeBufferPointer { l in
                                for h in 0..<hCount {
                                    let base = h * k
                                    var exponent = 0.0
                                    for m in 0..<k { exponent += l[m] * x[base + m] }
                                    let w = start * exp(exponent)
                                    wOut[h] = w
                                    total += w
                                    for m in 0..<k {
                                        let xm = x[base + m]
                                        if xm == 0 { continue }
                                        let wx = w * xm
                                        g[m] += wx
                                        if hessian {
                                            for n in m..<k { hm[m * k + n] += wx * x[base + n] }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            var objective = total
            for m in 0..<k {
                objective -= lambda[m] * targets[m]
                gradient[m] -= targets[m]
                if hessian { for n in 0..<m { matrix[m * k + n] = matrix[n * k + m] } }
            }
            return (weights, gradient, matrix, objective)
        }
        var current = evaluate(lambda, hessian: true)
        var iterations = 0
        defer {
            if ProcessInfo.processInfo.environment["SPSIM_DEBUG_RAKING"] != nil {
                FileHandle.standardError.write(Data("raking: \(iterations) Newton steps\n".utf8))
            }
        }
        for _ in 0..<30 {
            iterations += 1
            var worst = 0.0
            for m in 0..<k { worst = max(worst, abs(current.gradient[m]) / targets[m]) }
            if ProcessInfo.processInfo.environment["SPSIM_DEBUG_RAKING"] != nil {
                FileHandle.standardError.write(Data("raking step \(iterations): worst relative gap \(worst)\n".utf8))
            }
            // 1e-8 relative: about 2 persons in the census population. Tighter is not
            // reliably reachable: sums over a million households carry rounding of ~1e-9.
            if worst < 1e-8 { break }
            guard let step = solveLinearSystem(current.hessian, current.gradient.map { -$0 }, size: k) else { break }
            var scale = 1.0
            var accepted = false
            for _ in 0..<12 {
                let trial = (0..<k).map { lambda[$0] + scale * step[$0] }
                let value = evaluate(trial, hessian: false)
                // Allow rounding noise in the objective near the optimum.
                if value.objective <= current.objective + 1e-13 * abs(current.objective) {
                    lambda = trial
                    accepted = true
                    break
                }
                scale /= 2
            }
            if !accepted { break }
            current = evaluate(lambda, hessian: true)
        }
        // Six decimals: the weight prints short and reads back exactly.
        population.householdWeight = current.weights.map { max(1e-6, ($0 * 1e6).rounded() / 1e6) }
    }

    /// Solves `A x = b` (A symmetric positive definite, `size × size`, row-major) by
    /// Gaussian elimination with partial pivoting; nil when A is singular.
    static func solveLinearSystem(_ matrix: [Double], _ rhs: [Double], size n: Int) -> [Double]? {
        var a = matrix, b = rhs
        for column in 0..<n {
            var pivot = column
            for row in column..<n where abs(a[row * n + column]) > abs(a[pivot * n + column]) { pivot = row }
            guard abs(a[pivot * n + column]) > 1e-300 else { return nil }
            if pivot != column {
                for c in 0..<n { a.swapAt(column * n + c, pivot * n + c) }
                b.swapAt(column, pivot)
            }
            for row in (column + 1)..<n {
                let factor = a[row * n + column] / a[column * n + column]
                if factor == 0 { continue }
                for c in column..<n { a[row * n + c] -= factor * a[column * n + c] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for c in (row + 1)..<n { sum -= a[row * n + c] * x[c] }
            x[row] = sum / a[row * n + row]
        }
        return x
    }
}

// MARK: - Small concurrency helpers

/// Slots written once each from parallel work (each index by one thread only).
final class ResultSlots<Value>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()
    init(count: Int) { values = [Value?](repeating: nil, count: count) }
    subscript(_ index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return values[index] }
        set { lock.lock(); defer { lock.unlock() }; values[index] = newValue }
    }
    /// Removes and returns the value (frees its memory early).
    func take(_ index: Int) -> Value? {
        lock.lock(); defer { lock.unlock() }
        let value = values[index]
        values[index] = nil
        return value
    }
}

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
