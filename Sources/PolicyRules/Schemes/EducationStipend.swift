// Benazir Taleemi Wazaif: BISP's education stipends for the children of Kafaalat households.
import PopulationData

/// Education stipend: in a household receiving the household transfer (Kafaalat), each
/// child enrolled at primary, secondary or higher-secondary level (`school_level`) whose
/// take-up draw is below the take-up rate earns the quarterly stipend of their level and
/// sex; the household's stipends are paid to its recipient (the mother, under
/// `oldest_adult_woman`). The children and the recipient count as covered. Tax-financed.
/// Amounts are written per quarter, as BISP publishes them, and paid as monthly flows
/// (÷ 3). Without a household transfer in the scenario nobody is eligible. The one-off
/// bonus for girls completing primary school is not modelled.
public struct EducationStipend: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "education_stipend", label: "Education stipends (Taleemi Wazaif)",
        summary: "quarterly stipends per enrolled child in households receiving the household transfer, by school level and sex, paid to the mother",
        parameters: [
            .init(name: "education_stipend.enabled", unit: "bool", kind: .flag, meaning: "whether the stipends are paid", defaultValue: .flag(true)),
            .init(name: "education_stipend.primary_girls", unit: "PKR/quarter", kind: .amount, meaning: "stipend per girl enrolled in primary school"),
            .init(name: "education_stipend.primary_boys", unit: "PKR/quarter", kind: .amount, meaning: "stipend per boy enrolled in primary school"),
            .init(name: "education_stipend.secondary_girls", unit: "PKR/quarter", kind: .amount, meaning: "stipend per girl enrolled in secondary school (grades 6-10)"),
            .init(name: "education_stipend.secondary_boys", unit: "PKR/quarter", kind: .amount, meaning: "stipend per boy enrolled in secondary school (grades 6-10)"),
            .init(name: "education_stipend.higher_secondary_girls", unit: "PKR/quarter", kind: .amount, meaning: "stipend per girl enrolled in higher secondary (grades 11-12)"),
            .init(name: "education_stipend.higher_secondary_boys", unit: "PKR/quarter", kind: .amount, meaning: "stipend per boy enrolled in higher secondary (grades 11-12)"),
            .init(name: "education_stipend.take_up", unit: "/1", kind: .share,
                  meaning: "share of enrolled children of transfer households who are registered and meet the attendance condition (by the child's take-up draw)", defaultValue: .number(1)),
        ],
        payer: .budget, contingency: .children, paidPerHousehold: true, costIndicator: "education_stipend_cost",
        beneficiaries: [BeneficiaryIndicator("education_stipend_children", .persons, label: "Children with an education stipend")])
    public static let separateCoverage = true

    public var enabled: Bool
    /// PKR per quarter, by level (primary, secondary, higher secondary) for girls and boys.
    public var girls: [Double]
    public var boys: [Double]
    public var takeUp: Double

    public init(enabled: Bool = true, girls: [Double], boys: [Double], takeUp: Double) {
        self.enabled = enabled; self.girls = girls; self.boys = boys; self.takeUp = takeUp
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"),
                  girls: [values.number("primary_girls"), values.number("secondary_girls"), values.number("higher_secondary_girls")],
                  boys: [values.number("primary_boys"), values.number("secondary_boys"), values.number("higher_secondary_boys")],
                  takeUp: values.number("take_up"))
    }

    /// The monthly stipend for a child at `level` of `sex` (0 when not enrolled).
    @inline(__always) func monthly(_ level: SchoolLevel, _ sex: Sex) -> Double {
        guard level != .none else { return 0 }
        let i = Int(level.rawValue) - 1
        return (sex == .female ? girls[i] : boys[i]) / 3
    }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        guard let transfer = result.columns(of: HouseholdTransfer.self) else { return }
        let population = context.population
        for h in block.households where transfer.householdReceives[h] {
            var total = 0.0, children = 0
            for p in population.personRange(h) where population.schoolLevel[p] != .none && takesUp(population.takeUpDraw[p], takeUp) {
                total += monthly(population.schoolLevel[p], population.sex[p])
                columns.beneficiary[p] = true
                columns.covered[p] = true
                children += 1
            }
            guard children > 0 else { continue }
            let recipient = Int(result.recipient[h])
            columns.householdReceives[h] = true
            columns.householdAmount[h] = total
            columns.received[recipient] += total
            if total > 0 { columns.covered[recipient] = true }
        }
    }
}
