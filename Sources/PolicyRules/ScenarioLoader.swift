// Reading and validating scenario and parameter files. See docs/scenario-format.md.
//
// Every file of the chain is read into Yams nodes (so every problem has a line number),
// checked whole, and every problem is collected; only a scenario without any problem is
// returned. Nothing runs on a partly valid scenario.
import Foundation
import PopulationData
import SpsimSupport
import Yams

/// Loads a scenario or parameter file with its baseline chain, validated whole.
public enum ScenarioLoader {
    /// Loads `url` (a parameter file, or a scenario naming its `baseline:`), applies the
    /// `--set name=value` overrides, and validates everything before returning.
    ///
    /// - Throws: `InputErrors` listing every problem found (`file:line [key]: problem;
    ///   found 'value'. Fix: …`); nothing is returned for a partly valid scenario.
    public static func load(_ url: URL, overrides: [String] = []) throws -> Scenario {
        var loader = Loader()
        let display = displayPath(url)
        let loaded = loader.loadFile(url, display: display, chain: [])
        guard var scenario = loaded else { throw InputErrors(loader.sortedErrors(fallbackFile: display)) }
        loader.applyOverrides(overrides, to: &scenario)
        if loader.errors.isEmpty {
            loader.checkSchemesComplete(scenario)
            loader.crossCheck(scenario)
        }
        if !loader.errors.isEmpty { throw InputErrors(loader.sortedErrors(fallbackFile: display)) }
        scenario.overrides = overrides
        return scenario
    }

    /// A path as a user would recognise it: relative to the working directory when inside it.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}

/// The fields a parameter may have in a parameter file.
private let parameterFields = ["description", "unit", "source", "values", "indexation", "note"]
private let topLevelKeys = ["title", "description", "reference", "baseline", "parameters", "changes", "phases"]
private let phaseFields = ["name", "label", "scheme", "source", "target", "start_year", "take_up", "registration_capacity",
                           "subsidy_share", "compliance", "admin_cost_per_registered"]
private let targetFields = ["labour_status", "sector", "formal", "age", "sex", "province", "urban", "worker_group"]
private let takeUpFields = ["initial", "ceiling", "ramp_years"]

/// A phase as written, every field optional (a scenario's phase may change only some
/// fields of its baseline's phase of the same name).
struct PhasePatch {
    var name: String
    var location: SourceLocation
    var label: String?
    var scheme: PhaseScheme?
    var source: String?
    var target: PhaseTarget?
    var startYear: Int?
    var initial: Double?
    var ceiling: Double?
    var rampYears: Int?
    var registrationCapacity: Double?
    var subsidyShare: [(year: Int, share: Double)]?
    var compliance: Double?
    var adminCost: Double?
    /// Lines of the fields given, for messages.
    var lines: [String: Int] = [:]
}

struct Loader {
    var errors: [InputError] = []

    /// The errors grouped by file (in order of first appearance) and by line within a file.
    func sortedErrors(fallbackFile: String) -> [InputError] {
        if errors.isEmpty { return [InputError(file: fallbackFile, problem: "the scenario could not be read", fix: "check the file")] }
        var fileOrder: [String: Int] = [:]
        for e in errors where fileOrder[e.file] == nil { fileOrder[e.file] = fileOrder.count }
        return errors.enumerated().sorted { a, b in
            let (fa, fb) = (fileOrder[a.element.file] ?? 0, fileOrder[b.element.file] ?? 0)
            if fa != fb { return fa < fb }
            let (la, lb) = (a.element.line ?? Int.max, b.element.line ?? Int.max)
            return la != lb ? la < lb : a.offset < b.offset
        }.map(\.element)
    }

    mutating func error(_ file: String, _ line: Int?, _ key: String?, _ problem: String, _ value: String? = nil, fix: String) {
        errors.append(InputError(file: file, line: line, column: key, problem: problem, value: value, fix: fix))
    }

    // MARK: Files

