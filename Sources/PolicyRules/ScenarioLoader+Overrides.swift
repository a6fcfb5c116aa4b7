// `--set name=value` overrides from the command line.
import Foundation
import SpsimSupport
import Yams

extension Loader {
    mutating func applyOverrides(_ overrides: [String], to scenario: inout Scenario) {
        let file = "--set"
        // A value given on the command line is parsed as a one-line YAML document: its
        // line numbers mean nothing to the user, so '--set' errors carry none.
        defer { for k in errors.indices where errors[k].file == file { errors[k].line = nil } }
        for override in overrides {
            guard let equals = override.firstIndex(of: "=") else {
                error(file, nil, override, "an override is written name=value", override, fix: "write e.g. --set minimum_wage.amount=40000")
                continue
            }
            let name = String(override[..<equals]).trimmingCharacters(in: .whitespaces)
            let valueText = String(override[override.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("phases.") {
                let parts = name.split(separator: ".", maxSplits: 2).map(String.init)
                guard parts.count == 3 else {
                    error(file, nil, name, "a phase override is written phases.NAME.FIELD=value", override, fix: "write e.g. --set phases.extension.subsidy_share=0.8")
                    continue
                }
                guard let index = scenario.phases.firstIndex(where: { $0.name == parts[1] }) else {
                    error(file, nil, name, "no phase of that name", parts[1],
                          fix: scenario.phases.isEmpty ? "this scenario has no phases" : "use one of \(scenario.phases.map(\.name).joined(separator: ", "))\(suggestion(parts[1], scenario.phases.map(\.name)))")
                    continue
                }
                if let violation = YAMLBounds.check(valueText) {
                    error(file, nil, name, violation.problem, violation.value ?? valueText, fix: violation.fix)
                    continue
                }
                let node: Node
                do {
                    guard let composed = try Yams.compose(yaml: valueText.isEmpty ? "''" : valueText) else { continue }
                    node = composed
                } catch {
                    self.error(file, nil, name, "the value is not valid", valueText, fix: "quote it or write it as YAML, e.g. [industry, services]")
                    continue
                }
                var patch = PhasePatch(name: parts[1], location: scenario.phases[index].location)
                patch.lines[parts[2]] = 0
                let before = errors.count
                if parts[2].hasPrefix("target.") {
                    var targetText = "\(parts[2].dropFirst("target.".count)): \(valueText)"
                    if valueText.isEmpty { targetText += "''" }
                    if let violation = YAMLBounds.check(targetText) {
                        error(file, nil, name, violation.problem, violation.value ?? valueText, fix: violation.fix)
                    } else if let composed = try? Yams.compose(yaml: targetText), let target = readTarget(composed, file: file, key: name) {
                        var merged = scenario.phases[index].target
                        let given = composed.mapping?.keys.compactMap(\.string) ?? []
                        for field in given {
                            switch field {
                            case "labour_status": merged.labourStatuses = target.labourStatuses
                            case "sector": merged.sectors = target.sectors
                            case "sex": merged.sexes = target.sexes
                            case "province": merged.provinces = target.provinces
                            case "worker_group": merged.workerGroups = target.workerGroups
                            case "formal": merged.formal = target.formal
                            case "urban": merged.urban = target.urban
                            case "age": merged.minimumAge = target.minimumAge ?? merged.minimumAge; merged.maximumAge = target.maximumAge ?? merged.maximumAge
                            default: break
                            }
                        }
                        patch.target = merged
                    }
                } else if parts[2] == "name" {
                    error(file, nil, name, "a phase's name cannot be changed with --set", fix: "edit the scenario file")
                } else {
                    applyPhaseField(parts[2], node, to: &patch, file: file)
                }
                guard errors.count == before else { continue }
                if let merged = complete(patch, base: scenario.phases[index], file: file) { scenario.phases[index] = merged }
                continue
            }
            guard let definition = ParameterCatalog.byName[name] else {
                error(file, nil, name, "unknown parameter", name, fix: "check the name\(suggestion(name, ParameterCatalog.definitions.map(\.name))); the list is in docs/scenario-format.md")
                continue
            }
            switch ValueParser.parse(valueText, kind: definition.kind, unit: definition.unit) {
            case .success(let value):
                guard var parameter = scenario.parameters[name] ?? newParameter(definition, file: file, line: nil, in: scenario.parameters) else { continue }
                let first = parameter.values.first?.date ?? Self.earliestDate(scenario.parameters)
                parameter.values = [DatedValue(date: first, value: value, location: SourceLocation(file: file, line: nil))]
                parameter.indexation = .none // one constant value, as the short form in a file
                parameter.changeTakesEffect = nil
                parameter.beforeChange = []
                parameter.source = "command line: --set \(override)"
                parameter.location = SourceLocation(file: file, line: nil)
                scenario.parameters[name] = parameter
            case .failure(let failure):
                error(file, nil, name, failure.problem, valueText, fix: failure.fix)
            }
        }
    }
}
