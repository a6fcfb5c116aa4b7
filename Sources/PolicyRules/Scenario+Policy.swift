// Resolving a scenario to the typed parameters of one simulation year.
import SpsimSupport

extension Scenario {
    /// The policy in effect in simulation year `year`: each parameter's value on 1 July
    /// `year` (the latest dated value on or before it), grown by its indexation
    /// (`cpi`, `wages`, `gdp`) from the simulation year of its last date when `year` is
    /// later; phases resolved to that year's take-up, capacity and subsidy.
    ///
    /// - Throws: `InputErrors` naming every parameter that has no value for the year
    ///   (the year is before its first date) or whose index cannot be computed or is not
    ///   a finite number; a year outside 2000–2100 is an error.
    public func policy(year: Int) throws -> PolicyParameters {
        guard ValueParser.yearRange.contains(year) else {
            let range = ValueParser.yearRange
            throw InputErrors([InputError(file: sources.first?.path ?? "scenario", column: "year",
                                          problem: "simulation year \(year) is outside the years spsim simulates (\(range.lowerBound)–\(range.upperBound))",
                                          value: "\(year)", fix: "choose a year from \(range.lowerBound) to \(range.upperBound)")])
        }
        var reader = PolicyReader(scenario: self, year: year)
        var schemes: [any Scheme] = []
        for type in SchemeRegistry.all where usesScheme(type.declaration) {
            var values = SchemeValues(reader: reader, declaration: type.declaration)
            schemes.append(type.init(&values))
            reader = values.reader
        }
        let policy = PolicyParameters(
            year: year, schemes: schemes,
            povertyLine: reader.number("poverty.line"),
            childWeight: reader.number("poverty.child_weight"),
            adultAge: reader.whole("poverty.adult_age"),
            gdp: reader.number("economy.gdp"),
            phases: phases.map { $0.resolved(year: year) })
        var measured = policy
        measured.welfareMeasure = reader.choice("poverty.welfare_measure", WelfareMeasure.income, default: ParameterCatalog.byName["poverty.welfare_measure"]?.defaultValue)
        measured.consumptionPropensity = reader.number("poverty.consumption_propensity", default: ParameterCatalog.byName["poverty.consumption_propensity"]?.defaultValue)
        for (contingency, name) in ParameterCatalog.c102Parameters where parameters[name] != nil {
            measured.c102Levels[contingency] = reader.number(name)
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.summarized()) }
        return measured
    }

    /// Whether the scenario uses a scheme: it gives at least one of its parameters. A
    /// scheme a parameter file does not mention is off.
    public func usesScheme(_ declaration: SchemeDeclaration) -> Bool {
        declaration.parameters.contains { parameters[$0.name] != nil }
    }
}

/// Reads typed values of one year, collecting every problem instead of stopping at the first.
struct PolicyReader {
    let scenario: Scenario
    let year: Int
    var errors: [InputError] = []

    /// Names of parameters without a value for the year.
    var missingForYear: [String] = []

    init(scenario: Scenario, year: Int) { self.scenario = scenario; self.year = year }

    /// The errors, with many "no value for the year" errors folded into one line that
    /// gives the earliest year every parameter covers.
    func summarized() -> [InputError] {
        guard missingForYear.count > 3 else { return errors }
        let earliest = scenario.parameters.values.filter { !$0.name.hasSuffix("_growth") && !$0.name.hasSuffix("_inflation") }.compactMap { $0.values.first?.date.simulationYear }.max() ?? year
        let first = errors.first { $0.column == missingForYear[0] }
        var result = errors.filter { !missingForYear.contains($0.column ?? "") }
        result.insert(InputError(file: first?.file ?? scenario.sources.first?.path ?? "scenario", line: first?.line,
                                 column: "\(missingForYear[0]) and \(missingForYear.count - 1) more",
                                 problem: "\(missingForYear.count) parameters have no value in effect on 1 July \(year); the earliest year every parameter covers is \(earliest)",
                                 value: "\(year)",
                                 fix: "choose a year from \(earliest) on (--year \(earliest)), or add values dated \(EffectiveDate.firstJuly(year)) or earlier"), at: 0)
        return result
    }

