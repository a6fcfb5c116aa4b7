// A categorical old-age pension for those without a contributory pension.
import PopulationData

/// Social pension: a person at or above its age without a contributory pension receives
/// the amount if their benefit draw < take-up. Tax-financed.
public struct SocialPension: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "social_pension", label: "Social pension",
        summary: "a flat pension from a given age for older persons without a contributory pension",
        parameters: [
            .init(name: "social_pension.enabled", unit: "bool", kind: .flag, meaning: "whether the social pension is paid", defaultValue: .flag(true)),
            .init(name: "social_pension.amount", unit: "PKR/month", kind: .amount, meaning: "social pension per person"),
            .init(name: "social_pension.age", unit: "age", kind: .age, meaning: "age from which it is paid (both sexes), to those without a contributory pension"),
            .init(name: "social_pension.take_up", unit: "/1", kind: .share, meaning: "share of eligible persons who receive (by the person's benefit draw)", defaultValue: .number(1)),
        ],
        payer: .budget, contingency: .oldAge, costIndicator: "social_pension_cost",
        beneficiaries: [BeneficiaryIndicator("social_pensioners", .persons, label: "Social pensioners")])

    public var enabled: Bool
    /// PKR per person per month.
    public var amount: Double
    /// Age from which it is paid (both sexes).
    public var age: Int
    /// Paid when the person's benefit draw < take-up (1 = all).
    public var takeUp: Double

    public init(enabled: Bool = true, amount: Double, age: Int, takeUp: Double) {
        self.enabled = enabled; self.amount = amount; self.age = age; self.takeUp = takeUp
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), amount: values.number("amount"), age: values.whole("age"), takeUp: values.number("take_up"))
    }

    public func pensionableAge(_ sex: Sex) -> Int? { age }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population
        let contributory = result.columns(of: ContributoryInsurance.self)
        for p in block.persons where Int(population.age[p]) >= age && !(contributory?.beneficiary[p] ?? false)
            && takesUp(population.benefitDraw[p], takeUp) {
            columns.beneficiary[p] = true
            columns.received[p] = amount
        }
    }
}
