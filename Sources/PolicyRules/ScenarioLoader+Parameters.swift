// Parameters of a parameter file: fields, units, indexation and dated values.
import Foundation
import SpsimSupport
import Yams

/// The fields a parameter may have in a parameter file.
let parameterFields = ["description", "unit", "source", "values", "indexation", "note"]

extension Loader {
    mutating func readParameters(_ node: Node, file: String) -> [String: Parameter] {
        guard let mapping = node.mapping else {
            error(file, node.mark?.line, "parameters", "'parameters:' must be a mapping of parameter names", fix: "indent each parameter name under 'parameters:' (see docs/scenario-format.md)")
            return [:]
        }
        var result: [String: Parameter] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard let definition = ParameterCatalog.byName[name] else {
                error(file, key.mark?.line, name, "unknown parameter", name, fix: "check the name\(suggestion(name, ParameterCatalog.definitions.map(\.name))); the list is in docs/scenario-format.md")
                continue
            }
            if let parameter = readParameter(value, definition: definition, file: file, keyLine: key.mark?.line) {
                result[name] = parameter
            }
        }
        let line = node.mark.map { max(1, $0.line - 1) }
        for definition in ParameterCatalog.core where definition.defaultValue == nil && result[definition.name] == nil && !errors.contains(where: { $0.column == definition.name }) {
            error(file, line, definition.name, "parameter missing from the parameter file",
                  fix: "define \(definition.name) (\(definition.unit): \(definition.meaning)) with description, unit, source and values")
        }
        return result
    }

    mutating func readParameter(_ node: Node, definition: ParameterDefinition, file: String, keyLine: Int?) -> Parameter? {
        let name = definition.name
        guard let mapping = node.mapping else {
            error(file, node.mark?.line ?? keyLine, name, "a parameter in a parameter file needs description, unit, source and values", node.string,
                  fix: "write the fields under the name (the short form 'name: value' is for scenario 'changes:')")
            return nil
        }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            let field = key.string ?? ""
            guard parameterFields.contains(field) else {
                error(file, key.mark?.line, "\(name).\(field)", "unknown field of a parameter", field,
                      fix: "use \(parameterFields.joined(separator: ", "))\(suggestion(field, parameterFields))")
                continue
            }
            fields[field] = value
        }
        var ok = true
        func required(_ field: String) -> String? {
            guard let node = fields[field] else {
                error(file, keyLine, name, "the parameter has no \(field)", fix: "add '\(field): …' under \(name)\(field == "source" ? " (the law, notification, publication or 'assumption: …')" : "")")
                ok = false
                return nil
            }
            guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                error(file, node.mark?.line, "\(name).\(field)", "the \(field) must be non-empty text", fix: "write the \(field) as text")
                ok = false
                return nil
            }
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let description = required("description")
        let unit = required("unit")
        let source = required("source")
        // A money amount may be written in another money unit (BISP publishes quarterly
        // amounts): its values are converted to the parameter's unit when read.
        var factor = 1.0
        if let unit, unit != definition.unit, let unitNode = fields["unit"] {
            if definition.kind == .amount, let conversion = ParameterCatalog.conversion(from: unit, to: definition.unit) {
                factor = conversion
            } else {
                error(file, unitNode.mark?.line, name, "wrong unit", unit, fix: "write 'unit: \(definition.unit)' (\(definition.meaning))\(Self.convertibleUnits(definition))")
                ok = false
            }
        }
        let indexation = readIndexation(fields["indexation"], definition: definition, file: file)
        let note = fields["note"]?.scalar?.string
        guard let valuesNode = fields["values"] else {
            error(file, keyLine, name, "the parameter has no values", fix: "add 'values:' with at least one 'YYYY-MM-DD: value' line")
            return nil
        }
        guard let values = readValues(valuesNode, definition: definition, file: file), ok,
              let description, let unit, let source, let indexation else { return nil }
        return Parameter(name: name, description: description, unit: definition.unit, source: source, indexation: indexation,
                         note: Self.conversionNote(note, from: unit, to: definition.unit, factor: factor),
                         values: Self.converted(values, by: factor), location: SourceLocation(file: file, line: keyLine))
    }

    /// The other units a money amount may be written in, for a "wrong unit" fix.
    static func convertibleUnits(_ definition: ParameterDefinition) -> String {
        guard definition.kind == .amount else { return "" }
        let others = ["PKR/month", "PKR/quarter", "PKR/year"].filter { $0 != definition.unit && ParameterCatalog.conversion(from: $0, to: definition.unit) != nil }
        return others.isEmpty ? "" : ", or one of \(others.joined(separator: ", ")) (converted)"
    }

    /// Values multiplied by a unit conversion factor (unchanged for 1).
    static func converted(_ values: [DatedValue], by factor: Double) -> [DatedValue] {
        guard factor != 1 else { return values }
        return values.map { dated in
            guard case .number(let x) = dated.value else { return dated }
            var copy = dated
            copy.value = .number(x * factor)
            return copy
        }
    }

    /// The parameter's note, with a line saying the values were converted.
    static func conversionNote(_ note: String?, from unit: String, to target: String, factor: Double) -> String? {
        guard factor != 1 else { return note }
        let line = "Written in \(unit), converted to \(target) (× \(factor == factor.rounded() ? String(Int(factor)) : String(factor)))."
        return note.map { $0 + " " + line } ?? line
    }

    mutating func readIndexation(_ node: Node?, definition: ParameterDefinition, file: String) -> Indexation? {
        guard let node else { return Indexation.none }
        let text = node.scalar?.string ?? ""
        guard let indexation = Indexation(rawValue: text) else {
            error(file, node.mark?.line, "\(definition.name).indexation", "unknown indexation", text,
                  fix: "write one of \(Indexation.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        if indexation != .none && definition.kind != .amount {
            error(file, node.mark?.line, "\(definition.name).indexation", "only money amounts can be indexed", text,
                  fix: "write 'indexation: none' or remove it (\(definition.name) is in \(definition.unit))")
            return nil
        }
        return indexation
    }

    /// Reads `values:` (a mapping from `YYYY-MM-DD` to a value, strictly increasing dates).
    mutating func readValues(_ node: Node, definition: ParameterDefinition, file: String) -> [DatedValue]? {
        let name = definition.name
        guard let mapping = node.mapping, mapping.count > 0 else {
            error(file, node.mark?.line, "\(name).values", "values must map effective dates to values", node.string,
                  fix: "write lines like '2024-07-01: 37000' under 'values:'")
            return nil
        }
        var result: [DatedValue] = []
        var ok = true
        for (key, value) in mapping {
            let dateText = key.string ?? ""
            guard let date = EffectiveDate(text: dateText) else {
                error(file, key.mark?.line, name, "malformed effective date", dateText, fix: "write the date as YYYY-MM-DD, e.g. 2024-07-01")
                ok = false
                continue
            }
            if let last = result.last, !(last.date < date) {
                error(file, key.mark?.line, name, "effective dates out of order (\(date) comes after \(last.date))", dateText,
                      fix: "list the dates in increasing order, each once")
                ok = false
            }
            guard let parsed = parseValue(value, definition: definition, file: file, key: name) else { ok = false; continue }
            result.append(DatedValue(date: date, value: parsed, location: SourceLocation(file: file, line: value.mark?.line ?? key.mark?.line)))
        }
        return ok ? result : nil
    }

    /// Parses and range-checks one value of a parameter.
    mutating func parseValue(_ node: Node, definition: ParameterDefinition, file: String, key: String) -> ParameterValue? {
        guard let text = node.scalar?.string else {
            error(file, node.mark?.line, key, "expected a single value", nil, fix: "write one value (\(definition.unit)), not a list or mapping")
            return nil
        }
        let line = node.mark?.line
        let value = ValueParser.parse(text, kind: definition.kind, unit: definition.unit)
        switch value {
        case .success(let parsed): return parsed
        case .failure(let failure):
            error(file, line, key, failure.problem, text, fix: failure.fix)
            return nil
        }
    }

    /// The earliest effective date of any parameter: where a value written without a date
    /// (a short-form change, `--set`) for a parameter the baseline lacks takes effect.
    /// Every parameter file defines the core parameters, so the set is never empty.
    static func earliestDate(_ parameters: [String: Parameter]) -> EffectiveDate {
        parameters.values.compactMap { $0.values.first?.date }.min() ?? .firstJuly(1900)
    }

    /// A parameter the baseline does not define (its scheme is off there), created by a
    /// scenario's change: described by its definition, sourced to the scenario file, and in
    /// effect from the earliest date of any parameter of the chain, so that a short-form
    /// value applies to every year. A full-form change may give its own description,
    /// source and values.
    func newParameter(_ definition: ParameterDefinition, file: String, line: Int?, in parameters: [String: Parameter]) -> Parameter? {
        let first = Self.earliestDate(parameters)
        return Parameter(name: definition.name, description: definition.meaning, unit: definition.unit,
                         source: "set by \(file)", indexation: .none, note: nil,
                         values: definition.defaultValue.map { [DatedValue(date: first, value: $0, location: SourceLocation(file: file, line: line))] } ?? [],
                         location: SourceLocation(file: file, line: line))
    }
}
