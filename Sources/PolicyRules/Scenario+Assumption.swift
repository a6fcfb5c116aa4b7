// One numeric parameter set to a value from a date on, the earlier dated values kept:
// how an uncertain assumption (`compare --assumptions`) enters a scenario. Unlike `--set`,
// which replaces the whole path with one constant, the past stays as published.
import SpsimSupport

extension ParameterCatalog {
    /// The kinds an uncertain assumption may take: continuous numbers (a drawn value is
    /// never a whole number of years, an age, a flag or a word).
    public static func acceptsDrawnValues(_ kind: ParameterKind) -> Bool {
        switch kind {
        case .amount, .share, .growth, .index, .score: return true
        case .years, .age, .positiveCount, .flag, .choice: return false
        }
    }

    /// What is wrong with `value` for parameter `name` (its valid range), or nil.
    public static func rangeProblem(_ name: String, _ value: Double) -> (problem: String, fix: String)? {
        guard let definition = byName[name] else { return ("unknown parameter", "check the name; the list is in docs/scenario-format.md") }
        guard let failure = ValueParser.check(value, kind: definition.kind, unit: definition.unit, text: value.description) else { return nil }
        return (failure.problem, failure.fix)
    }
}

extension Parameter {
    /// This parameter with `value` in effect from `date` on: dated values before `date`
    /// kept, later ones dropped, indexation and the scenario's change history unchanged
    /// (a governing earlier version gets the value from `date` on too).
    public func settingNumber(_ value: Double, from date: EffectiveDate, location: SourceLocation) -> Parameter {
        var copy = self
        copy.values = values.filter { $0.date < date } + [DatedValue(date: date, value: .number(value), location: location)]
        copy.beforeChange = beforeChange.map { $0.settingNumber(value, from: date, location: location) }
        return copy
    }
}

extension Scenario {
    /// This scenario with parameter `name` at `value` from `date` on (see
    /// `Parameter.settingNumber`); a scenario that does not give the parameter (its scheme
    /// is off) is returned unchanged.
    ///
    /// - Throws: `InputError` at `location` for an unknown or non-numeric parameter or a
    ///   value outside its valid range.
    public func settingNumber(_ name: String, to value: Double, from date: EffectiveDate, location: SourceLocation) throws -> Scenario {
        guard let definition = ParameterCatalog.byName[name], ParameterCatalog.acceptsDrawnValues(definition.kind) else {
            throw InputError(file: location.file, line: location.line, column: name, problem: "not a numeric parameter that can be uncertain", value: name,
                             fix: "give an amount, share, growth rate, index or score parameter (docs/scenario-format.md)")
        }
        if let (problem, fix) = ParameterCatalog.rangeProblem(name, value) {
            throw InputError(file: location.file, line: location.line, column: name, problem: problem, value: value.description, fix: fix)
        }
        guard let base = parameters[name] else { return self }
        var copy = self
        copy.parameters[name] = base.settingNumber(value, from: date, location: location)
        return copy
    }
}
