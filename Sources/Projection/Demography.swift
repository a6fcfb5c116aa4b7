import Foundation
import GSLStatistics
import PopulationData
import SpsimSupport

/// The force of mortality of the Siler model at age x (years):
/// μ(x) = a1·e^(−b1·x) + a2 + a3·e^(b3·x) (scenarios/demography/mortality-fertility.yaml,
/// docs/demography.md). Everything follows in closed form from the cumulative hazard
/// H(t) = a1/b1·(1 − e^(−b1·t)) + a2·t + a3/b3·(e^(b3·t) − 1): survival S(t) = e^(−H(t)).
public struct SilerHazard: Sendable, Equatable {
    public var a1: Double, b1: Double, a2: Double, a3: Double, b3: Double

    public init(a1: Double, b1: Double, a2: Double, a3: Double, b3: Double) {
        self.a1 = a1; self.b1 = b1; self.a2 = a2; self.a3 = a3; self.b3 = b3
    }

    @inline(__always) public func cumulative(_ t: Double) -> Double {
        a1 / b1 * -expm1(-b1 * t) + a2 * t + a3 / b3 * expm1(b3 * t)
    }

    @inline(__always) public func survival(_ t: Double) -> Double { exp(-cumulative(t)) }

    /// Every term multiplied by `factor` (mortality improvement: (1 − r)^years).
    public func scaled(_ factor: Double) -> SilerHazard {
        SilerHazard(a1: a1 * factor, b1: b1, a2: a2 * factor, a3: a3 * factor, b3: b3)
    }

    /// ∫ S(t) dt from `from` to `to` by composite Simpson's rule, 64 steps a year
    /// (the error is below 1e-9 years for the smooth survival curves fitted here).
    public func personYears(from: Double, to: Double) -> Double {
        let steps = max(2, Int(((to - from) * 64).rounded(.up)) & ~1)
        let h = (to - from) / Double(steps)
        var sum = survival(from) + survival(to)
        for i in 1..<steps { sum += (i % 2 == 1 ? 4 : 2) * survival(from + Double(i) * h) }
        return sum * h / 3
    }

    /// Life expectancy at age x: ∫ₓ^∞ S ÷ S(x) (integrated to age 150, where S is nil).
    public func lifeExpectancy(at age: Double = 0) -> Double {
        personYears(from: age, to: 150) / survival(age)
    }

    /// The probability of dying between ages x and x + 1 for a person alive at x.
    public func probabilityOfDying(age: Int) -> Double {
        let x = Double(age)
        return -expm1(cumulative(x) - cumulative(x + 1))
    }

    /// Deaths per person-year lived between x and x + 1 (the central death rate mₓ).
    public func centralDeathRate(age: Int) -> Double {
        let x = Double(age)
        return (survival(x) - survival(x + 1)) / personYears(from: x, to: x + 1)
    }
}

/// Mortality and fertility assumptions, read from a parameter file and fitted.
public struct DemographyAssumptions: Sendable {
    public var file: String
    public var title: String
    public var baseYear: Int
    /// Every parameter's value and source, by name.
    public var values: [String: Double]
    public var sources: [String: String]

    /// The file's parameters: name → unit (every one is required).
    public static let units: [String: String] = [
        "life_expectancy_women": "years", "life_expectancy_men": "years", "infant_mortality": "/1",
        "infant_decline": "/year", "background_mortality": "/year", "senescent_slope": "/year", "mortality_improvement": "/year",
        "fertility_20_24": "/year", "fertility_25_29": "/year", "fertility_30_34": "/year", "fertility_35_39": "/year",
        "general_fertility_rate": "/year", "fertility_shape_15_19": "/1", "fertility_shape_40_44": "/1", "fertility_shape_45_49": "/1",
        "crude_death_rate": "/year", "crude_birth_rate": "/year",
    ]

    /// The valid range of each parameter (checked on reading).
    static func range(_ name: String) -> ClosedRange<Double> {
        switch name {
        case "life_expectancy_women", "life_expectancy_men": return 20...100
        case "infant_mortality": return 0.0001...0.5
        case "infant_decline": return 0.05...20
        case "background_mortality": return 0...0.05
        case "senescent_slope": return 0.02...0.3
        case "mortality_improvement": return -0.05...0.1
        case "fertility_shape_15_19", "fertility_shape_40_44", "fertility_shape_45_49": return 0...100
        default: return 0...1
        }
    }

    public func value(_ name: String) -> Double { values[name] ?? .nan }

    /// Reads and checks the whole file (every problem with its line and key).
    public static func load(_ url: URL) throws(InputErrors) -> DemographyAssumptions {
        let read = try NumericParameterFile.load(url, units: units, range: range, what: "the mortality and fertility file",
                                                 shipped: "scenarios/demography/mortality-fertility.yaml", needsBaseYear: true)
        return DemographyAssumptions(file: read.file, title: read.title, baseYear: read.baseYear ?? 2020, values: read.values, sources: read.sources)
    }

