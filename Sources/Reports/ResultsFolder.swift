import Foundation
import Indicators
import SpsimSupport

/// One scenario of a comparison, as listed in `manifest.json` (baseline first).
public struct ManifestScenario: Sendable, Equatable {
    /// The short name used in `comparison.csv` (the file name without `.yaml`).
    public var name: String
    /// The scenario's title from its header, or the name when the manifest has none.
    public var title: String
    /// The title up to its first " — " (scenario titles read "Name — what it does"): short
    /// enough for legends and table heads; the whole title when it has no dash.
    public var shortTitle: String {
        if let range = title.range(of: " — ") { return String(title[..<range.lowerBound]) }
        return title
    }
    /// The scenario file as given on the command line.
    public var file: String
    /// SHA-256 of the scenario file, hex; empty when the manifest has none.
    public var sha256: String

    public init(name: String, title: String, file: String = "", sha256: String = "") {
        self.name = name
        self.title = title
        self.file = file
        self.sha256 = sha256
    }
}

/// What `manifest.json` says about a comparison run: enough to trace and reproduce every figure.
///
/// The reader is deliberately tolerant about spelling (`spsim_version` or `version`,
/// `sha256` or `hash`, snake_case or camelCase) so that small format changes in `compare`
/// do not break reports; only the scenario list is required.
public struct ComparisonManifest: Sendable, Equatable {
    public var spsimVersion: String
    /// The date the comparison ran, as written (ISO 8601).
    public var date: String
    public var seed: String
    /// A one-line description of the population (generated: households and seed; file: path and hash).
    public var population: String
    /// The years of the horizon; empty when the manifest does not list them (they then come from the records).
    public var years: [Int]
    /// Baseline first.
    public var scenarios: [ManifestScenario]
    /// The population projection file used for reweighting, when the manifest names one.
    public var populationProjection: ManifestScenario?
    /// `--set` overrides applied to every scenario, as given.
    public var overrides: [String]

    public init(spsimVersion: String = "", date: String = "", seed: String = "", population: String = "", years: [Int] = [], scenarios: [ManifestScenario],
                populationProjection: ManifestScenario? = nil, overrides: [String] = []) {
        self.spsimVersion = spsimVersion
        self.date = date
        self.seed = seed
        self.population = population
        self.years = years
        self.scenarios = scenarios
        self.populationProjection = populationProjection
        self.overrides = overrides
    }

    public var baseline: ManifestScenario? { scenarios.first }
}

/// A comparison results folder read whole: the manifest and every record of `comparison.csv`.
///
/// Lookups are by scenario, year, indicator, breakdown and group. Records whose scenario is
/// not in the manifest (the `NAME-minus-BASELINE` difference rows) are kept in `records`
/// but reports compute differences themselves from the scenario rows, so they always
/// agree with the figures shown beside them.
public struct ComparisonResults: Sendable {
    public var manifest: ComparisonManifest
    public var records: [ScenarioYearRecord]
    /// The horizon's years, ascending (the manifest's, else those found in the records).
    public var years: [Int]
    private var index: [Key: Int]

    struct Key: Hashable {
        var scenario: String
        var year: Int
        var indicator: String
        var breakdown: String
        var group: String
    }

    public init(manifest: ComparisonManifest, records: [ScenarioYearRecord]) {
        self.manifest = manifest
        self.records = records
        var index: [Key: Int] = [:]
        for (i, r) in records.enumerated() {
            index[Key(scenario: r.scenario, year: r.year, indicator: r.record.indicator, breakdown: r.record.breakdown, group: r.record.group)] = i
        }
        self.index = index
        let names = Set(manifest.scenarios.map(\.name))
        let recordYears = Set(records.filter { names.contains($0.scenario) }.map(\.year))
        if manifest.years.isEmpty {
            years = recordYears.sorted()
        } else {
            years = manifest.years.sorted()
        }
    }

    public var scenarios: [ManifestScenario] { manifest.scenarios }