    mutating func loadFile(_ url: URL, display: String, chain: [URL]) -> Scenario? {
        let standardized = url.standardizedFileURL
        guard let data = FileManager.default.contents(atPath: standardized.path) else {
            let exists = FileManager.default.fileExists(atPath: standardized.path)
            error(display, nil, nil, exists ? "the file cannot be read" : "no such file", standardized.path,
                  fix: exists ? "check the file's permissions" : "check the path (a baseline is relative to the file naming it)")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            error(display, nil, nil, "the file is not UTF-8 text", fix: "save the file as UTF-8")
            return nil
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                error(display, 1, nil, "the file is empty", fix: "write a title, description, reference and parameters (see docs/scenario-format.md)")
                return nil
            }
            root = node
        } catch let yaml as YamlError {
            report(yaml, file: display, text: text)
            return nil
        } catch {
            self.error(display, nil, nil, "the file is not valid YAML: \(error)", fix: "check the indentation and the colons")
            return nil
        }
        guard let mapping = root.mapping else {
            error(display, root.mark?.line, nil, "the file must be a mapping of keys (title, description, …)", fix: "start with 'title: …' (see docs/scenario-format.md)")
            return nil
        }
        var keys: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if !topLevelKeys.contains(name) {
                error(display, key.mark?.line, name, "unknown top-level key", name,
                      fix: "use one of \(topLevelKeys.joined(separator: ", "))" + suggestion(name, topLevelKeys))
                continue
            }
            keys[name] = value
        }
        let title = headerText(keys["title"], "title", display, mapping: root)
        let description = headerText(keys["description"], "description", display, mapping: root)
        let reference = headerText(keys["reference"], "reference", display, mapping: root)
        let name = standardized.deletingPathExtension().lastPathComponent
        let source = ScenarioSource(url: standardized, path: display, title: title)

