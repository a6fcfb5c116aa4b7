// One parameter's value in effect in a simulation year (for `spsim solve`, which starts
// its search from the scenario's own value).
import SpsimSupport

extension Scenario {
    /// The value of parameter `name` in effect on 1 July `year`, indexation applied, exactly
    /// as `policy(year:)` reads it (the catalog default when the scenario does not give it).
    ///
    /// - Throws: `InputErrors` when the parameter has no value for the year (or is not
    ///   defined and has no default) or cannot be indexed.
    public func value(of name: String, year: Int) throws -> ParameterValue {
        var reader = PolicyReader(scenario: self, year: year)
        let value = reader.raw(name, default: ParameterCatalog.byName[name]?.defaultValue)
        if let value, reader.errors.isEmpty { return value }
        throw InputErrors(reader.errors.isEmpty
            ? [InputError(file: sources.first?.path ?? "scenario", column: name, problem: "parameter has no value in \(year)",
                          fix: "define \(name) in the parameter file")]
            : reader.errors)
    }
}
