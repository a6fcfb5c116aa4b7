// The parameters spsim knows: name, unit and what values make sense. This is the
// *shape* of the policy (what can be set), not the policy: every value comes from a file.

/// What kind of value a parameter takes, and the range checked when a file is loaded.
public enum ParameterKind: Sendable, Equatable {
    /// A money amount, ≥ 0.
    case amount
    /// A rate or share in [0, 1].
    case share
    /// A growth rate per year, > −1 (may be negative).
    case growth
    /// A number of years, ≥ 0, whole.
    case years
    /// An age, whole, 0–120.
    case age
    /// A proxy-means-test score, 0–100.
    case score
    /// A positive number (e.g. the accrual divisor).
    case positiveCount
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
}

/// The catalog of every parameter a parameter file must define and a scenario may change.
public enum ParameterCatalog {
    public static let definitions: [ParameterDefinition] = [
        .init(name: "minimum_wage.amount", unit: "PKR/month", kind: .amount, meaning: "statutory monthly minimum wage"),
        .init(name: "minimum_wage.compliance_formal", unit: "/1", kind: .share, meaning: "share of the shortfall to the minimum wage paid to formal employees"),
        .init(name: "minimum_wage.compliance_informal", unit: "/1", kind: .share, meaning: "the same for informal employees"),
        .init(name: "minimum_wage.compliance_mode", unit: "text", kind: .choice(ComplianceMode.allCases.map(\.rawValue)), meaning: "expected or stochastic floor"),
        .init(name: "contributory.contribution_rate", unit: "/1", kind: .share, meaning: "total contribution rate of the contribution base"),
        .init(name: "contributory.contribution_base", unit: "text", kind: .choice(ContributionBase.allCases.map(\.rawValue)), meaning: "minimum_wage or earnings"),
        .init(name: "contributory.employee_rate", unit: "/1", kind: .share, meaning: "formal employee's part of the contribution rate"),
        .init(name: "contributory.pension_age_men", unit: "age", kind: .age, meaning: "pension age of men"),
        .init(name: "contributory.pension_age_women", unit: "age", kind: .age, meaning: "pension age of women"),
        .init(name: "contributory.minimum_years", unit: "years", kind: .years, meaning: "contributory years needed for a pension"),
        .init(name: "contributory.minimum_pension", unit: "PKR/month", kind: .amount, meaning: "minimum contributory pension"),
        .init(name: "contributory.accrual_divisor", unit: "count", kind: .positiveCount, meaning: "pension = minimum wage × years ÷ divisor"),
        .init(name: "household_transfer.enabled", unit: "bool", kind: .flag, meaning: "whether the household transfer is paid"),
        .init(name: "household_transfer.amount", unit: "PKR/month", kind: .amount, meaning: "transfer per household"),
        .init(name: "household_transfer.pmt_cutoff", unit: "score", kind: .score, meaning: "eligible when PMT score ≤ cut-off"),
        .init(name: "household_transfer.take_up", unit: "/1", kind: .share, meaning: "share of eligible households that receive"),
        .init(name: "household_transfer.recipient", unit: "text", kind: .choice(RecipientRule.allCases.map(\.rawValue)), meaning: "who in the household is paid"),
        .init(name: "household_transfer.recipient_minimum_age", unit: "age", kind: .age, meaning: "minimum age of a woman recipient"),
        .init(name: "social_pension.enabled", unit: "bool", kind: .flag, meaning: "whether the social pension is paid"),
        .init(name: "social_pension.amount", unit: "PKR/month", kind: .amount, meaning: "social pension per person"),
        .init(name: "social_pension.age", unit: "age", kind: .age, meaning: "age from which the social pension is paid"),
        .init(name: "social_pension.take_up", unit: "/1", kind: .share, meaning: "share of eligible persons who receive"),
        .init(name: "child_benefit.enabled", unit: "bool", kind: .flag, meaning: "whether the child benefit is paid"),
        .init(name: "child_benefit.amount", unit: "PKR/month", kind: .amount, meaning: "benefit per eligible child"),
        .init(name: "child_benefit.maximum_age", unit: "age", kind: .age, meaning: "children under this age are eligible"),
        .init(name: "child_benefit.pmt_cutoff", unit: "score", kind: .score, meaning: "eligible households: PMT score ≤ cut-off"),
        .init(name: "child_benefit.take_up", unit: "/1", kind: .share, meaning: "share of eligible households that receive"),
        .init(name: "disability_benefit.enabled", unit: "bool", kind: .flag, meaning: "whether the disability benefit is paid"),
        .init(name: "disability_benefit.amount", unit: "PKR/month", kind: .amount, meaning: "benefit per person with a disability"),
        .init(name: "disability_benefit.pmt_cutoff", unit: "score", kind: .score, meaning: "eligible: PMT score ≤ cut-off"),
        .init(name: "disability_benefit.take_up", unit: "/1", kind: .share, meaning: "share of eligible persons who receive"),
        .init(name: "poverty.line", unit: "PKR/month", kind: .amount, meaning: "poverty line per adult equivalent"),
        .init(name: "poverty.child_weight", unit: "/1", kind: .share, meaning: "adult-equivalence weight of a child"),
        .init(name: "poverty.adult_age", unit: "age", kind: .age, meaning: "age from which a person counts as one adult equivalent"),
        .init(name: "economy.gdp", unit: "PKR/year", kind: .amount, meaning: "nominal GDP"),
        .init(name: "economy.cpi_inflation", unit: "/year", kind: .growth, meaning: "CPI inflation by year"),
        .init(name: "economy.nominal_wage_growth", unit: "/year", kind: .growth, meaning: "nominal wage growth by year"),
        .init(name: "economy.nominal_gdp_growth", unit: "/year", kind: .growth, meaning: "nominal GDP growth by year"),
    ]

    /// Definitions by name.
    public static let byName: [String: ParameterDefinition] = Dictionary(uniqueKeysWithValues: definitions.map { ($0.name, $0) })

    /// The known units (docs/scenario-format.md).
    public static let units: [String] = ["PKR/month", "PKR/year", "/1", "/year", "years", "age", "score", "persons", "households", "count", "bool", "text", "list"]

    /// The known name closest to `name` by edit distance (for "did you mean").
    public static func nearest(to name: String, among candidates: [String] = definitions.map(\.name)) -> String? {
        var best: (String, Int)?
        for candidate in candidates {
            let d = editDistance(name, candidate)
            if let current = best, d >= current.1 { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Levenshtein distance between two strings (by Unicode scalar).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
