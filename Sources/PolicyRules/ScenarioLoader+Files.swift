// Reading scenario files: the file itself, the header, the baseline chain and YAML errors
// as located messages.
import Foundation
import SpsimSupport
import Yams

/// The top-level keys of a scenario or parameter file.
let topLevelKeys = ["title", "description", "reference", "baseline", "parameters", "changes", "phases"]

extension Loader {
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
}
