import Foundation
import GSLStatistics
import PopulationData
import SpsimSupport
import Yams

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
        let file = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputErrors([InputError(file: file, problem: "cannot read the mortality and fertility file", fix: "check the path (the shipped one is scenarios/demography/mortality-fertility.yaml)")])
        }
        var reader = YAMLReader(file: file)
        guard let root = reader.root(text), let top = reader.mapping(root, "(top level)") else { throw InputErrors(reader.errors) }
        var title = "", baseYear: Int?
        var values: [String: Double] = [:], sources: [String: String] = [:]
        for (key, keyNode, value) in top {
            switch key {
            case "title": title = reader.text(value, key) ?? ""
            case "reference", "description": _ = reader.text(value, key)
            case "base_year":
                if let n = reader.number(value, key, fix: "give the year of the figures, e.g. 2020"), n == n.rounded(), (1900...2200).contains(n) { baseYear = Int(n) }
                else { reader.fail(value, key, "not a year", value: value.scalar?.string, fix: "give the year of the figures, e.g. 2020") }
            case "parameters":
                guard let parameters = reader.mapping(value, key) else { continue }
                for (name, nameNode, body) in parameters {
                    let path = "parameters.\(name)"
                    guard let unit = units[name] else {
                        let hint = nearest(to: name, among: Array(units.keys)).map { "did you mean '\($0)'? " } ?? ""
                        reader.fail(nameNode, path, "unknown parameter", value: name, fix: "\(hint)the parameters are \(units.keys.sorted().joined(separator: ", "))")
                        continue
                    }
                    guard let fields = reader.mapping(body, path) else { continue }
                    var valueNode: Node?, hasUnit = false
                    for (field, fieldNode, fieldValue) in fields {
                        switch field {
                        case "description": _ = reader.text(fieldValue, "\(path).description")
                        case "unit":
                            hasUnit = true
                            if let given = reader.text(fieldValue, "\(path).unit"), given != unit {
                                reader.fail(fieldValue, "\(path).unit", "wrong unit", value: given, fix: "this parameter is in '\(unit)'")
                            }
                        case "source": sources[name] = reader.text(fieldValue, "\(path).source")
                        case "value": valueNode = fieldValue
                        default: reader.fail(fieldNode, "\(path).\(field)", "unknown field", value: field, fix: "use description, unit, source and value")
                        }
                    }
                    if !hasUnit { reader.fail(nameNode, path, "the unit is missing", fix: "add 'unit: \(unit)'") }
                    if (sources[name] ?? "").isEmpty { reader.fail(nameNode, path, "the source is missing", fix: "add 'source: …' naming the publication or saying it is an assumption") }
                    guard let valueNode else { reader.fail(nameNode, path, "the value is missing", fix: "add 'value: …' in \(unit)"); continue }
                    guard let v = reader.number(valueNode, "\(path).value", fix: "write a number in \(unit)") else { continue }
                    let valid = range(name)
                    if !valid.contains(v) {
                        reader.fail(valueNode, "\(path).value", "out of range", value: valueNode.scalar?.string,
                                    fix: "give a value from \(valid.lowerBound) to \(valid.upperBound) \(unit)\(unit.hasPrefix("/") ? " (rates as fractions: 0.056 for 56 per 1,000)" : "")")
                    } else { values[name] = v }
                }
            default:
                reader.fail(keyNode, key, "unknown top-level key", value: key, fix: "the keys are title, reference, description, base_year and parameters")
            }
        }
        if baseYear == nil { reader.fail(root, "base_year", "the base year is missing", fix: "add 'base_year: 2020' (the year of the figures)") }
        for name in units.keys.sorted() where values[name] == nil && !reader.errors.contains(where: { $0.column == "parameters.\(name)" || $0.column?.hasPrefix("parameters.\(name).") == true }) {
            reader.fail(root, "parameters.\(name)", "the parameter is missing", fix: "add '\(name)' with unit \(units[name] ?? "") and its source")
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return DemographyAssumptions(file: file, title: title, baseYear: baseYear ?? 2020, values: values, sources: sources)
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
        z = mix(z ^ UInt64(bitPattern: person))
        z = mix(z &+ UInt64(bitPattern: Int64(year)) &* 0xD1B5_4A32_D192_ED03)
        return Double(z >> 11) * 0x1p-53
    }

    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
