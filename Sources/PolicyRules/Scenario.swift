// A loaded, validated scenario: its header, the files it came from, every parameter with
// its dated values, and its coverage-extension phases. See docs/scenario-format.md.
import Foundation
import SpsimSupport

/// A calendar date a value takes effect (`YYYY-MM-DD`).
public struct EffectiveDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    /// Parses `YYYY-MM-DD` (a real calendar date, years 1900–2200); nil otherwise.
    public init?(text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...2200).contains(y), (1...12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// 1 July of simulation year Y: the date whose values year Y uses.
    public static func firstJuly(_ year: Int) -> EffectiveDate { EffectiveDate(year: year, month: 7, day: 1) }

    /// The simulation (fiscal) year this date falls in: Y with 1 July Y ≤ date < 1 July Y+1.
    public var simulationYear: Int { month >= 7 ? year : year - 1 }

    public static func < (a: EffectiveDate, b: EffectiveDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}

/// Where something was written: a file (as the user named it, or `--set`) and a line.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public init(file: String, line: Int?) { self.file = file; self.line = line }
    public var description: String { line.map { "\(file):\($0)" } ?? file }
}

/// One value of a parameter: a number, a yes/no switch, or a word from a fixed list.
public enum ParameterValue: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case flag(Bool)
    case text(String)

    public var description: String {
        switch self {
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .flag(let b): return b ? "true" : "false"
        case .text(let s): return s
        }
    }
}

/// How a parameter grows after its last dated value.
public enum Indexation: String, Sendable, CaseIterable {
    case none, cpi, wages, gdp
}

/// A value and the date it takes effect.
public struct DatedValue: Sendable, Equatable {
    public var date: EffectiveDate
    public var value: ParameterValue
    public var location: SourceLocation
    public init(date: EffectiveDate, value: ParameterValue, location: SourceLocation) {
        self.date = date; self.value = value; self.location = location
    }
}

/// A parameter as written in a parameter file (and changed by scenarios): metadata and
/// values by effective date, strictly increasing.
public struct Parameter: Sendable, Equatable {
    public var name: String
    public var description: String
    public var unit: String
    public var source: String
    public var indexation: Indexation
    public var note: String?
    public var values: [DatedValue]
    /// Where the parameter was defined (its key in the parameter file).
    public var location: SourceLocation
    /// When a scenario changes this parameter from a date on (`values:` in `changes`), the
    /// date its first new value takes effect, and the parameter as it stood before the
    /// change (one element). Years before that date resolve through the earlier parameter,
    /// with its own values and indexation, so a change never alters the years before it.
    public var changeTakesEffect: EffectiveDate?
    public var beforeChange: [Parameter] = []

    public init(name: String, description: String, unit: String, source: String, indexation: Indexation, note: String?,
                values: [DatedValue], location: SourceLocation) {
        self.name = name; self.description = description; self.unit = unit; self.source = source
        self.indexation = indexation; self.note = note; self.values = values; self.location = location
    }

    /// The parameter that governs simulation year `year`: this one, or, for a year before a
    /// scenario's change takes effect, the parameter as it stood before the change.
    public func governing(year: Int) -> Parameter { governing(on: .firstJuly(year)) }

    /// The parameter that governs the value in effect on `date`.
    public func governing(on date: EffectiveDate) -> Parameter {
        if let start = changeTakesEffect, date < start, let earlier = beforeChange.first {
            return earlier.governing(on: date)
        }
        return self
    }

    /// The dated value in effect on `date` (the latest on or before it), or nil before the first date.
    public func value(on date: EffectiveDate) -> DatedValue? {
        values.last(where: { $0.date <= date })
    }
}

/// Take-up of a phase: linear from `initial` to `ceiling` over `rampYears`.
public struct PhaseTakeUp: Sendable, Equatable {
    public var initial: Double
    public var ceiling: Double
    public var rampYears: Int
    public init(initial: Double, ceiling: Double, rampYears: Int) { self.initial = initial; self.ceiling = ceiling; self.rampYears = rampYears }
}

