// A disability benefit per person with a disability.
import PopulationData

/// Disability benefit: a person with a disability in a household with PMT score ≤
/// cut-off receives the amount if their benefit draw < take-up. Tax-financed.
public struct DisabilityBenefit: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "disability_benefit", label: "Disability benefit",
        summary: "a flat monthly benefit for persons with a disability in poorer households",
        parameters: [
            .init(name: "disability_benefit.enabled", unit: "bool", kind: .flag, meaning: "whether the disability benefit is paid", defaultValue: .flag(true)),
            .init(name: "disability_benefit.amount", unit: "PKR/month", kind: .amount, meaning: "benefit per person with a disability"),
            .init(name: "disability_benefit.pmt_cutoff", unit: "score", kind: .score, meaning: "eligible: PMT score ≤ cut-off (100 = everyone)"),
            .init(name: "disability_benefit.take_up", unit: "/1", kind: .share, meaning: "share of eligible persons who receive (by the person's benefit draw)", defaultValue: .number(1)),
        ],
        payer: .budget, contingency: .disability, costIndicator: "disability_benefit_cost",
        beneficiaries: [BeneficiaryIndicator("disability_beneficiaries", .persons, label: "Disability benefit recipients")])

    public var enabled: Bool
    /// PKR per person per month.
    public var amount: Double
    /// Persons in households with PMT score ≤ cut-off are eligible (100 = everyone).
    public var pmtCutoff: Double
    /// Paid when the person's benefit draw < take-up.
    public var takeUp: Double

    public init(enabled: Bool = true, amount: Double, pmtCutoff: Double, takeUp: Double) {
        self.enabled = enabled; self.amount = amount; self.pmtCutoff = pmtCutoff; self.takeUp = takeUp
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), amount: values.number("amount"), pmtCutoff: values.number("pmt_cutoff"), takeUp: values.number("take_up"))
    }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population
        for h in block.households where population.pmtScore[h] <= pmtCutoff {
            for p in population.personRange(h) where population.disabled[p] && takesUp(population.benefitDraw[p], takeUp) {
                columns.beneficiary[p] = true
                columns.received[p] = amount
            }
        }
    }
}