    mutating func raw(_ name: String, default defaultValue: ParameterValue? = nil) -> ParameterValue? {
        if scenario.parameters[name] == nil, let defaultValue { return defaultValue }
        guard let parameter = scenario.parameters[name]?.governing(year: year) else {
            errors.append(InputError(file: scenario.sources.first?.path ?? "scenario", column: name,
                                     problem: "parameter is not defined", fix: "define \(name) in the parameter file (see docs/scenario-format.md)"))
            return nil
        }
        guard let dated = parameter.value(on: .firstJuly(year)) else {
            missingForYear.append(name)
            let first = parameter.values.first?.date.description ?? "none"
            errors.append(InputError(file: parameter.location.file, line: parameter.location.line, column: name,
                                     problem: "no value in effect on 1 July \(year) (first effective date \(first))",
                                     value: "\(year)",
                                     fix: "choose a year from \(parameter.values.first?.date.simulationYear ?? year) on, or add a value dated \(EffectiveDate.firstJuly(year)) or earlier"))
            return nil
        }
        guard case .number = dated.value else { return dated.value }
        // A money amount's (or an index's) value for the fiscal year is the mean of the
        // values in force on the first of each of its twelve months, so an increase in
        // January counts for half the year (BISP raised Kafaalat in February 2024 and
        // January 2025; EOBI pensions rose 15% from January 2025). Each month uses the
        // parameter that governs it (a scenario's change may start mid-year) and that
        // parameter's indexation for the year.
        if let kind = ParameterCatalog.byName[name]?.kind, kind == .amount || kind == .index, let whole = scenario.parameters[name] {
            var months: [Double] = []
            for month in 0..<12 {
                let date = EffectiveDate(year: month < 6 ? year : year + 1, month: (month + 6) % 12 + 1, day: 1)
                let governing = whole.governing(on: date)
                guard let value = governing.value(on: date), case .number = value.value,
                      case .number(let x)? = indexed(name, governing, value.value) else { return nil }
                months.append(x)
            }
            // All months alike (the usual case, dates on 1 July): that value, exactly.
            if months.allSatisfy({ $0 == months[0] }) { return .number(months[0]) }
            return .number(months.reduce(0, +) / 12)
        }
        return indexed(name, parameter, dated.value)
    }

    /// `value` grown by the parameter's indexation from the simulation year of its last
    /// date to this year, when this year is later; the value itself otherwise.
    private mutating func indexed(_ name: String, _ parameter: Parameter, _ value: ParameterValue) -> ParameterValue? {
        guard case .number(let x) = value, parameter.indexation != .none else { return value }
        let lastYear = parameter.values.last?.date.simulationYear ?? year
        guard year > lastYear else { return value }
        do {
            let indexed = x * (try scenario.economicIndices.index(parameter.indexation, year: year, base: lastYear))
            // Checked, not trusted: growth is bounded when loaded, but an index compounded
            // over many years must never reach the rules as infinity.
            guard indexed.isFinite, abs(indexed) <= 1e300 else {
                errors.append(InputError(file: parameter.location.file, line: parameter.location.line, column: name,
                                         problem: "indexing \(name) (\(parameter.indexation.rawValue)) from \(lastYear) to \(year) gives a number too large to compute with",
                                         value: "\(year)", fix: "lower the economy.* growth rates, choose an earlier year, or write 'indexation: none'"))
                return nil
            }
            return .number(indexed)
        } catch let error as InputError {
            errors.append(error)
        } catch {
            errors.append(InputError(file: parameter.location.file, line: parameter.location.line, column: name,
                                     problem: "cannot index: \(error)", fix: "check the economy.* growth parameters"))
        }
        return nil
    }

    mutating func number(_ name: String, default defaultValue: ParameterValue? = nil) -> Double {
        switch raw(name, default: defaultValue) {
        case .number(let x)?: return x
        case nil: return 0
        case let other?:
            errors.append(InputError(file: scenario.parameters[name]?.location.file ?? "scenario", line: scenario.parameters[name]?.location.line,
                                     column: name, problem: "expected a number", value: other.description, fix: "give a number"))
            return 0
        }
    }

    /// A whole number (ages, years): the dated value, indexation does not apply sensibly but is honoured.
    mutating func whole(_ name: String, default defaultValue: ParameterValue? = nil) -> Int {
        let x = number(name, default: defaultValue)
        // Ages and years are range-checked when loaded; this conversion is total anyway.
        guard x.isFinite, abs(x) <= 1_000_000 else {
            errors.append(InputError(file: scenario.parameters[name]?.location.file ?? "scenario", line: scenario.parameters[name]?.location.line,
                                     column: name, problem: "expected a whole number from 0 to 120", value: "\(x)",
                                     fix: "write a whole number (ages 0 to 120, years 0 to 100)"))
            return 0
        }
        return Int(x.rounded(.down))
    }

    mutating func flag(_ name: String, default defaultValue: ParameterValue? = nil) -> Bool {
        switch raw(name, default: defaultValue) {
        case .flag(let b)?: return b
        case nil: return false
        case let other?:
            errors.append(InputError(file: scenario.parameters[name]?.location.file ?? "scenario", line: scenario.parameters[name]?.location.line,
                                     column: name, problem: "expected true or false", value: other.description, fix: "write true or false"))
            return false
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ name: String, _ placeholder: T, default defaultValue: ParameterValue? = nil) -> T where T.RawValue == String {
        switch raw(name, default: defaultValue) {
        case .text(let s)?:
            if let value = T(rawValue: s) { return value }
            errors.append(InputError(file: scenario.parameters[name]?.location.file ?? "scenario", line: scenario.parameters[name]?.location.line,
                                     column: name, problem: "unknown choice", value: s,
                                     fix: "write one of \(T.allCases.map(\.rawValue).joined(separator: ", "))"))
            return placeholder
        case nil: return placeholder
        case let other?:
            errors.append(InputError(file: scenario.parameters[name]?.location.file ?? "scenario", line: scenario.parameters[name]?.location.line,
                                     column: name, problem: "expected a word", value: other.description,
                                     fix: "write one of \(T.allCases.map(\.rawValue).joined(separator: ", "))"))
            return placeholder
        }
    }
}
