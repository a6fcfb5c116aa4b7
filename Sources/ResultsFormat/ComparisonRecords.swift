import Foundation
import Indicators
import SpsimSupport

/// The tidy records of a comparison: `comparison.csv` and `comparison.json`
/// (docs/results-format.md), written and read here only.
public enum ComparisonRecords {
    public static let csvFileName = "comparison.csv"
    public static let jsonFileName = "comparison.json"
    public static let columns = ["scenario", "year", "indicator", "breakdown", "group", "value", "lower", "upper", "unit"]
    public static let csvHeader = columns.joined(separator: ",")
    /// The largest magnitude a figure may have (PKR 10^18 is about 10,000 times Pakistan's
    /// GDP): anything larger is a damaged file, not a result.
    public static let valueLimit = 1e18

    /// A value as `%.17g` (reads back to the same double); empty when undefined (non-finite).
    static func number(_ value: Double) -> String? {
        value.isFinite ? String(format: "%.17g", value) : nil
    }

    public static func csv(_ records: [ScenarioYearRecord]) -> String {
        var out = csvHeader + "\n"
        out.reserveCapacity(records.count * 80)
        for r in records {
            out += CSVText.row([r.scenario, String(r.year), r.record.indicator, r.record.breakdown, r.record.group,
                                number(r.record.value) ?? "", r.lower.flatMap(number) ?? "", r.upper.flatMap(number) ?? "", r.record.unit])
        }
        return out
    }

    /// `{"records": [{"scenario": …, "year": …, "indicator": …, "breakdown": …, "group": …, "value": …, "lower": …, "upper": …, "unit": …}, …]}`,
    /// one record a line; an undefined value is `null`, and so are `lower` and `upper` of a
    /// single-replicate comparison.
    public static func json(_ records: [ScenarioYearRecord]) -> String {
        func string(_ text: String) -> String { JSONText.string(text) }
        var out = "{\n  \"records\": [\n"
        for (i, r) in records.enumerated() {
            out += "    {\"scenario\": \(string(r.scenario)), \"year\": \(r.year), \"indicator\": \(string(r.record.indicator)), "
            out += "\"breakdown\": \(string(r.record.breakdown)), \"group\": \(string(r.record.group)), \"value\": \(number(r.record.value) ?? "null"), "
            out += "\"lower\": \(r.lower.flatMap(number) ?? "null"), \"upper\": \(r.upper.flatMap(number) ?? "null"), \"unit\": \(string(r.record.unit))}"
            out += i + 1 < records.count ? ",\n" : "\n"
        }
        return out + "  ]\n}\n"
    }

    /// Writes `comparison.csv`, `comparison.json`, `fit.csv` when `fit` is given, and then
    /// `manifest.json` (with the record counts and SHA-256 of each) into `directory`, which the caller has made (normally
    /// the temporary folder of a `ResultsFolderWriter`). Returns the manifest as written.
    @discardableResult
    public static func write(records: [ScenarioYearRecord], fit: [FitRow]? = nil, manifest: ResultsManifest, into directory: URL) throws -> ResultsManifest {
        let csvData = Data(csv(records).utf8)
        let jsonData = Data(json(records).utf8)
        var manifest = manifest
        manifest.outputs = [
            .init(file: csvFileName, records: records.count, sha256: SHA256Digest.hex(of: csvData)),
            .init(file: jsonFileName, records: records.count, sha256: SHA256Digest.hex(of: jsonData)),
        ]
        try AtomicFile.write(csvData, to: directory.appendingPathComponent(csvFileName))
        try AtomicFile.write(jsonData, to: directory.appendingPathComponent(jsonFileName))
        if let fit {
            let fitData = Data(FitRecords.csv(fit).utf8)
            manifest.outputs.append(.init(file: FitRecords.fileName, records: fit.count, sha256: SHA256Digest.hex(of: fitData)))
            try AtomicFile.write(fitData, to: directory.appendingPathComponent(FitRecords.fileName))
        }
        try AtomicFile.write(try manifest.encoded(), to: directory.appendingPathComponent(ResultsManifest.fileName))
        return manifest
    }

