// Reading and validating scenario and parameter files. See docs/scenario-format.md.
//
// Every file of the chain is read into Yams nodes (so every problem has a line number),
// checked whole, and every problem is collected; only a scenario without any problem is
// returned. Nothing runs on a partly valid scenario.
//
// The loader is split by concern: ScenarioLoader+Files (reading files, YAML bounds, the
// header and the baseline chain), +Parameters (parameter files and dated values),
// +Changes (a scenario's `changes:`), +Phases, +Overrides (`--set`), +Checks (checks
// across parameters) and ValueParser (one value as text, with its valid range).
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

/// The validation pass over one scenario chain: collects every problem with its location.
struct Loader {
    var errors: [InputError] = []

    /// Most problems listed; more are summed up in one last line.
    static let maximumErrors = 100

    /// The errors grouped by file (in order of first appearance) and by line within a file,
    /// at most `maximumErrors` of them and a line counting the rest.
    func sortedErrors(fallbackFile: String) -> [InputError] {
        if errors.isEmpty { return [InputError(file: fallbackFile, problem: "the scenario could not be read", fix: "check the file")] }
        let sorted = sortedAll()
        guard sorted.count > Self.maximumErrors else { return sorted }
        return Array(sorted.prefix(Self.maximumErrors)) + [InputError(file: fallbackFile, problem: "\(sorted.count - Self.maximumErrors) more problems not listed",
                                                                      fix: "fix the problems above and load the file again")]
    }

    private func sortedAll() -> [InputError] {
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

    func suggestion(_ name: String, _ candidates: [String]) -> String {
        // "Did you mean" costs an edit distance per candidate: offered for the first
        // problems of a file and reasonable names only, so that no file is slow to refuse.
        guard errors.count < Self.maximumErrors, name.unicodeScalars.count <= 200 else { return "" }
        guard let nearest = SpsimSupport.nearest(to: name, among: candidates), nearest != name else { return "" }
        let distance = SpsimSupport.editDistance(name, nearest)
        return distance <= max(3, nearest.count / 3) ? " (did you mean '\(nearest)'?)" : ""
    }
}
