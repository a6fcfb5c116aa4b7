// A scheme is one unit: its parameters, its rule over a household block, the result
// columns it fills, what it feeds (cost, payer, beneficiaries, SDG 1.3.1 contingency) and
// its labels. Each scheme is declared in one file of this folder and listed once in
// `SchemeRegistry.all`; the engine, the indicators, the comparison tables and the reports
// iterate over the registry. See docs/ARCHITECTURE.md, "Adding a scheme".
import PopulationData

/// Who pays what a scheme spends.
public enum Payer: String, Sendable, CaseIterable {
    /// Tax-financed: counted in the government's cost (and in % of GDP).
    case budget
    /// Paid from social-insurance contributions (EOBI's fund, provincial social security):
    /// shown separately, not in the government's cost.
    case socialInsurance = "social_insurance"
    /// Paid by employers through wages (the minimum-wage floor): no benefit spending.
    case employers
}

/// The contingency a scheme covers, for SDG 1.3.1 by contingency (ILO method).
public enum Contingency: String, Sendable, CaseIterable {
    case oldAge = "old_age"
    case children
    case disability
    case maternity
    /// Social assistance to the poor and vulnerable (e.g. an unconditional household transfer).
    case vulnerable
    /// Wage protection of workers (the minimum-wage floor): not a benefit, never "covered".
    case employment
}

/// How a scheme's beneficiaries are counted for one indicator.
public enum BeneficiaryCount: Sendable, Equatable {
    /// Weighted persons marked as beneficiaries.
    case persons
    /// Weighted households receiving the scheme (household schemes).
    case households
    /// Weighted persons living in receiving households (household schemes).
    case personsInHouseholds
}

/// An indicator counting a scheme's beneficiaries (e.g. `social_pensioners`).
public struct BeneficiaryIndicator: Sendable, Equatable {
    public var indicator: String
    public var count: BeneficiaryCount
    /// Plain-language label for tables ("Social pensioners").
    public var label: String
    public init(_ indicator: String, _ count: BeneficiaryCount, label: String) {
        self.indicator = indicator; self.count = count; self.label = label
    }
    /// The unit of the indicator.
    public var unit: String { count == .households ? "households" : "persons" }
}

/// What a scheme is, as data: everything outside its rule.
public struct SchemeDeclaration: Sendable {
    /// The code: the prefix of its parameters (`social_pension.amount`) and its group in
    /// the `scheme` breakdown of the results.
    public var name: String
    /// Plain-language name for tables and charts ("Social pension").
    public var label: String
    /// One sentence: what the scheme pays to whom.
    public var summary: String
    /// Its parameters (full names, `name.field`), each with unit, range and, where the
    /// scheme can do without it, a documented default.
    public var parameters: [ParameterDefinition]
    /// Who pays its benefits; nil when it pays none (the minimum-wage floor).
    public var payer: Payer?
    public var contingency: Contingency
    /// Whether benefits are paid per household (to the household's recipient) rather than per person.
    public var paidPerHousehold: Bool
    /// The indicator of its yearly spending (PKR/year), e.g. `social_pension_cost`; nil when it pays nothing.
    public var costIndicator: String?
    /// Beneficiary counts it reports.
    public var beneficiaries: [BeneficiaryIndicator]

    public init(name: String, label: String, summary: String, parameters: [ParameterDefinition], payer: Payer?,
                contingency: Contingency, paidPerHousehold: Bool = false, costIndicator: String?, beneficiaries: [BeneficiaryIndicator] = []) {
        self.name = name; self.label = label; self.summary = summary; self.parameters = parameters; self.payer = payer
        self.contingency = contingency; self.paidPerHousehold = paidPerHousehold; self.costIndicator = costIndicator
        self.beneficiaries = beneficiaries
    }
}

/// What one scheme's rule writes: its own columns, indexed like the population's.
/// A scheme that is off (not in the scenario, or `enabled: false`) has empty columns.
public struct SchemeColumns: Sendable {
    /// Per person: PKR per month this scheme pays to the person (for household payments,
    /// to the household's recipient).
    public var received: [Double]
    /// Per person: a beneficiary (receives it, or — for household payments — is a person
    /// it is paid for, e.g. an eligible child).
    public var beneficiary: [Bool]
    /// Per person: covered by the scheme for SDG 1.3.1 when this differs from
    /// `beneficiary` (a household transfer covers every member); empty when it does not.
    public var covered: [Bool]
    /// Per household (household schemes only): PKR per month paid to the household.
    public var householdAmount: [Double]
    /// Per household (household schemes only): the household receives the scheme.
    public var householdReceives: [Bool]

    /// Columns of a scheme that is off.
    public static let off = SchemeColumns(received: [], beneficiary: [], covered: [], householdAmount: [], householdReceives: [])

    /// Zeroed columns for a scheme that runs.
    public init(declaration: SchemeDeclaration, persons: Int, households: Int, separateCoverage: Bool) {
        received = .init(repeating: 0, count: persons)
        beneficiary = .init(repeating: false, count: persons)
        covered = separateCoverage ? .init(repeating: false, count: persons) : []
        householdAmount = declaration.paidPerHousehold ? .init(repeating: 0, count: households) : []
        householdReceives = declaration.paidPerHousehold ? .init(repeating: false, count: households) : []
    }

