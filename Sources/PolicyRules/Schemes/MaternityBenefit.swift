// A contributory maternity benefit along ILO Convention 102, Part VIII.
import PopulationData

/// What a maternity benefit replaces.
public enum MaternityReference: String, Sendable, CaseIterable {
    /// The woman's earnings after the minimum-wage floor.
    case earnings
    /// The contributory scheme's contribution base (the minimum wage under EOBI).
    case contributionBase = "contribution_base"
}

/// Maternity benefit: an insured woman (an active contributor: formal contributor or
/// extension enrollee of the contributory scheme) who gave birth in the year
/// (`birth_in_year`) receives `replacement_rate` × her reference earnings for `weeks`
/// weeks, i.e. a yearly total of rate × reference × weeks × 12 / 52, shown as a monthly
/// flow (÷ 12). Paid from social-insurance contributions (C102 Part VIII; the
/// convention's reference level is 45% for 12 weeks). Runs after the contributory scheme.
public struct MaternityBenefit: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "maternity_benefit", label: "Maternity benefit",
        summary: "cash maternity benefit for insured women who give birth, a share of their earnings for a number of weeks (C102 Part VIII)",
        parameters: [
            .init(name: "maternity_benefit.enabled", unit: "bool", kind: .flag, meaning: "whether the maternity benefit is paid", defaultValue: .flag(true)),
            .init(name: "maternity_benefit.replacement_rate", unit: "/1", kind: .share, meaning: "benefit as a share of the reference earnings (C102: at least 0.45)"),
            .init(name: "maternity_benefit.weeks", unit: "weeks", kind: .positiveCount, meaning: "weeks of benefit per birth (C102: at least 12)"),
            .init(name: "maternity_benefit.reference", unit: "text", kind: .choice(MaternityReference.allCases.map(\.rawValue)),
                  meaning: "`earnings` (the woman's earnings after the floor) or `contribution_base` (the contributory scheme's base)", defaultValue: .text(MaternityReference.earnings.rawValue)),
        ],
        payer: .socialInsurance, contingency: .maternity, costIndicator: "maternity_benefit_cost",
        beneficiaries: [BeneficiaryIndicator("maternity_beneficiaries", .persons, label: "Women with a maternity benefit")])

    public var enabled: Bool
    public var replacementRate: Double
    public var weeks: Double
    public var reference: MaternityReference

    public init(enabled: Bool = true, replacementRate: Double, weeks: Double, reference: MaternityReference) {
        self.enabled = enabled; self.replacementRate = replacementRate; self.weeks = weeks; self.reference = reference
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), replacementRate: values.number("replacement_rate"), weeks: values.number("weeks"),
                  reference: values.choice("reference", MaternityReference.earnings))
    }

    /// Paid for `weeks` of the year (at most all of it).
    public var paymentPeriodShare: Double { min(1, weeks / 52) }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population
        let contributory = context.policy[ContributoryInsurance.self]
        let minimumWage = context.policy[MinimumWageFloor.self]?.amount ?? 0
        for p in block.persons where population.birthInYear[p] && result.contributorStatus[p].isActive {
            let earnings: Double
            switch reference {
            case .earnings: earnings = result.earningsAfterFloor[p]
            case .contributionBase: earnings = contributory?.contributionBase == .earnings ? result.earningsAfterFloor[p] : minimumWage
            }
            columns.beneficiary[p] = true
            columns.received[p] = replacementRate * earnings * weeks / 52
        }
    }
}