    /// The horizon as text: "2025–2035", or one year.
    public var horizon: String {
        guard let first = years.first, let last = years.last else { return "" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    /// The record for one figure, or nil when the comparison did not produce it.
    public func record(scenario: String, year: Int, indicator: String, breakdown: String = "total", group: String = "all") -> IndicatorRecord? {
        index[Key(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group)].map { records[$0].record }
    }

    public func value(scenario: String, year: Int, indicator: String, breakdown: String = "total", group: String = "all") -> Double? {
        record(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group)?.value
    }

    /// The unit of an indicator (from its first record), or nil when it is absent.
    public func unit(of indicator: String, breakdown: String = "total") -> String? {
        records.first { $0.record.indicator == indicator && $0.record.breakdown == breakdown }?.record.unit
    }

    /// Whether any scenario has the indicator with that breakdown.
    public func has(_ indicator: String, breakdown: String = "total") -> Bool {
        unit(of: indicator, breakdown: breakdown) != nil
    }

    /// The groups of a breakdown for an indicator, in first-seen order (deciles sorted numerically).
    public func groups(of indicator: String, breakdown: String) -> [String] {
        var seen: [String] = []
        var set = Set<String>()
        for r in records where r.record.indicator == indicator && r.record.breakdown == breakdown && !set.contains(r.record.group) {
            set.insert(r.record.group)
            seen.append(r.record.group)
        }
        if seen.allSatisfy({ Int($0) != nil }) { return seen.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) } }
        return seen
    }

    /// The values of one figure over the horizon's years; years without a record are left out.
    public func series(scenario: String, indicator: String, breakdown: String = "total", group: String = "all") -> [(year: Int, value: Double)] {
        years.compactMap { year in
            value(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group).map { (year, $0) }
        }
    }
}

/// Reads a comparison results folder (`manifest.json` and `comparison.csv`).
///
/// Every problem is reported as an `InputError` naming the file, the line (and column or
/// key), the bad value and the fix; all problems of `comparison.csv` are collected into
/// one `InputErrors` rather than stopping at the first.
public enum ResultsFolderReader {
    public static let manifestFileName = "manifest.json"
    public static let recordsFileName = "comparison.csv"
    /// The columns `comparison.csv` must have, in any order (others are ignored).
    public static let requiredColumns = ["scenario", "year", "indicator", "breakdown", "group", "value", "unit"]