    // MARK: - Mortality

    /// The Siler hazard of `sex` in the base year: the shapes and background as given,
    /// a1 from the infant mortality rate (closed form, given a3) and a3 found by GSL's
    /// Brent method on log₁₀ a3 ∈ [−9, −0.5] so that e₀ equals the sex's life expectancy.
    public func mortality(_ sex: Sex) throws -> SilerHazard {
        let b1 = value("infant_decline"), a2 = value("background_mortality"), b3 = value("senescent_slope")
        let infantHazard = -log1p(-value("infant_mortality"))
        let target = value(sex == .female ? "life_expectancy_women" : "life_expectancy_men")
        func hazard(log10a3: Double) -> SilerHazard {
            let a3 = pow(10, log10a3)
            let a1 = (infantHazard - a2 - a3 / b3 * expm1(b3)) * b1 / -expm1(-b1)
            return SilerHazard(a1: a1, b1: b1, a2: a2, a3: a3, b3: b3)
        }
        let log10a3: Double
        do {
            log10a3 = try RootFinder.brent(bracket: -9 ... -0.5, absoluteTolerance: 1e-13, relativeTolerance: 0) { hazard(log10a3: $0).lifeExpectancy() - target }
        } catch {
            throw InputError(file: file, column: "parameters.life_expectancy_\(sex == .female ? "women" : "men")",
                             problem: "no Siler table with the given shapes has this life expectancy and infant mortality (\(error))", value: String(target),
                             fix: "check the life expectancy, infant mortality and the assumed shapes (infant_decline, background_mortality, senescent_slope)")
        }
        let fitted = hazard(log10a3: log10a3)
        guard fitted.a1 > 0 else {
            throw InputError(file: file, column: "parameters.infant_mortality", problem: "the infant mortality is below what the background and senescent terms alone give", value: String(value("infant_mortality")),
                             fix: "lower background_mortality or check the infant mortality rate (a fraction: 0.056 for 56 per 1,000)")
        }
        return fitted
    }

    /// The hazard of `sex` in `year`: the base year's with every term reduced by the
    /// mortality improvement for each year since (none before the base year).
    public func mortality(_ sex: Sex, year: Int) throws -> SilerHazard {
        let years = Double(max(0, year - baseYear))
        return try mortality(sex).scaled(pow(1 - value("mortality_improvement"), years))
    }

    // MARK: - Fertility

    /// The seven five-year groups of women's ages 15-49.
    public static let fertilityGroups = ["15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49"]

    /// Births per woman per year by five-year group (15-19 … 45-49): the published groups
    /// as given; the others the stated shape times a level s chosen so that the general
    /// fertility rate on `women` (weighted women by group, the same order) equals the
    /// published one: Σ_known r·W + s·Σ_missing shape·W = GFR·ΣW.
    public func fertility(women: [Double]) throws -> [Double] {
        guard women.count == 7, women.allSatisfy({ $0 >= 0 && $0.isFinite }), women.reduce(0, +) > 0 else {
            throw InputError(file: file, problem: "the population has no women aged 15-49 to fit the general fertility rate on", fix: "use a population with women of those ages")
        }
        var rates = [0, value("fertility_20_24"), value("fertility_25_29"), value("fertility_30_34"), value("fertility_35_39"), 0, 0]
        let shape = [value("fertility_shape_15_19"), 0, 0, 0, 0, value("fertility_shape_40_44"), value("fertility_shape_45_49")]
        let known = zip(rates, women).map(*).reduce(0, +)
        let missing = zip(shape, women).map(*).reduce(0, +)
        let needed = value("general_fertility_rate") * women.reduce(0, +) - known
        guard missing > 0, needed >= 0 else {
            throw InputError(file: file, column: "parameters.general_fertility_rate",
                             problem: "the published age groups alone give more births than the general fertility rate allows on this population", value: String(value("general_fertility_rate")),
                             fix: "check the rates (births per woman per year, e.g. 0.176) and the general fertility rate")
        }
        let level = needed / missing
        for g in rates.indices where shape[g] > 0 { rates[g] = level * shape[g] }
        return rates
    }
}

/// A uniform number in [0, 1) for an event of a person in a year: SplitMix64's finaliser
/// over (seed, person, year, event), so a birth, death or transition is the same whatever
/// the number of threads and whatever else happens in the run (docs/demography.md).
public enum EventDraw {
    public static func uniform(seed: UInt64, person: Int64, year: Int, event: UInt64) -> Double {
        var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (event &+ 1)
        z = SplitMix64.finalise(z ^ UInt64(bitPattern: person))
        z = SplitMix64.finalise(z &+ UInt64(bitPattern: Int64(year)) &* 0xD1B5_4A32_D192_ED03)
        return Double(z >> 11) * 0x1p-53
    }
}
