// The household transfer targeted by proxy-means test (BISP Kafaalat).
import PopulationData

/// Who in a household receives a household-level payment.
public enum RecipientRule: String, Sendable, CaseIterable {
    /// The oldest woman aged `recipient_minimum_age` or more; if none, the oldest member.
    /// Ties go to the smallest person_id.
    case oldestAdultWoman = "oldest_adult_woman"
    /// The oldest member. Ties go to the smallest person_id.
    case oldestMember = "oldest_member"
}

/// Household transfer: a household with PMT score ≤ cut-off receives the amount if its
/// household draw < take-up, paid to the household's recipient; every member counts as
/// covered. Tax-financed. Its recipient rule also names the recipient of the other
/// household payments (child benefit, education stipends).
public struct HouseholdTransfer: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "household_transfer", label: "Household transfer (Kafaalat)",
        summary: "a monthly transfer to households at or below a proxy-means-test cut-off, paid to a woman",
        parameters: [
            .init(name: "household_transfer.enabled", unit: "bool", kind: .flag, meaning: "whether the household transfer is paid", defaultValue: .flag(true)),
            .init(name: "household_transfer.amount", unit: "PKR/month", kind: .amount, meaning: "transfer per household"),
            .init(name: "household_transfer.pmt_cutoff", unit: "score", kind: .score, meaning: "eligible when PMT score ≤ cut-off"),
            .init(name: "household_transfer.take_up", unit: "/1", kind: .share, meaning: "share of eligible households that receive (by the household draw)", defaultValue: .number(1)),
            .init(name: "household_transfer.recipient", unit: "text", kind: .choice(RecipientRule.allCases.map(\.rawValue)),
                  meaning: "`oldest_adult_woman` (the oldest woman aged recipient_minimum_age or more, else the oldest member) or `oldest_member`; ties to the smallest person_id; every household payment goes to this person", defaultValue: .text(RecipientRule.oldestAdultWoman.rawValue)),
            .init(name: "household_transfer.recipient_minimum_age", unit: "age", kind: .age, meaning: "minimum age of a woman recipient", defaultValue: .number(18)),
        ],
        payer: .budget, contingency: .vulnerable, paidPerHousehold: true, costIndicator: "transfer_cost",
        beneficiaries: [BeneficiaryIndicator("transfer_households", .households, label: "Households receiving the transfer"),
                        BeneficiaryIndicator("transfer_persons", .personsInHouseholds, label: "  persons in them")])
    public static let separateCoverage = true

    public var enabled: Bool
    /// PKR per household per month.
    public var amount: Double
    /// Eligible when the household's PMT score ≤ cut-off.
    public var pmtCutoff: Double
    /// Eligible households receive when their household draw < take-up (1 = all).
    public var takeUp: Double
    public var recipient: RecipientRule
    /// Minimum age of a woman to be the recipient under `oldest_adult_woman`.
    public var recipientMinimumAge: Int

    public init(enabled: Bool = true, amount: Double, pmtCutoff: Double, takeUp: Double, recipient: RecipientRule, recipientMinimumAge: Int) {
        self.enabled = enabled; self.amount = amount; self.pmtCutoff = pmtCutoff
        self.takeUp = takeUp; self.recipient = recipient; self.recipientMinimumAge = recipientMinimumAge
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), amount: values.number("amount"), pmtCutoff: values.number("pmt_cutoff"),
                  takeUp: values.number("take_up"), recipient: values.choice("recipient", RecipientRule.oldestAdultWoman),
                  recipientMinimumAge: values.whole("recipient_minimum_age"))
    }

    /// The recipient rule when the scenario has no household transfer: its declared defaults.
    static var defaultRecipient: RecipientRule {
        declaration.parameters.first { $0.name == "household_transfer.recipient" }?.defaultValue.flatMap {
            if case .text(let word) = $0 { return RecipientRule(rawValue: word) } else { return nil }
        } ?? .oldestAdultWoman
    }
    static var defaultRecipientMinimumAge: Int {
        declaration.parameters.first { $0.name == "household_transfer.recipient_minimum_age" }?.defaultValue.flatMap {
            if case .number(let x) = $0 { return Int(x) } else { return nil }
        } ?? 18
    }

    /// Whether household h receives the transfer (eligible and taken up).
    @inline(__always) func receives(_ population: Population, household h: Int) -> Bool {
        population.pmtScore[h] <= pmtCutoff && takesUp(population.householdDraw[h], takeUp)
    }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population
        for h in block.households where receives(population, household: h) {
            let recipient = Int(result.recipient[h])
            columns.householdReceives[h] = true
            columns.householdAmount[h] = amount
            columns.received[recipient] += amount
            columns.beneficiary[recipient] = true
            for p in population.personRange(h) { columns.covered[p] = true }
        }
    }

    /// The household's recipient under `rule`: under `oldest_adult_woman`, the oldest woman
    /// aged at least `minimumAge`, else the oldest member; under `oldest_member`, the oldest
    /// member. Ties go to the smallest person_id.
    static func recipient(of household: Int, _ population: Population, rule: RecipientRule, minimumAge: Int) -> Int {
        let range = population.personRange(household)
        func better(_ a: Int, than b: Int) -> Bool {
            population.age[a] != population.age[b] ? population.age[a] > population.age[b] : population.personID[a] < population.personID[b]
        }
        var oldest = range.lowerBound
        var oldestWoman = -1
        for p in range {
            if better(p, than: oldest) { oldest = p }
            if population.sex[p] == .female && Int(population.age[p]) >= minimumAge && (oldestWoman < 0 || better(p, than: oldestWoman)) {
                oldestWoman = p
            }
        }
        switch rule {
        case .oldestAdultWoman: return oldestWoman >= 0 ? oldestWoman : oldest
        case .oldestMember: return oldest
        }
    }
}