    init(received: [Double], beneficiary: [Bool], covered: [Bool], householdAmount: [Double], householdReceives: [Bool]) {
        self.received = received; self.beneficiary = beneficiary; self.covered = covered
        self.householdAmount = householdAmount; self.householdReceives = householdReceives
    }

    /// Whether the scheme ran (its columns are filled).
    @inline(__always) public var isOn: Bool { !received.isEmpty }
    /// Whether person p counts as covered by this scheme (SDG 1.3.1).
    @inline(__always) public func covers(_ p: Int) -> Bool { covered.isEmpty ? beneficiary[p] : covered[p] }
}

/// What a rule reads besides its own parameters: the population, the whole year's policy
/// (other schemes' parameters), the phase registrations and the columns of the schemes
/// that ran before it.
public struct RuleContext: Sendable {
    public let population: Population
    public let policy: PolicyParameters
    public let registration: PhaseRegistration
}

/// A scheme: its declaration, its typed parameters for one year, and its rule.
///
/// To add one: write a struct conforming to `Scheme` in a file of this folder (its
/// `declaration`, an `init(_:)` reading its parameters, `apply`), add it to
/// `SchemeRegistry.all`, and give its parameters in a parameter or scenario file.
public protocol Scheme: Sendable, Equatable {
    static var declaration: SchemeDeclaration { get }
    /// This year's values of the scheme's parameters (only called when the scenario
    /// mentions the scheme); problems are collected by `values`.
    init(_ values: inout SchemeValues)
    /// Whether the scheme runs this year (`enabled: false` keeps its parameters but pays nothing).
    var enabled: Bool { get }
    /// Whether its person-level coverage differs from its beneficiaries (see `SchemeColumns.covered`).
    static var separateCoverage: Bool { get }
    /// The rule over one block of households: fills `columns` (zeroed) and, for the schemes
    /// that own them, the shared columns of `result` (earnings after the floor, contributions).
    func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult)
    /// The pensionable age for a person of this sex, for schemes that define one (old-age coverage).
    func pensionableAge(_ sex: Sex) -> Int?
    /// The share of the year a beneficiary is paid (1 for a benefit paid every month; the
    /// maternity benefit: weeks ÷ 52). `received` is the yearly total ÷ 12, so the amount
    /// per month while paid is `received` ÷ this share (the adequacy indicators).
    var paymentPeriodShare: Double { get }
}

extension Scheme {
    public static var separateCoverage: Bool { false }
    public func pensionableAge(_ sex: Sex) -> Int? { nil }
    public var paymentPeriodShare: Double { 1 }
    /// Equality with a scheme of any type (false across types).
    func isEqual(to other: any Scheme) -> Bool {
        guard let other = other as? Self else { return false }
        return self == other
    }
}

/// Every scheme spsim knows, in the order their rules run (a rule may read the columns of
/// the schemes before it: the social pension reads the contributory pension, maternity
/// reads contributions). Adding a scheme: one line here.
public enum SchemeRegistry {
    public static let all: [any Scheme.Type] = [
        MinimumWageFloor.self,
        ContributoryInsurance.self,
        SocialPension.self,
        HouseholdTransfer.self,
        ChildBenefit.self,
        DisabilityBenefit.self,
        EducationStipend.self,
        MaternityBenefit.self,
    ]

    /// The declarations, in registry order.
    public static let declarations: [SchemeDeclaration] = all.map { $0.declaration }

    /// The position of a scheme in the registry (and in `PolicyParameters.schemes` and
    /// `PolicyResult.schemes`).
    public static func index(of name: String) -> Int? { declarations.firstIndex { $0.name == name } }

    /// The declaration of a scheme code, if registered.
    public static func declaration(_ name: String) -> SchemeDeclaration? { declarations.first { $0.name == name } }

    /// The scheme a parameter belongs to (by its prefix), if any.
    public static func scheme(ofParameter name: String) -> SchemeDeclaration? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        return declaration(String(name[..<dot]))
    }
}

/// Reads one scheme's parameters for one year, by field name (`amount` for
/// `social_pension.amount`), collecting problems in the year's `PolicyReader`. A
/// parameter the scenario does not give takes its declared default.
public struct SchemeValues {
    var reader: PolicyReader
    let scheme: String
    let definitions: [String: ParameterDefinition]

    init(reader: PolicyReader, declaration: SchemeDeclaration) {
        self.reader = reader
        self.scheme = declaration.name
        self.definitions = Dictionary(uniqueKeysWithValues: declaration.parameters.map { ($0.name, $0) })
    }

    /// The simulation year being read.
    public var year: Int { reader.year }

    private func full(_ field: String) -> String { "\(scheme).\(field)" }

    public mutating func number(_ field: String) -> Double {
        reader.number(full(field), default: definitions[full(field)]?.defaultValue)
    }
    public mutating func whole(_ field: String) -> Int {
        reader.whole(full(field), default: definitions[full(field)]?.defaultValue)
    }
    public mutating func flag(_ field: String) -> Bool {
        reader.flag(full(field), default: definitions[full(field)]?.defaultValue)
    }
    public mutating func choice<T: RawRepresentable & CaseIterable>(_ field: String, _ placeholder: T) -> T where T.RawValue == String {
        reader.choice(full(field), placeholder, default: definitions[full(field)]?.defaultValue)
    }
}