        var parameters: [String: Parameter] = [:]
        var phases: [PhaseDefinition] = []
        var sources = [source]
        if let baselineNode = keys["baseline"] {
            if let node = keys["parameters"] {
                error(display, node.mark?.line, "parameters", "a scenario with a baseline changes parameters under 'changes:', it does not define them", fix: "rename 'parameters:' to 'changes:' (or remove 'baseline:' to make a full parameter file)")
            }
            guard let path = baselineNode.scalar?.string, !path.isEmpty else {
                error(display, baselineNode.mark?.line, "baseline", "the baseline must be a file path", fix: "write e.g. 'baseline: baseline.yaml' (relative to this file)")
                return nil
            }
            let baselineURL = URL(fileURLWithPath: path, relativeTo: standardized.deletingLastPathComponent()).standardizedFileURL
            if chain.contains(baselineURL) || baselineURL == standardized {
                error(display, baselineNode.mark?.line, "baseline", "the baselines form a cycle", path, fix: "point the baseline at a parameter file that does not lead back here")
                return nil
            }
            guard FileManager.default.fileExists(atPath: baselineURL.path) else {
                error(display, baselineNode.mark?.line, "baseline", "unknown baseline file (looked for \(ScenarioLoader.displayPath(baselineURL)))", path,
                      fix: "name an existing file, relative to \(display) (e.g. 'baseline: baseline.yaml')")
                return nil
            }
            guard let base = loadFile(baselineURL, display: ScenarioLoader.displayPath(baselineURL), chain: chain + [standardized]) else { return nil }
            parameters = base.parameters
            phases = base.phases
            sources += base.sources
            if let changes = keys["changes"] {
                applyChanges(changes, file: display, to: &parameters)
            }
        } else {
            if let node = keys["changes"] {
                error(display, node.mark?.line, "changes", "'changes:' needs a 'baseline:' to change", fix: "add 'baseline: FILE.yaml', or define full parameters under 'parameters:'")
            }
            guard let node = keys["parameters"] else {
                error(display, root.mark?.line, "parameters", "the file has neither 'baseline:' nor 'parameters:'",
                      fix: "name a baseline ('baseline: baseline.yaml') and list 'changes:', or define every parameter under 'parameters:'")
                return nil
            }
            parameters = readParameters(node, file: display)
        }
        if let node = keys["phases"] {
            mergePhases(readPhases(node, file: display), into: &phases, file: display)
        }
        return Scenario(name: name, title: title, description: description, reference: reference, sources: sources,
                        parameters: parameters, phases: phases, overrides: [])
    }

    mutating func headerText(_ node: Node?, _ key: String, _ file: String, mapping: Node) -> String {
        guard let node else {
            error(file, mapping.mark?.line, key, "the header has no \(key)", fix: "add '\(key): …' at the top of the file (title, description and reference are required)")
            return ""
        }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            error(file, node.mark?.line, key, "the \(key) must be non-empty text", fix: "write the \(key) as text")
            return ""
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Turns a Yams error into a located message; duplicate keys get the line of the repeat.
    mutating func report(_ yaml: YamlError, file: String, text: String) {
        switch yaml {
        case .duplicatedKeysInMapping(let duplicates, let context):
            for key in duplicates {
                let repeatLine = Loader.lineOfRepeat(of: key, in: text, after: context.mark)
                error(file, repeatLine ?? context.mark.line, key, "duplicate key (first at line \(context.mark.line))", key,
                      fix: "keep one '\(key):' in this mapping and delete or merge the other")
            }
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            error(file, mark.line, nil, "not valid YAML: \(problem) (column \(mark.column))",
                  fix: "check the indentation (spaces, not tabs), the colons and the quotes around line \(mark.line)")
        default:
            error(file, nil, nil, "not valid YAML: \(yaml)", fix: "check the file's syntax")
        }
    }

    /// The line of the second `key:` at the same indentation as the first (at `mark`), within the same block.
    static func lineOfRepeat(of key: String, in text: String, after mark: Mark) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = mark.column - 1
        var number = mark.line
        while number < lines.count {
            let line = lines[number]
            number += 1
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let lineIndent = line.count - trimmed.count
            if lineIndent < indent { return nil }
            guard lineIndent == indent else { continue }
            for candidate in [key, "'\(key)'", "\"\(key)\""] where trimmed.hasPrefix(candidate) {
                let rest = trimmed.dropFirst(candidate.count).drop(while: { $0 == " " })
                if rest.hasPrefix(":") { return number }
            }
        }
        return nil
    }

    // MARK: Parameters

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
        for definition in ParameterCatalog.core where result[definition.name] == nil && !errors.contains(where: { $0.column == definition.name }) {
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
        if let unit, unit != definition.unit, let unitNode = fields["unit"] {
            error(file, unitNode.mark?.line, name, "wrong unit", unit, fix: "write 'unit: \(definition.unit)' (\(definition.meaning))")
            ok = false
        }
        let indexation = readIndexation(fields["indexation"], definition: definition, file: file)
        let note = fields["note"]?.scalar?.string
        guard let valuesNode = fields["values"] else {
            error(file, keyLine, name, "the parameter has no values", fix: "add 'values:' with at least one 'YYYY-MM-DD: value' line")
            return nil
        }
        guard let values = readValues(valuesNode, definition: definition, file: file), ok,
              let description, let unit, let source, let indexation else { return nil }
        return Parameter(name: name, description: description, unit: unit, source: source, indexation: indexation, note: note,
                         values: values, location: SourceLocation(file: file, line: keyLine))
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

    // MARK: Changes (scenario files)

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
                        error(file, fieldValue.mark?.line, name, "wrong unit", unit, fix: "write 'unit: \(definition.unit)' (\(definition.meaning)) or leave the unit out")
                        ok = false
                    }
                case "indexation":
                    if let indexation = readIndexation(fieldValue, definition: definition, file: file) { parameter.indexation = indexation } else { ok = false }
                case "values":
                    guard let values = readValues(fieldValue, definition: definition, file: file), let first = values.first else { ok = false; continue }
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
                parameter.location = SourceLocation(file: file, line: key.mark?.line)
                parameters[name] = parameter
            }
        }
    }

    // MARK: Phases

    mutating func readPhases(_ node: Node, file: String) -> [PhasePatch] {
        if let text = node.scalar?.string, text.isEmpty { return [] }
        guard let sequence = node.sequence else {
            error(file, node.mark?.line, "phases", "'phases:' must be a list", fix: "start each phase with '- name: …' (or write 'phases: []')")
            return []
        }
        var result: [PhasePatch] = []
        var seen: [String: Int] = [:]
        for item in sequence {
            guard let patch = readPhase(item, file: file) else { continue }
            if let first = seen[patch.name] {
                error(file, patch.location.line, "phases.\(patch.name)", "two phases have the same name (first at line \(first))", patch.name,
                      fix: "give each phase a unique name")
                continue
            }
            seen[patch.name] = patch.location.line ?? 0
            result.append(patch)
        }
        return result
    }

    mutating func readPhase(_ node: Node, file: String) -> PhasePatch? {
        guard let mapping = node.mapping else {
            error(file, node.mark?.line, "phases", "a phase must be a mapping of fields", node.string, fix: "write '- name: …' followed by the phase's fields")
            return nil
        }
        var fields: [String: Node] = [:]
        var ordered: [(String, Node)] = []
        var keyLines: [String: Int] = [:]
        for (key, value) in mapping {
            let field = key.string ?? ""
            guard phaseFields.contains(field) else {
                error(file, key.mark?.line, "phases.\(field)", "unknown phase field", field, fix: "use \(phaseFields.joined(separator: ", "))\(suggestion(field, phaseFields))")
                continue
            }
            fields[field] = value
            ordered.append((field, value))
            keyLines[field] = key.mark?.line
        }
        guard let nameNode = fields["name"], let name = nameNode.scalar?.string else {
            error(file, node.mark?.line, "phases", "the phase has no name", fix: "add 'name: …' (letters, digits and '-')")
            return nil
        }
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" }) else {
            error(file, nameNode.mark?.line, "phases.name", "a phase name may use only letters, digits and '-'", name, fix: "rename the phase, e.g. 'informal-services'")
            return nil
        }
        var patch = PhasePatch(name: name, location: SourceLocation(file: file, line: nameNode.mark?.line))
        patch.lines = keyLines
        for (field, value) in ordered where field != "name" {
            applyPhaseField(field, value, to: &patch, file: file)
        }
        return patch
    }

    /// Reads one field of a phase into `patch` (also used by `--set phases.NAME.FIELD=value`).
    mutating func applyPhaseField(_ field: String, _ value: Node, to patch: inout PhasePatch, file: String) {
        let key = "phases.\(patch.name).\(field)"
        let line = value.mark?.line
        func text() -> String? {
            guard let text = value.scalar?.string, !text.isEmpty else {
                error(file, line, key, "expected text", value.string, fix: "write the \(field) as text")
                return nil
            }
            return text
        }
        func number(_ kind: ParameterKind, _ unit: String) -> Double? {
            guard let text = value.scalar?.string else {
                error(file, line, key, "expected a single value", nil, fix: "write one number (\(unit))")
                return nil
            }
            switch ValueParser.parse(text, kind: kind, unit: unit) {
            case .success(.number(let x)): return x
            case .success: return nil
            case .failure(let failure):
                error(file, line, key, failure.problem, text, fix: failure.fix)
                return nil
            }
        }
        switch field {
        case "label": patch.label = text()
        case "source": patch.source = text()
        case "scheme":
            guard let word = text() else { return }
            if let scheme = PhaseScheme(rawValue: word) { patch.scheme = scheme } else {
                error(file, line, key, "unknown scheme", word, fix: "write one of \(PhaseScheme.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        case "start_year":
            guard let yearText = value.scalar?.string, let x = Double(yearText), x == x.rounded() else {
                error(file, line, key, "the start year is not a year", value.string, fix: "write a year such as 2026")
                return
            }
            if x < 1900 || x > 2200 {
                error(file, line, key, "start year out of range", yearText, fix: "write a year such as 2026")
            } else { patch.startYear = Int(x) }
        case "registration_capacity": patch.registrationCapacity = number(.amount, "persons per year")
        case "compliance": patch.compliance = number(.share, "/1")
        case "admin_cost_per_registered": patch.adminCost = number(.amount, "PKR/year")
        case "subsidy_share": patch.subsidyShare = readSubsidy(value, file: file, key: key)
        case "take_up": readTakeUp(value, into: &patch, file: file, key: key)
        case "take_up.initial", "take_up.ceiling", "take_up.ramp_years":
            let sub = String(field.dropFirst("take_up.".count))
            if sub == "ramp_years" { number(.years, "years").map { patch.rampYears = Int($0) } }
            else if sub == "initial" { patch.initial = number(.share, "/1") }
            else { patch.ceiling = number(.share, "/1") }
        case "target": patch.target = readTarget(value, file: file, key: key)
        default:
            error(file, line, key, "unknown phase field", field, fix: "use \(phaseFields.joined(separator: ", "))\(suggestion(field, phaseFields))")
        }
    }

    mutating func readTakeUp(_ node: Node, into patch: inout PhasePatch, file: String, key: String) {
        guard let mapping = node.mapping else {
            error(file, node.mark?.line, key, "take_up must give initial, ceiling and ramp_years", node.string,
                  fix: "write 'take_up: {initial: 0.05, ceiling: 0.4, ramp_years: 5}'")
            return
        }
        for (k, v) in mapping {
            let field = k.string ?? ""
            guard takeUpFields.contains(field) else {
                error(file, k.mark?.line, "\(key).\(field)", "unknown take-up field", field, fix: "use initial, ceiling, ramp_years\(suggestion(field, takeUpFields))")
                continue
            }
            applyPhaseField("take_up.\(field)", v, to: &patch, file: file)
        }
    }

    mutating func readSubsidy(_ node: Node, file: String, key: String) -> [(year: Int, share: Double)]? {
        if let text = node.scalar?.string {
            switch ValueParser.parse(text, kind: .share, unit: "/1") {
            case .success(.number(let x)): return [(year: Int.min, share: x)]
            case .failure(let failure): error(file, node.mark?.line, key, failure.problem, text, fix: failure.fix)
            default: break
            }
            return nil
        }
        guard let mapping = node.mapping, mapping.count > 0 else {
            error(file, node.mark?.line, key, "subsidy_share is a share or a mapping from year to share", nil, fix: "write 'subsidy_share: 0.5' or '{2026: 0.8, 2030: 0.5}'")
            return nil
        }
        var result: [(year: Int, share: Double)] = []
        var ok = true
        for (k, v) in mapping {
            let yearText = k.string ?? ""
            guard let year = Int(yearText), (1900...2200).contains(year) else {
                error(file, k.mark?.line, key, "the subsidy's year is not a year", yearText, fix: "write a year such as 2026")
                ok = false
                continue
            }
            if let last = result.last, last.year >= year {
                error(file, k.mark?.line, key, "subsidy years out of order", yearText, fix: "list the years in increasing order, each once")
                ok = false
            }
            let text = v.scalar?.string ?? ""
            switch ValueParser.parse(text, kind: .share, unit: "/1") {
            case .success(.number(let x)): result.append((year: year, share: x))
            case .failure(let failure): error(file, v.mark?.line, key, "subsidy out of range: " + failure.problem, text, fix: failure.fix); ok = false
            default: ok = false
            }
        }
        return ok ? result : nil
    }

    mutating func readTarget(_ node: Node, file: String, key: String) -> PhaseTarget? {
        guard let mapping = node.mapping else {
            if node.scalar?.string.isEmpty == true { return PhaseTarget() }
            error(file, node.mark?.line, key, "the target must be a mapping of criteria", node.string,
                  fix: "write criteria such as 'labour_status: [employee]' under 'target:'")
            return nil
        }
        var target = PhaseTarget()
        var ok = true
        func codes<T>(_ v: Node, _ field: String, _ all: [T], _ code: (T) -> String) -> Set<T>? where T: Hashable {
            let items: [Node]
            if let sequence = v.sequence { items = Array(sequence) } else { items = [v] }
            var result = Set<T>()
            for item in items {
                let text = item.scalar?.string ?? ""
                if let match = all.first(where: { code($0) == text }) { result.insert(match) } else {
                    let allowed = all.map(code).filter { !$0.isEmpty }
                    error(file, item.mark?.line ?? v.mark?.line, "\(key).\(field)", "unknown \(field) category", text,
                          fix: "use \(allowed.joined(separator: ", "))\(suggestion(text, allowed))")
                    ok = false
                }
            }
            return result
        }
        func flag(_ v: Node, _ field: String) -> Bool? {
            switch ValueParser.parse(v.scalar?.string ?? "", kind: .flag, unit: "bool") {
            case .success(.flag(let b)): return b
            default:
                error(file, v.mark?.line, "\(key).\(field)", "expected true or false", v.string, fix: "write true or false")
                ok = false
                return nil
            }
        }
        for (k, v) in mapping {
            let field = k.string ?? ""
            switch field {
            case "labour_status": target.labourStatuses = codes(v, field, LabourStatus.allCases, \.code)
            case "sector": target.sectors = codes(v, field, Sector.allCases.filter { $0 != .none }, \.code)
            case "sex": target.sexes = codes(v, field, Sex.allCases, \.code)
            case "province": target.provinces = codes(v, field, Province.allCases, \.code)
            case "worker_group": target.workerGroups = codes(v, field, WorkerGroup.allCases, \.code)
            case "formal": target.formal = flag(v, field)
            case "urban": target.urban = flag(v, field)
            case "age":
                guard let bounds = v.mapping else {
                    error(file, v.mark?.line, "\(key).age", "the age criterion is a range", v.string, fix: "write 'age: {min: 18, max: 59}' (inclusive)")
                    ok = false
                    continue
                }
                for (bk, bv) in bounds {
                    let bound = bk.string ?? ""
                    let text = bv.scalar?.string ?? ""
                    guard bound == "min" || bound == "max" else {
                        error(file, bk.mark?.line, "\(key).age.\(bound)", "unknown age bound", bound, fix: "use min and max")
                        ok = false
                        continue
                    }
                    switch ValueParser.parse(text, kind: .age, unit: "age") {
                    case .success(.number(let x)): if bound == "min" { target.minimumAge = Int(x) } else { target.maximumAge = Int(x) }
                    case .failure(let failure): error(file, bv.mark?.line, "\(key).age.\(bound)", failure.problem, text, fix: failure.fix); ok = false
                    default: ok = false
                    }
                }
                if let low = target.minimumAge, let high = target.maximumAge, low > high {
                    error(file, v.mark?.line, "\(key).age", "the age range is empty (min above max)", "\(low)–\(high)", fix: "make min ≤ max")
                    ok = false
                }
            default:
                error(file, k.mark?.line, "\(key).\(field)", "unknown target key", field, fix: "use \(targetFields.joined(separator: ", "))\(suggestion(field, targetFields))")
                ok = false
            }
        }
        return ok ? target : nil
    }

    /// Applies a file's phases: a phase with the name of an existing one replaces the fields
    /// given; a new name is appended (and must give every required field).
    mutating func mergePhases(_ patches: [PhasePatch], into phases: inout [PhaseDefinition], file: String) {
        for patch in patches {
            if let index = phases.firstIndex(where: { $0.name == patch.name }) {
                if let merged = complete(patch, base: phases[index], file: file) { phases[index] = merged }
            } else if let made = complete(patch, base: nil, file: file) {
                phases.append(made)
            }
        }
    }

    /// Combines a patch with its base phase (if any) and validates the whole phase.
    mutating func complete(_ patch: PhasePatch, base: PhaseDefinition?, file: String) -> PhaseDefinition? {
        let key = "phases.\(patch.name)"
        let line = patch.location.line
        var ok = true
        func need<T>(_ value: T?, _ field: String, _ fix: String) -> T? {
            if value == nil {
                if patch.lines[field] == nil {
                    error(file, line, "\(key).\(field)", "the phase has no \(field)", fix: fix)
                }
                ok = false
            }
            return value
        }
        let label = need(patch.label ?? base?.label, "label", "add 'label: …' (a short description for tables)")
        let scheme = need(patch.scheme ?? base?.scheme, "scheme", "add 'scheme: contributory' or 'scheme: minimum_wage_registration'")
        let source = need(patch.source ?? base?.source, "source", "add 'source: …' (the strategy option or assumption)")
        let startYear = need(patch.startYear ?? base?.startYear, "start_year", "add 'start_year: 2026'")
        let initial = need(patch.initial ?? base?.takeUp.initial, "take_up", "give 'take_up: {initial: …, ceiling: …, ramp_years: …}'")
        let ceiling = need(patch.ceiling ?? base?.takeUp.ceiling, "take_up", "give the take-up ceiling")
        let ramp = need(patch.rampYears ?? base?.takeUp.rampYears, "take_up", "give the take-up ramp_years")
        let target = patch.target ?? base?.target ?? PhaseTarget()
        if patch.lines["take_up"] == nil && base == nil && (initial == nil || ceiling == nil || ramp == nil) { ok = false }
        if let initial, let ceiling, ceiling < initial {
            error(file, patch.lines["take_up"] ?? line, "\(key).take_up", "the take-up ceiling is below the initial take-up", "\(initial) > \(ceiling)",
                  fix: "make ceiling ≥ initial (take-up rises from initial to ceiling)")
            ok = false
        }
        var subsidy = patch.subsidyShare ?? base?.subsidyShare
        let compliance = patch.compliance ?? base?.compliance
        if let scheme {
            switch scheme {
            case .contributory:
                if subsidy == nil {
                    ok = false
                }
                if subsidy == nil && patch.lines["subsidy_share"] == nil {
                    error(file, line, "\(key).subsidy_share", "a contributory phase needs the government's subsidy share",
                          fix: "add 'subsidy_share: 0.5' (0 for none) or '{2026: 0.8, 2030: 0.5}'")
                    ok = false
                }
                if patch.compliance != nil {
                    error(file, patch.lines["compliance"] ?? line, "\(key).compliance", "compliance applies only to minimum_wage_registration phases",
                          fix: "remove 'compliance:' or change the scheme")
                    ok = false
                }
            case .minimumWageRegistration:
                if compliance == nil {
                    ok = false
                }
                if compliance == nil && patch.lines["compliance"] == nil {
                    error(file, line, "\(key).compliance", "a minimum_wage_registration phase needs the compliance of registered workers",
                          fix: "add 'compliance: 0.9'")
                    ok = false
                }
                if patch.subsidyShare != nil {
                    error(file, patch.lines["subsidy_share"] ?? line, "\(key).subsidy_share", "subsidy_share applies only to contributory phases",
                          fix: "remove 'subsidy_share:' or change the scheme to contributory")
                    ok = false
                }
                subsidy = subsidy ?? []
            }
        }
        if let startYear, let shares = subsidy {
            // A single share is stored with year Int.min: it applies whatever the start year.
            if let first = shares.first, first.year != Int.min, first.year > startYear {
                error(file, patch.lines["subsidy_share"] ?? line, "\(key).subsidy_share", "the subsidy starts after the phase (no subsidy for \(startYear))", "\(first.year)",
                      fix: "give a share for the start year \(startYear)")
                ok = false
            }
        }
        guard ok, let label, let scheme, let source, let startYear, let initial, let ceiling, let ramp, let subsidy else { return nil }
        return PhaseDefinition(name: patch.name, label: label, scheme: scheme, source: source, target: target, startYear: startYear,
                               takeUp: PhaseTakeUp(initial: initial, ceiling: ceiling, rampYears: ramp),
                               registrationCapacity: patch.registrationCapacity ?? base?.registrationCapacity,
                               subsidyShare: subsidy, compliance: compliance,
                               adminCostPerRegistered: patch.adminCost ?? base?.adminCostPerRegistered, location: patch.location)
    }

    // MARK: --set

    mutating func applyOverrides(_ overrides: [String], to scenario: inout Scenario) {
        let file = "--set"
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
                    if let composed = try? Yams.compose(yaml: targetText), let target = readTarget(composed, file: file, key: name) {
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

    /// A scheme the scenario uses (it gives at least one of its parameters) needs every
    /// parameter of the scheme that has no default.
    mutating func checkSchemesComplete(_ scenario: Scenario) {
        for declaration in SchemeRegistry.declarations where scenario.usesScheme(declaration) {
            let given = declaration.parameters.compactMap { scenario.parameters[$0.name] }
            let firstGiven = given.min { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
            for definition in declaration.parameters where definition.defaultValue == nil {
                if let parameter = scenario.parameters[definition.name], !parameter.values.isEmpty { continue }
                if errors.contains(where: { $0.column == definition.name }) { continue }
                let at = firstGiven?.location
                error(at?.file ?? scenario.sources.first?.path ?? "scenario", at?.line, definition.name,
                      "the scenario uses the \(declaration.label.lowercased()) scheme (\(declaration.name).*) but does not give \(definition.name)",
                      fix: "define \(definition.name) (\(definition.unit): \(definition.meaning)), or remove the scheme's other parameters to leave it off")
            }
        }
        for phase in scenario.phases {
            let needed: SchemeDeclaration = phase.scheme == .contributory ? ContributoryInsurance.declaration : MinimumWageFloor.declaration
            if !scenario.usesScheme(needed) {
                error(phase.location.file, phase.location.line, "phases.\(phase.name).scheme",
                      "a \(phase.scheme.rawValue) phase extends the \(needed.name) scheme, which the scenario does not use", phase.scheme.rawValue,
                      fix: "define the \(needed.name).* parameters in the parameter file")
            }
        }
        if let base = scenario.parameters["contributory.contribution_base"], scenario.parameters["minimum_wage.amount"] == nil,
           base.values.contains(where: { $0.value == .text(ContributionBase.minimumWage.rawValue) }) {
            error(base.location.file, base.location.line, "contributory.contribution_base", "contributions are a share of the minimum wage, but the scenario has no minimum wage",
                  "minimum_wage", fix: "define minimum_wage.amount, or write 'earnings' as the contribution base")
        }
    }

    // MARK: Checks across parameters

    /// Checks that involve several parameters, on every dated value.
    mutating func crossCheck(_ scenario: Scenario) {
        if let weight = scenario.parameters["poverty.child_weight"] {
            for dated in weight.values {
                if case .number(let x) = dated.value, x <= 0 {
                    error(dated.location.file, dated.location.line, "poverty.child_weight", "a child's adult-equivalence weight must be above 0", "\(x)",
                          fix: "write a weight above 0 and at most 1 (0.8 in R1)")
                }
            }
        }
        guard let rate = scenario.parameters["contributory.contribution_rate"], let employee = scenario.parameters["contributory.employee_rate"] else { return }
        for dated in employee.values {
            guard case .number(let e) = dated.value, let total = rate.value(on: dated.date), case .number(let t) = total.value else { continue }
            if e > t {
                error(dated.location.file, dated.location.line, "contributory.employee_rate", "the employee's part exceeds the total contribution rate (\(t))", "\(e)",
                      fix: "make contributory.employee_rate ≤ contributory.contribution_rate")
            }
        }
    }

    func suggestion(_ name: String, _ candidates: [String]) -> String {
        guard let nearest = ParameterCatalog.nearest(to: name, among: candidates), nearest != name else { return "" }
        let distance = ParameterCatalog.editDistance(name, nearest)
        return distance <= max(3, nearest.count / 3) ? " (did you mean '\(nearest)'?)" : ""
    }
}

/// Parsing and range checks of a value written as text, by kind.
enum ValueParser {
    struct Failure: Error {
        var problem: String
        var fix: String
    }

    static func parse(_ raw: String, kind: ParameterKind, unit: String) -> Result<ParameterValue, Failure> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .flag:
            switch text.lowercased() {
            case "true", "yes": return .success(.flag(true))
            case "false", "no": return .success(.flag(false))
            default: return .failure(Failure(problem: "expected true or false", fix: "write true or false"))
            }
        case .choice(let options):
            if options.contains(text) { return .success(.text(text)) }
            let near = ParameterCatalog.nearest(to: text, among: options).map { " (did you mean '\($0)'?)" } ?? ""
            return .failure(Failure(problem: "not one of the allowed words", fix: "write one of \(options.joined(separator: ", "))\(near)"))
        default:
            break
        }
        if text.hasSuffix("%") {
            let inner = text.dropLast().trimmingCharacters(in: .whitespaces)
            let hint = Double(inner).map { " (\(trimmed(NumberText.fixed($0 / 100, digits: 6))))" } ?? ""
            return .failure(Failure(problem: "percentages are written as fractions here", fix: "write the share as a fraction of 1\(hint)"))
        }
        if text.contains(",") {
            return .failure(Failure(problem: "thousands separators are not allowed in numbers", fix: "write \(text.replacingOccurrences(of: ",", with: "")) (no commas; '_' is allowed: 37_000)"))
        }
        guard let x = Double(text.replacingOccurrences(of: "_", with: "")), x.isFinite else {
            return .failure(Failure(problem: "expected a number (\(unit))", fix: "write a number such as \(example(kind))"))
        }
        switch kind {
        case .amount:
            if x < 0 { return .failure(Failure(problem: "a negative amount", fix: "write an amount of 0 or more (\(unit))")) }
        case .share:
            if x < 0 || x > 1 {
                let percentHint = x > 1 && x <= 100 ? " (if you meant \(text)%, write \(trimmed(NumberText.fixed(x / 100, digits: 6))))" : ""
                return .failure(Failure(problem: "a share must be between 0 and 1", fix: "write a fraction from 0 to 1\(percentHint)"))
            }
        case .growth:
            if x <= -1 { return .failure(Failure(problem: "a growth rate must be above −1", fix: "write the growth as a fraction per year, e.g. 0.07 for 7%")) }
            if x > 10 { return .failure(Failure(problem: "a growth rate above 1000% a year", fix: "write the growth as a fraction per year, e.g. 0.07 for 7%")) }
        case .years:
            if x < 0 || x != x.rounded() { return .failure(Failure(problem: "a number of years must be a whole number ≥ 0", fix: "write a whole number of years")) }
        case .age:
            if x < 0 || x > 120 || x != x.rounded() { return .failure(Failure(problem: "an age must be a whole number from 0 to 120", fix: "write an age from 0 to 120")) }
        case .score:
            if x < 0 || x > 100 { return .failure(Failure(problem: "a PMT score must be between 0 and 100", fix: "write a score from 0 to 100")) }
        case .positiveCount:
            if x <= 0 { return .failure(Failure(problem: "must be above 0", fix: "write a positive number")) }
        case .flag, .choice: break
        }
        return .success(.number(x))
    }

    /// "0.015000" → "0.015".
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = text
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }

    static func example(_ kind: ParameterKind) -> String {
        switch kind {
        case .amount: return "37000"
        case .share: return "0.25"
        case .growth: return "0.07"
        case .years: return "15"
        case .age: return "60"
        case .score: return "32"
        case .positiveCount: return "50"
        case .flag: return "true"
        case .choice(let options): return options.first ?? ""
        }
    }
}