    /// Checks one value: empty means undefined (NaN); otherwise a finite number within ±`valueLimit`.
    static func value(_ text: String) -> (Double?, String?) {
        if text.isEmpty { return (.nan, nil) }
        guard let value = Double(text), value.isFinite else { return (nil, "the value is not a finite number") }
        guard abs(value) <= valueLimit else { return (nil, "the value is beyond ±1e18, not a plausible figure") }
        return (value, nil)
    }

    /// What is wrong with an interval, if anything: `lower` and `upper` are both absent,
    /// or both present around a defined value (lower ≤ value ≤ upper).
    static func intervalProblem(value: Double, lower: Double?, upper: Double?) -> (column: String, text: String)? {
        switch (lower, upper) {
        case (nil, nil): return nil
        case (nil, _): return ("lower", "the upper bound is given but the lower bound is not")
        case (_, nil): return ("upper", "the lower bound is given but the upper bound is not")
        case let (lower?, upper?):
            guard value.isFinite else { return ("lower", "an interval is given for an undefined (empty) value") }
            if lower > value { return ("lower", "the lower bound \(lower) is above the value \(value)") }
            if upper < value { return ("upper", "the upper bound \(upper) is below the value \(value)") }
            return nil
        }
    }

    /// Reads `comparison.csv` (`file` names it in errors). Every problem names the line and
    /// column; up to 20 are collected into one `InputErrors`. `years`, when given, are the
    /// years a record may have.
    public static func readCSV(_ data: Data, file: String, years: Set<Int>? = nil) throws -> [ScenarioYearRecord] {
        guard let content = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, problem: "the file is not UTF-8 text", fix: "re-run `spsim compare`, or save the file as UTF-8 CSV")
        }
        let lines = CSVText.lines(content)
        guard let header = lines.first else {
            throw InputError(file: file, line: 1, problem: "the file is empty", fix: "re-run `spsim compare`; the file starts with the header \(csvHeader)")
        }
        guard header.fields == columns else {
            throw InputError(file: file, line: 1, problem: "the header is not \(csvHeader)", value: header.raw, fix: "re-run `spsim compare` to rewrite the file")
        }
        var records: [ScenarioYearRecord] = []
        records.reserveCapacity(lines.count)
        var errors: [InputError] = []
        for row in lines.dropFirst() {
            if errors.count >= 20 { break }
            if row.unterminatedQuote {
                errors.append(InputError(file: file, line: row.line, problem: "the file ends inside a quoted field (it is truncated)", value: row.raw,
                                         fix: "re-run `spsim compare` to rewrite the folder"))
                continue
            }
            if row.fields.count != columns.count {
                errors.append(InputError(file: file, line: row.line, problem: "the row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s") but the header has \(columns.count)", value: row.raw,
                                         fix: "give every row one value per header column, separated by commas (quote a value that holds a comma); a short last row means the file is truncated: re-run `spsim compare`"))
                continue
            }
            let f = row.fields
            guard let year = Int(f[1]), ResultsManifest.yearBounds.contains(year) else {
                errors.append(InputError(file: file, line: row.line, column: "year", problem: "the year is not a whole number within 1900–2200", value: f[1], fix: "write the year as digits, e.g. 2030"))
                continue
            }
            if let years, !years.contains(year) {
                errors.append(InputError(file: file, line: row.line, column: "year", problem: "the year is not one of the manifest's years", value: f[1], fix: "re-run `spsim compare` so that manifest.json and comparison.csv come from the same run"))
                continue
            }
            let (parsed, problem) = value(f[5])
            guard let value = parsed else {
                errors.append(InputError(file: file, line: row.line, column: "value", problem: problem ?? "the value is not a number", value: f[5], fix: "write the value as a plain number, e.g. 0.0123 or 1.5e9, or leave it empty when undefined"))
                continue
            }
            var bounds: [Double?] = []
            var boundProblem: InputError? = nil
            for (column, text) in [("lower", f[6]), ("upper", f[7])] {
                if text.isEmpty { bounds.append(nil); continue }
                let (bound, problem) = Self.value(text)
                if let problem { boundProblem = InputError(file: file, line: row.line, column: column, problem: problem.replacingOccurrences(of: "the value", with: "the \(column) bound"), value: text, fix: "write the bound as a plain number, e.g. 0.0123, or leave lower and upper empty (one replicate)"); break }
                bounds.append(bound)
            }
            if let boundProblem { errors.append(boundProblem); continue }
            if let problem = intervalProblem(value: value, lower: bounds[0], upper: bounds[1]) {
                errors.append(InputError(file: file, line: row.line, column: problem.column, problem: problem.text, value: problem.column == "lower" ? f[6] : f[7],
                                         fix: "re-run `spsim compare`; lower and upper are both empty (one replicate) or both numbers with lower ≤ value ≤ upper"))
                continue
            }
            if let name = ["scenario", "indicator", "breakdown", "group", "unit"].first(where: { f[columns.firstIndex(of: $0) ?? 0].isEmpty }) {
                errors.append(InputError(file: file, line: row.line, column: name, problem: "the \(name) is empty", value: "", fix: "every record names its scenario, indicator, breakdown (`total` if none), group (`all` if none) and unit"))
                continue
            }
            records.append(ScenarioYearRecord(scenario: f[0], year: year, record: IndicatorRecord(indicator: f[2], breakdown: f[3], group: f[4], value: value, unit: f[8]), lower: bounds[0], upper: bounds[1]))
        }
        if errors.count == 1, let only = errors.first { throw only }
        if !errors.isEmpty { throw InputErrors(errors) }
        if records.isEmpty {
            throw InputError(file: file, line: 2, problem: "the file has a header but no records", fix: "re-run `spsim compare`; it writes one row per figure")
        }
        return records
    }

    private struct JSONFile: Decodable {
        struct Row: Decodable {
            var scenario: String
            var year: Int
            var indicator: String
            var breakdown: String
            var group: String
            var value: Double?
            var lower: Double?
            var upper: Double?
            var unit: String
        }
        var records: [Row]
    }

    /// Reads `comparison.json` (`file` names it in errors): the same checks as the CSV.
    public static func readJSON(_ data: Data, file: String, years: Set<Int>? = nil) throws -> [ScenarioYearRecord] {
        let decoded: JSONFile
        do {
            decoded = try JSONDecoder().decode(JSONFile.self, from: data)
        } catch let error as DecodingError {
            var problem = ManifestDecoding.inputError(error, data: data, file: file)
            problem.fix = "re-run `spsim compare` to rewrite the folder"
            if problem.problem.hasPrefix("manifest.json") { problem.problem = "\(jsonFileName) is not valid JSON (damaged or truncated)" }
            throw problem
        }
        var out: [ScenarioYearRecord] = []
        out.reserveCapacity(decoded.records.count)
        for (i, r) in decoded.records.enumerated() {
            let key = "records[\(i)]"
            guard ResultsManifest.yearBounds.contains(r.year), years?.contains(r.year) ?? true else {
                throw InputError(file: file, column: key + ".year", problem: "the year is not one of the manifest's years", value: String(r.year), fix: "re-run `spsim compare`")
            }
            let value = r.value ?? .nan
            if r.value != nil, !(value.isFinite && abs(value) <= valueLimit) {
                throw InputError(file: file, column: key + ".value", problem: "the value is beyond ±1e18, not a plausible figure", value: String(value), fix: "re-run `spsim compare`")
            }
            for (name, bound) in [("lower", r.lower), ("upper", r.upper)] {
                if let bound, !(bound.isFinite && abs(bound) <= valueLimit) {
                    throw InputError(file: file, column: key + "." + name, problem: "the \(name) bound is beyond ±1e18, not a plausible figure", value: String(bound), fix: "re-run `spsim compare`")
                }
            }
            if let problem = intervalProblem(value: value, lower: r.lower, upper: r.upper) {
                throw InputError(file: file, column: key + "." + problem.column, problem: problem.text, value: String(describing: (problem.column == "lower" ? r.lower : r.upper) ?? .nan),
                                 fix: "re-run `spsim compare`; lower and upper are both null (one replicate) or both numbers with lower ≤ value ≤ upper")
            }
            out.append(ScenarioYearRecord(scenario: r.scenario, year: r.year, record: IndicatorRecord(indicator: r.indicator, breakdown: r.breakdown, group: r.group, value: value, unit: r.unit),
                                          lower: r.lower, upper: r.upper))
        }
        return out
    }
}