    public static func read(_ directory: URL) throws -> ComparisonResults {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory.path, problem: "no results folder here", fix: "give the folder that `spsim compare` wrote (it holds manifest.json and comparison.csv), e.g. results/<run>")
        }
        let manifestURL = directory.appendingPathComponent(manifestFileName)
        let recordsURL = directory.appendingPathComponent(recordsFileName)
        let manifest = try readManifest(manifestURL)
        let records = try readRecords(recordsURL)
        let found = Set(records.map(\.scenario))
        let missing = manifest.scenarios.map(\.name).filter { !found.contains($0) }
        if !missing.isEmpty {
            throw InputError(file: recordsURL.path, problem: "the manifest lists scenario(s) with no records in comparison.csv", value: missing.joined(separator: ", "),
                             fix: "re-run `spsim compare` so that manifest.json and comparison.csv come from the same run (found scenarios: \(found.sorted().joined(separator: ", ")))")
        }
        return ComparisonResults(manifest: manifest, records: records)
    }

    // MARK: manifest.json

    public static func readManifest(_ url: URL) throws -> ComparisonManifest {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, problem: "cannot read the manifest (\(error.localizedDescription))", fix: "give the folder that `spsim compare` wrote; it always holds manifest.json")
        }
        return try parseManifest(data, file: url.path)
    }

    /// Parses the bytes of a `manifest.json`; `file` names it in errors.
    public static func parseManifest(_ data: Data, file: String) throws -> ComparisonManifest {
        let url = URL(fileURLWithPath: file)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, detail) = jsonErrorLocation(error, data: data)
            throw InputError(file: url.path, line: line, problem: "manifest.json is not valid JSON (\(detail))", fix: "re-run `spsim compare` to rewrite it, or repair the JSON at that line")
        }
        guard let root = object as? [String: Any] else {
            throw InputError(file: url.path, line: 1, problem: "manifest.json must hold one JSON object", fix: "re-run `spsim compare` to rewrite it")
        }
        guard let list = first(root, ["scenarios"]) as? [Any], !list.isEmpty else {
            throw InputError(file: url.path, column: "scenarios", problem: "the manifest lists no scenarios", fix: "the manifest needs \"scenarios\": [{\"name\": …, \"file\": …, \"title\": …}, …], baseline first; re-run `spsim compare`")
        }
        var scenarios: [ManifestScenario] = []
        for (i, item) in list.enumerated() {
            guard let entry = item as? [String: Any] else {
                throw InputError(file: url.path, column: "scenarios[\(i)]", problem: "a scenario entry must be an object", value: "\(item)", fix: "write {\"name\": …, \"file\": …, \"title\": …}")
            }
            let file = text(first(entry, ["file", "path"])) ?? ""
            var name = text(first(entry, ["name", "short_name", "shortName", "scenario"])) ?? ""
            if name.isEmpty, !file.isEmpty {
                name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            }
            guard !name.isEmpty else {
                throw InputError(file: url.path, column: "scenarios[\(i)]", problem: "a scenario has neither a name nor a file", fix: "give each scenario \"name\" (its file name without .yaml) or \"file\"")
            }
            let title = text(first(entry, ["title"])) ?? name
            let hash = text(first(entry, ["sha256", "sha_256", "hash", "SHA-256"])) ?? ""
            scenarios.append(ManifestScenario(name: name, title: title.isEmpty ? name : title, file: file, sha256: hash))
        }
        var seen = Set<String>()
        for s in scenarios where !seen.insert(s.name).inserted {
            throw InputError(file: url.path, column: "scenarios", problem: "a scenario name appears twice", value: s.name, fix: "give each scenario a distinct file name")
        }
        var years: [Int] = []
        switch first(root, ["years", "horizon"]) {
        case let list as [Any]:
            years = list.compactMap { ($0 as? NSNumber)?.intValue ?? Int(text($0) ?? "") }
        case let object as [String: Any]:
            if let from = (first(object, ["from", "start", "first"]) as? NSNumber)?.intValue,
               let to = (first(object, ["to", "end", "last"]) as? NSNumber)?.intValue, from <= to {
                years = Array(from...to)
            }
        case let string as String:
            let parts = string.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if parts.count == 2, parts[0] <= parts[1] { years = Array(parts[0]...parts[1]) } else if parts.count == 1 { years = parts }
        default:
            break
        }
        return ComparisonManifest(
            spsimVersion: text(first(root, ["spsim_version", "spsimVersion", "version"])) ?? "",
            date: text(first(root, ["date", "created", "generated_at", "run_date"])) ?? "",
            seed: text(first(root, ["seed"])) ?? text(first(root["population"] as? [String: Any] ?? [:], ["seed"])) ?? "",
            population: describePopulation(root["population"]),
            years: years,
            scenarios: scenarios,
            populationProjection: (first(root, ["population_projection", "populationProjection"]) as? [String: Any]).flatMap { entry in
                text(first(entry, ["file", "path"])).map { file in
                    ManifestScenario(name: text(entry["name"]) ?? "", title: text(entry["title"]) ?? "", file: file, sha256: text(first(entry, ["sha256", "hash"])) ?? "")
                }
            },
            overrides: (first(root, ["overrides"]) as? [Any])?.compactMap { text($0) } ?? []
        )
    }

    private static func first(_ object: [String: Any], _ keys: [String]) -> Any? {
        for key in keys { if let value = object[key], !(value is NSNull) { return value } }
        return nil
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    private static func describePopulation(_ value: Any?) -> String {
        switch value {
        case let s as String: return s
        case let object as [String: Any]:
            if let path = text(first(object, ["file", "path"])) {
                let hash = text(first(object, ["sha256", "hash"])).map { " (SHA-256 \($0))" } ?? ""
                return "the microdata file \(path)\(hash)"
            }
            // "a synthetic population of 100,000 households (seed 1)"
            let kind = text(first(object, ["kind", "type", "source"])) ?? ""
            var textOut = kind == "generated" || kind == "synthetic" || kind.isEmpty ? "a synthetic population" : "a \(kind) population"
            if let households = (first(object, ["households"]) as? NSNumber)?.doubleValue {
                textOut += " of \(NumberText.grouped(households)) households"
            }
            if let seed = text(first(object, ["seed"])) { textOut += " (seed \(seed))" }
            return textOut
        default: return ""
        }
    }

    private static func jsonErrorLocation(_ error: Error, data: Data) -> (Int?, String) {
        let nsError = error as NSError
        let detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
        if let index = nsError.userInfo["NSJSONSerializationErrorIndex"] as? Int, index <= data.count {
            let line = data.prefix(index).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return (line, detail)
        }
        return (nil, detail)
    }

    // MARK: comparison.csv

    public static func readRecords(_ url: URL) throws -> [ScenarioYearRecord] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, problem: "cannot read the comparison records (\(error.localizedDescription))", fix: "give the folder that `spsim compare` wrote; it always holds comparison.csv")
        }
        guard let content = String(data: data, encoding: .utf8) else {
            throw InputError(file: url.path, problem: "the file is not UTF-8 text", fix: "re-run `spsim compare`, or save the file as UTF-8 CSV")
        }
        let lines = CSVLines(content)
        guard let header = lines.first else {
            throw InputError(file: url.path, line: 1, problem: "the file is empty", fix: "re-run `spsim compare`; the file starts with the header \(requiredColumns.joined(separator: ","))")
        }
        var column: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() { column[name.trimmingCharacters(in: .whitespaces)] = i }
        let missing = requiredColumns.filter { column[$0] == nil }
        if !missing.isEmpty {
            throw InputError(file: url.path, line: header.line, problem: "the header lacks column(s) \(missing.joined(separator: ", "))", value: header.fields.joined(separator: ","),
                             fix: "the header must name \(requiredColumns.joined(separator: ",")) (any order)")
        }
        var records: [ScenarioYearRecord] = []
        var errors: [InputError] = []
        func field(_ row: CSVLine, _ name: String) -> String {
            guard let i = column[name], i < row.fields.count else { return "" }
            return row.fields[i]
        }
        for row in lines.dropFirst() {
            if row.fields.count == 1 && row.fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if row.fields.count != header.fields.count {
                errors.append(InputError(file: url.path, line: row.line, problem: "the row has \(row.fields.count) fields but the header has \(header.fields.count)", value: row.raw,
                                         fix: "give every row one value per header column, separated by commas (quote a value that holds a comma)"))
                continue
            }
            let yearText = field(row, "year").trimmingCharacters(in: .whitespaces)
            guard let year = Int(yearText) else {
                errors.append(InputError(file: url.path, line: row.line, column: "year", problem: "the year is not a whole number", value: yearText, fix: "write the year as digits, e.g. 2030"))
                continue
            }
            let valueText = field(row, "value").trimmingCharacters(in: .whitespaces)
            guard let value = Double(valueText), value.isFinite else {
                errors.append(InputError(file: url.path, line: row.line, column: "value", problem: "the value is not a finite number", value: valueText, fix: "write the value as a plain number, e.g. 0.0123 or 1.5e9"))
                continue
            }
            var empty: [String] = []
            for name in ["scenario", "indicator", "breakdown", "group", "unit"] where field(row, name).isEmpty { empty.append(name) }
            if let name = empty.first {
                errors.append(InputError(file: url.path, line: row.line, column: name, problem: "the \(name) is empty", value: "", fix: "every record names its scenario, indicator, breakdown (`total` if none), group (`all` if none) and unit"))
                continue
            }
            records.append(ScenarioYearRecord(scenario: field(row, "scenario"), year: year,
                                              record: IndicatorRecord(indicator: field(row, "indicator"), breakdown: field(row, "breakdown"), group: field(row, "group"), value: value, unit: field(row, "unit"))))
            if errors.count >= 20 { break }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        if records.isEmpty {
            throw InputError(file: url.path, line: 2, problem: "the file has a header but no records", fix: "re-run `spsim compare`; it writes one row per figure")
        }
        return records
    }
}

