// `changes:` of a scenario file: short-form values and full-form changes of parameters.
import Foundation
import SpsimSupport
import Yams

extension Loader {
    mutating func applyChanges(_ node: Node, file: String, to parameters: inout [String: Parameter]) {
        guard let mapping = node.mapping else {
            if node.scalar?.string.isEmpty == false || node.sequence != nil {
                error(file, node.mark?.line, "changes", "'changes:' must be a mapping of parameter names", fix: "indent 'name: value' lines under 'changes:'")
            }
            return
        }
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard let definition = ParameterCatalog.byName[name] else {
                error(file, key.mark?.line, name, "unknown parameter", name, fix: "check the name\(suggestion(name, ParameterCatalog.definitions.map(\.name))); the list is in docs/scenario-format.md")
                continue
            }
            guard var parameter = parameters[name] ?? newParameter(definition, file: file, line: key.mark?.line, in: parameters) else { continue }
            if value.scalar != nil {
                // Short form: one value from the first date of the baseline.
                guard let parsed = parseValue(value, definition: definition, file: file, key: name) else { continue }
                let first = parameter.values.first?.date ?? Self.earliestDate(parameters)
                parameter.values = [DatedValue(date: first, value: parsed, location: SourceLocation(file: file, line: value.mark?.line))]
                parameter.indexation = .none // one constant value: what was written is what every year uses
                parameter.changeTakesEffect = nil
                parameter.beforeChange = []
                parameter.location = SourceLocation(file: file, line: key.mark?.line)
                parameters[name] = parameter
                continue
            }
            guard let fields = value.mapping else {
                error(file, value.mark?.line, name, "a change is either one value or a mapping with values", fix: "write 'name: value' or give 'values:' under the name")
                continue
            }
            var ok = true
            var factor = 1.0, writtenUnit = definition.unit
            var newDates: Set<EffectiveDate> = []
            let beforeChange = parameter
            for (fieldKey, fieldValue) in fields {
                let field = fieldKey.string ?? ""
                switch field {
                case "description", "source", "note":
                    guard let text = fieldValue.scalar?.string, !text.isEmpty else {
                        error(file, fieldValue.mark?.line, "\(name).\(field)", "the \(field) must be non-empty text", fix: "write the \(field) as text")
                        ok = false
                        continue
                    }
                    if field == "description" { parameter.description = text }
                    if field == "source" { parameter.source = text }
                    if field == "note" { parameter.note = text }
                case "unit":
                    let unit = fieldValue.scalar?.string ?? ""
                    if unit != definition.unit {
                        if definition.kind == .amount, let conversion = ParameterCatalog.conversion(from: unit, to: definition.unit) {
                            factor = conversion
                            writtenUnit = unit
                        } else {
                            error(file, fieldValue.mark?.line, name, "wrong unit", unit, fix: "write 'unit: \(definition.unit)' (\(definition.meaning)) or leave the unit out\(Self.convertibleUnits(definition))")
                            ok = false
                        }
                    }
                case "indexation":
                    if let indexation = readIndexation(fieldValue, definition: definition, file: file) { parameter.indexation = indexation } else { ok = false }
                case "values":
                    guard let values = readValues(fieldValue, definition: definition, file: file), let first = values.first else { ok = false; continue }
                    newDates = Set(values.map(\.date))
                    parameter.values = parameter.values.filter { $0.date < first.date } + values
                    // Years before the first new date keep the earlier parameter whole
                    // (its values and its indexation): a change alters nothing before it.
                    if beforeChange.values.first.map({ $0.date < first.date }) == true {
                        parameter.changeTakesEffect = first.date
                        parameter.beforeChange = [beforeChange]
                    } else {
                        parameter.changeTakesEffect = nil
                        parameter.beforeChange = []
                    }
                default:
                    error(file, fieldKey.mark?.line, "\(name).\(field)", "unknown field of a change", field,
                          fix: "use \(parameterFields.joined(separator: ", "))\(suggestion(field, parameterFields))")
                    ok = false
                }
            }
            if ok {
                // Values written in another money unit (the `unit:` field may come before or
                // after `values:`) are converted; the baseline's earlier values are not touched.
                if factor != 1 {
                    for i in parameter.values.indices where newDates.contains(parameter.values[i].date) {
                        if case .number(let x) = parameter.values[i].value { parameter.values[i].value = .number(x * factor) }
                    }
                    parameter.note = Self.conversionNote(parameter.note, from: writtenUnit, to: definition.unit, factor: factor)
                }
                parameter.location = SourceLocation(file: file, line: key.mark?.line)
                parameters[name] = parameter
            }
        }
    }
}
