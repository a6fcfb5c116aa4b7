// Reading scenario files: the file itself (type, size, encoding), the YAML bounds checked
// before parsing, the header, the baseline chain and YAML errors as located messages.
import Foundation
import SpsimSupport
import Yams
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The top-level keys of a scenario or parameter file.
let topLevelKeys = ["title", "description", "reference", "baseline", "parameters", "changes", "phases"]

extension Loader {
    mutating func loadFile(_ url: URL, display: String, chain: [URL]) -> Scenario? {
        let standardized = url.standardizedFileURL
        guard let text = readText(standardized, display: display, line: nil) else { return nil }
        if let violation = YAMLBounds.check(text) {
            error(display, violation.line, nil, violation.problem, violation.value, fix: violation.fix)
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
            self.error(display, nil, nil, "the file is not valid YAML: \(InputFile.firstLine(of: "\(error)"))", fix: "check the indentation and the colons")
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
            switch InputFile.inspect(baselineURL.path) {
            case .regular:
                break
            case .missing:
                error(display, baselineNode.mark?.line, "baseline", "unknown baseline file (looked for \(ScenarioLoader.displayPath(baselineURL)))", path,
                      fix: "name an existing file, relative to \(display) (e.g. 'baseline: baseline.yaml')")
                return nil
            case .notRegular(let kind):
                error(display, baselineNode.mark?.line, "baseline", "the baseline is \(kind), not a file (\(ScenarioLoader.displayPath(baselineURL)))", path,
                      fix: "name a parameter or scenario file, relative to \(display) (e.g. 'baseline: baseline.yaml')")
                return nil
            case .inaccessible(let reason):
                error(display, baselineNode.mark?.line, "baseline", "the baseline cannot be read: \(reason) (\(ScenarioLoader.displayPath(baselineURL)))", path,
                      fix: "check the path and the permissions of the file and its folders")
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

    /// The text of a scenario file, or nil after reporting why it cannot be used: only a
    /// regular file of at most `YAMLBounds.maximumBytes` in UTF-8 is read. Directories,
    /// FIFOs, devices and sockets are refused from their type, without opening them.
    mutating func readText(_ url: URL, display: String, line: Int?) -> String? {
        let path = url.path
        switch InputFile.inspect(path) {
        case .missing:
            error(display, line, nil, "no such file", path, fix: "check the path (a baseline is relative to the file naming it)")
            return nil
        case .notRegular(let kind):
            error(display, line, nil, "this is \(kind), not a file", path, fix: "name a scenario or parameter file (.yaml)")
            return nil
        case .inaccessible(let reason):
            error(display, line, nil, "the file cannot be read: \(reason)", path, fix: "check the file's permissions and those of its folders")
            return nil
        case .regular(let size) where size > YAMLBounds.maximumBytes:
            error(display, line, nil, "the file is larger than 1 MiB (\(size) bytes); scenario files are a few kilobytes", "\(size) bytes",
                  fix: "check that this is the scenario file you meant, or split it into a baseline and scenarios")
            return nil
        case .regular:
            break
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            error(display, line, nil, "the file cannot be read", path, fix: "check the file's permissions")
            return nil
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: YAMLBounds.maximumBytes + 1) ?? Data()
        } catch {
            self.error(display, line, nil, "the file cannot be read: \(error.localizedDescription)", path, fix: "check the file")
            return nil
        }
        if data.count > YAMLBounds.maximumBytes {
            error(display, line, nil, "the file is larger than 1 MiB; scenario files are a few kilobytes", nil,
                  fix: "check that this is the scenario file you meant, or split it into a baseline and scenarios")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            error(display, line, nil, "the file is not UTF-8 text", fix: "save the file as UTF-8")
            return nil
        }
        return text
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

    /// Turns a Yams error into located messages (`YAMLErrorMessages`).
    mutating func report(_ yaml: YamlError, file: String, text: String) {
        errors += YAMLErrorMessages.located(yaml, file: file, text: text)
    }

    /// The line of the second `key:` at the same indentation as the first (at `mark`), within the same block.
    static func lineOfRepeat(of key: String, in lines: [Substring], after mark: Mark) -> Int? {
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

/// What a path names, from `stat` (following symbolic links), without opening it: a FIFO
/// opened for reading would block until a writer appears.
enum InputFile: Equatable {
    case regular(size: Int)
    case missing
    /// A directory, FIFO, device or socket, in words ("a directory").
    case notRegular(String)
    /// `stat` failed for another reason (permissions of a folder, a loop of links…).
    case inaccessible(String)

    static func inspect(_ path: String) -> InputFile {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return .missing }
            return .inaccessible(String(cString: strerror(code)))
        }
        let type = Int(status.st_mode) & Int(S_IFMT)
        switch type {
        case Int(S_IFREG): return .regular(size: Int(status.st_size))
        case Int(S_IFDIR): return .notRegular("a directory")
        case Int(S_IFIFO): return .notRegular("a named pipe (FIFO)")
        case Int(S_IFCHR), Int(S_IFBLK): return .notRegular("a device")
        case Int(S_IFSOCK): return .notRegular("a socket")
        default: return .notRegular("a special file")
        }
    }

    /// The first line of a possibly multi-line message, with control characters escaped.
    static func firstLine(of text: String) -> String {
        let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? text
        var out = ""
        for scalar in first.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                out += YAMLBounds.codePoint(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Yams' errors as located, one-line messages: the one mapping every YAML reader of spsim
/// uses (scenario files here, the population projection file in Projection). Duplicate
/// keys get the line of the repeat.
public enum YAMLErrorMessages {
    public static func located(_ yaml: YamlError, file: String, text: String) -> [InputError] {
        switch yaml {
        case .duplicatedKeysInMapping(let duplicates, let context):
            // A few are enough to act on; each costs a scan of the text.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return duplicates.prefix(20).map { key in
                let repeatLine = Loader.lineOfRepeat(of: key, in: lines, after: context.mark)
                return InputError(file: file, line: repeatLine ?? context.mark.line, column: key, problem: "duplicate key (first at line \(context.mark.line))",
                                  value: key, fix: "keep one '\(key):' in this mapping and delete or merge the other")
            }
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return [InputError(file: file, line: mark.line, problem: "not valid YAML: \(problem) (column \(mark.column))",
                               fix: "check the indentation (spaces, not tabs), the colons and the quotes around line \(mark.line)")]
        default:
            return [InputError(file: file, problem: "not valid YAML: \(InputFile.firstLine(of: "\(yaml)"))", fix: "check the file's syntax")]
        }
    }
}
