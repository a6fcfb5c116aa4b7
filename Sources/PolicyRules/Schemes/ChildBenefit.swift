// A child benefit per child, paid to the household's recipient.
import PopulationData

/// Child benefit: a household with PMT score ≤ its cut-off and at least one child younger
/// than the maximum age receives the amount per such child if its household draw <
/// take-up, paid to the household's recipient. The children and the recipient count as
/// covered. Tax-financed.
public struct ChildBenefit: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "child_benefit", label: "Child benefit",
        summary: "a monthly benefit per young child in poorer households, paid to the household's recipient",
        parameters: [
            .init(name: "child_benefit.enabled", unit: "bool", kind: .flag, meaning: "whether the child benefit is paid", defaultValue: .flag(true)),
            .init(name: "child_benefit.amount", unit: "PKR/month", kind: .amount, meaning: "benefit per eligible child, paid to the household's recipient"),
            .init(name: "child_benefit.maximum_age", unit: "age", kind: .age, meaning: "children under this age are eligible"),
            .init(name: "child_benefit.pmt_cutoff", unit: "score", kind: .score, meaning: "eligible households: PMT score ≤ cut-off (100 = every household)"),
            .init(name: "child_benefit.take_up", unit: "/1", kind: .share, meaning: "share of eligible households that receive (by the household draw)", defaultValue: .number(1)),
        ],
        payer: .budget, contingency: .children, paidPerHousehold: true, costIndicator: "child_benefit_cost",
        beneficiaries: [BeneficiaryIndicator("child_benefit_children", .persons, label: "Children with a child benefit")])
    public static let separateCoverage = true

    public var enabled: Bool
    /// PKR per eligible child per month.
    public var amount: Double
    /// Children younger than this age are eligible.
    public var maximumAge: Int
    /// Households with PMT score ≤ cut-off are eligible (100 = every household).
    public var pmtCutoff: Double
    /// Eligible households receive when their household draw < take-up.
    public var takeUp: Double

    public init(enabled: Bool = true, amount: Double, maximumAge: Int, pmtCutoff: Double, takeUp: Double) {
        self.enabled = enabled; self.amount = amount; self.maximumAge = maximumAge; self.pmtCutoff = pmtCutoff; self.takeUp = takeUp
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), amount: values.number("amount"), maximumAge: values.whole("maximum_age"),
                  pmtCutoff: values.number("pmt_cutoff"), takeUp: values.number("take_up"))
    }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population
        for h in block.households where population.pmtScore[h] <= pmtCutoff && takesUp(population.householdDraw[h], takeUp) {
            var children = 0
            for p in population.personRange(h) where Int(population.age[p]) < maximumAge {
                columns.beneficiary[p] = true
                columns.covered[p] = true
                children += 1
            }
            guard children > 0 else { continue }
            let total = amount * Double(children)
            let recipient = Int(result.recipient[h])
            columns.householdReceives[h] = true
            columns.householdAmount[h] = total
            columns.received[recipient] += total
            if total > 0 { columns.covered[recipient] = true }
        }
    }
}