/// A coverage-extension phase as written in a scenario file (see docs/scenario-format.md).
public struct PhaseDefinition: Sendable, Equatable {
    public var name: String
    public var label: String
    public var scheme: PhaseScheme
    public var source: String
    public var target: PhaseTarget
    public var startYear: Int
    public var takeUp: PhaseTakeUp
    /// Weighted persons registered per year; nil = unlimited.
    public var registrationCapacity: Double?
    /// Government share of the contribution by first year it applies, increasing years;
    /// a single share written without a year is stored with year `Int.min` (every year).
    public var subsidyShare: [(year: Int, share: Double)]
    public var compliance: Double?
    /// PKR per registered person per year; nil = no admin cost.
    public var adminCostPerRegistered: Double?
    public var location: SourceLocation

    public init(name: String, label: String, scheme: PhaseScheme, source: String, target: PhaseTarget, startYear: Int,
                takeUp: PhaseTakeUp, registrationCapacity: Double?, subsidyShare: [(year: Int, share: Double)],
                compliance: Double?, adminCostPerRegistered: Double?, location: SourceLocation) {
        self.name = name; self.label = label; self.scheme = scheme; self.source = source; self.target = target
        self.startYear = startYear; self.takeUp = takeUp; self.registrationCapacity = registrationCapacity
        self.subsidyShare = subsidyShare; self.compliance = compliance; self.adminCostPerRegistered = adminCostPerRegistered
        self.location = location
    }

    public static func == (a: PhaseDefinition, b: PhaseDefinition) -> Bool {
        a.name == b.name && a.label == b.label && a.scheme == b.scheme && a.source == b.source && a.target == b.target
            && a.startYear == b.startYear && a.takeUp == b.takeUp && a.registrationCapacity == b.registrationCapacity
            && a.subsidyShare.map(\.year) == b.subsidyShare.map(\.year) && a.subsidyShare.map(\.share) == b.subsidyShare.map(\.share)
            && a.compliance == b.compliance && a.adminCostPerRegistered == b.adminCostPerRegistered && a.location == b.location
    }

    /// Resolves the phase to simulation year `year` (see docs/scenario-format.md, "Phases").
    public func resolved(year: Int) -> ResolvedPhase {
        let active = year >= startYear
        let elapsed = Double(max(0, year - startYear))
        let progress = takeUp.rampYears == 0 ? 1 : min(1, elapsed / Double(takeUp.rampYears))
        let rate = active ? takeUp.initial + (takeUp.ceiling - takeUp.initial) * progress : 0
        let capacity = registrationCapacity.map { $0 * Double(max(0, year - startYear + 1)) }
        let share = subsidyShare.last(where: { $0.year <= year })?.share ?? subsidyShare.first?.share ?? 0
        return ResolvedPhase(name: name, label: label, scheme: scheme, target: target, startYear: startYear, active: active,
                             takeUpRate: rate, cumulativeCapacity: capacity, subsidyShare: share, compliance: compliance,
                             adminCostPerRegistered: adminCostPerRegistered ?? 0)
    }
}

/// One file of a scenario's chain: the scenario itself, its baseline, that file's baseline…
public struct ScenarioSource: Sendable, Equatable {
    /// The file as read.
    public var url: URL
    /// The path as the user (or the referring file) wrote it; used in messages.
    public var path: String
    public var title: String
}

/// A validated scenario: the header of its own file, every parameter (the baseline chain
/// with this file's changes and any `--set` overrides applied), and its phases.
public struct Scenario: Sendable {
    /// Short name: the file name without `.yaml`.
    public var name: String
    public var title: String
    public var description: String
    public var reference: String
    /// The files, this one first, then its baseline, and so on.
    public var sources: [ScenarioSource]
    /// Every known parameter, by name.
    public var parameters: [String: Parameter]
    /// Phases: the baseline's, replaced field by field by a phase of the same name, new ones appended.
    public var phases: [PhaseDefinition]
    /// The `--set name=value` overrides applied, as given.
    public var overrides: [String]

    public init(name: String, title: String, description: String, reference: String, sources: [ScenarioSource],
                parameters: [String: Parameter], phases: [PhaseDefinition], overrides: [String]) {
        self.name = name; self.title = title; self.description = description; self.reference = reference
        self.sources = sources; self.parameters = parameters; self.phases = phases; self.overrides = overrides
    }

    /// The scenario file itself.
    public var url: URL? { sources.first?.url }
    /// The file names of the baseline chain after this one (nearest first).
    public var baselineChain: [String] { sources.dropFirst().map(\.path) }

    /// The CPI, wage and GDP indices of this scenario's `economy.*` parameters.
    public var economicIndices: EconomicIndices { EconomicIndices(parameters: parameters) }
}
