// The parameters spsim knows: name, unit and what values make sense. This is the
// *shape* of the policy (what can be set), not the policy: every value comes from a file.

/// What kind of value a parameter takes, and the range checked when a file is loaded.
public enum ParameterKind: Sendable, Equatable {
    /// A money amount, 0 to 1e15 (no policy can mean more).
    case amount
    /// A rate or share in [0, 1].
    case share
    /// A growth rate per year, above −1 (may be negative) and at most 1 (+100% a year).
    case growth
    /// A number of years, whole, 0 to 100.
    case years
    /// An age, whole, 0–120.
    case age
    /// A proxy-means-test score, 0–100.
    case score
    /// A count such as the accrual divisor, 1 to 10,000.
    case positiveCount
    /// An index (a multiplier such as the uprating of pensions in payment), above 0 and at
    /// most 1,000; like a money amount, its fiscal-year value is the mean over the months.
    case index
    /// true / false.
    case flag
    /// One word from the list.
    case choice([String])
}

/// The definition of one known parameter.
public struct ParameterDefinition: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var kind: ParameterKind
    public var meaning: String
    /// The value used when a scenario that uses the parameter's scheme does not give it;
    /// nil when it must be given (every policy amount, rate and cut-off).
    public var defaultValue: ParameterValue?

    public init(name: String, unit: String, kind: ParameterKind, meaning: String, defaultValue: ParameterValue? = nil) {
        self.name = name; self.unit = unit; self.kind = kind; self.meaning = meaning; self.defaultValue = defaultValue
    }

    /// The valid range or values, for docs and messages.
    public var validValues: String {
        switch kind {
        case .amount: return "0 to 1e15"
        case .share: return "0 to 1"
        case .growth: return "above −1, at most 1"
        case .years: return "whole, 0 to 100"
        case .age: return "whole, 0 to 120"
        case .score: return "0 to 100"
        case .positiveCount: return "1 to 10,000"
        case .index: return "above 0, at most 1,000"
        case .flag: return "true or false"
        case .choice(let words): return words.joined(separator: " | ")
        }
    }
}

/// What poverty, the poverty gap and the Gini are measured on (`poverty.welfare_measure`).
public enum WelfareMeasure: String, CaseIterable, Sendable {
    /// Household consumption per adult equivalent: before the schemes the population's
    /// consumption, after them + propensity × (policy − market income). The official method.
    case consumption
    /// Household income per adult equivalent: earnings, income beyond earnings (the
    /// population's other income columns) and, after policy, benefits net of contributions.
    case income
    /// Earnings (and, after policy, benefits net of contributions) only, as conformance case R1.
    case earningsIncome = "earnings_income"
}

/// The catalog of every parameter a parameter file may define and a scenario may change:
/// the measurement and economy parameters every file must define, then each registered
/// scheme's parameters (a file defines a scheme's parameters only if it uses the scheme).
public enum ParameterCatalog {
    /// Parameters every parameter file must define: how poverty is measured and the economy.
    public static let core: [ParameterDefinition] = [
        .init(name: "poverty.line", unit: "PKR/month", kind: .amount, meaning: "poverty line per adult equivalent"),
        .init(name: "poverty.child_weight", unit: "/1", kind: .share, meaning: "adult-equivalence weight of a child"),
        .init(name: "poverty.adult_age", unit: "age", kind: .age, meaning: "age from which a person counts as one adult equivalent"),
        .init(name: "poverty.welfare_measure", unit: "text", kind: .choice(WelfareMeasure.allCases.map(\.rawValue)),
              meaning: "what poverty and inequality are measured on: consumption (the official method), income (earnings, income beyond earnings and benefits) or earnings_income (earnings and benefits only, conformance case R1)",
              defaultValue: .text(WelfareMeasure.income.rawValue)),
        .init(name: "poverty.consumption_propensity", unit: "/1", kind: .share,
              meaning: "share of the change in income from the modelled schemes (policy − market income) that changes consumption",
              defaultValue: .number(1)),
        .init(name: "economy.gdp", unit: "PKR/year", kind: .amount, meaning: "nominal GDP"),
        .init(name: "economy.cpi_inflation", unit: "/year", kind: .growth, meaning: "CPI inflation by year"),
        .init(name: "economy.nominal_wage_growth", unit: "/year", kind: .growth, meaning: "nominal wage growth by year"),
        .init(name: "economy.nominal_gdp_growth", unit: "/year", kind: .growth, meaning: "nominal GDP growth by year"),
    ]

    /// The reference levels benefits are judged against (ILO C102's minimum benefit for a
    /// standard beneficiary, as a share of the reference wage, by contingency). Optional:
    /// a file that leaves one out gets no C102 check for that contingency (`adequacy_c102`
    /// records are then absent). The values are data with a source (the baseline cites
    /// shared/reference/administrative-data.md), never constants in code.
    public static let standards: [ParameterDefinition] = c102Parameters.map { contingency, name in
        .init(name: name, unit: "/1", kind: .share,
              meaning: "ILO C102 minimum \(contingency.rawValue.replacingOccurrences(of: "_", with: "-")) benefit for a standard beneficiary, as a share of the reference wage (adequacy indicators; optional)")
    }

    /// The contingencies that have a C102 reference level, and the parameter giving it.
    public static let c102Parameters: [(Contingency, String)] = [
        (.oldAge, "adequacy.c102_old_age"),
        (.disability, "adequacy.c102_disability"),
        (.maternity, "adequacy.c102_maternity"),
    ]

    /// Every known parameter: the core ones, the optional standards, then each scheme's in registry order.
    public static let definitions: [ParameterDefinition] = core + standards + SchemeRegistry.declarations.flatMap(\.parameters)

    /// Definitions by name.
    public static let byName: [String: ParameterDefinition] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })

    /// The factor that turns a money amount written in `unit` into `target` (PKR/month,
    /// PKR/quarter and PKR/year convert: a quarter is 3 months, a year 12), or nil when
    /// the two units do not convert.
    public static func conversion(from unit: String, to target: String) -> Double? {
        let months: [String: Double] = ["PKR/month": 1, "PKR/quarter": 3, "PKR/year": 12]
        guard let a = months[unit], let b = months[target] else { return nil }
        return b / a
    }

    /// The known units (docs/scenario-format.md).
    public static let units: [String] = ["PKR/month", "PKR/quarter", "PKR/year", "weeks", "/1", "/year", "years", "age", "score", "persons", "households", "count", "bool", "text", "list"]
}