/// One parsed CSV line: its fields, the line number where it starts, and the raw text.
struct CSVLine {
    var fields: [String]
    var line: Int
    var raw: String
}

/// Splits CSV text (RFC 4180: fields may be quoted, quotes doubled inside quotes, CRLF or LF)
/// into lines of fields, remembering the line number each record starts on.
func CSVLines(_ text: String) -> [CSVLine] {
    var result: [CSVLine] = []
    var fields: [String] = []
    var field = ""
    var raw = ""
    var inQuotes = false
    var line = 1
    var startLine = 1
    var atFieldStart = true
    var iterator = text.makeIterator()
    var pending: Character? = nil
    func next() -> Character? {
        if let p = pending { pending = nil; return p }
        return iterator.next()
    }
    while let c = next() {
        if inQuotes {
            if c == "\"" {
                if let following = next() {
                    if following == "\"" { field.append("\""); raw.append("\"\"") ; continue }
                    inQuotes = false
                    raw.append(c)
                    pending = following
                    continue
                }
                inQuotes = false
                raw.append(c)
                continue
            }
            if c == "\n" || c == "\r\n" { line += 1 }
            field.append(c)
            raw.append(c)
            continue
        }
        switch c {
        case "\"" where atFieldStart:
            inQuotes = true
            atFieldStart = false
            raw.append(c)
        case ",":
            fields.append(field)
            field = ""
            atFieldStart = true
            raw.append(c)
        case "\n", "\r\n", "\r":
            fields.append(field)
            result.append(CSVLine(fields: fields, line: startLine, raw: raw))
            fields = []
            field = ""
            raw = ""
            atFieldStart = true
            line += 1
            startLine = line
        default:
            field.append(c)
            atFieldStart = false
            raw.append(c)
        }
    }
    if !field.isEmpty || !fields.isEmpty {
        fields.append(field)
        result.append(CSVLine(fields: fields, line: startLine, raw: raw))
    }
    return result
}
