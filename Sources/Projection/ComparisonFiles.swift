import Foundation
import Indicators
import SpsimSupport

/// The manifest of a results folder (`manifest.json`): enough to trace every figure
/// back to the files and settings that produced it, and to reproduce it.
public struct ResultsManifest: Codable, Sendable, Equatable {
    public struct PopulationSource: Codable, Sendable, Equatable {
        /// `generated` (synthetic, from households and seed) or `file` (CSV microdata).
        public var kind: String
        public var households: Int?
        public var seed: UInt64?
        public var path: String?
        public var sha256: String?
        public init(kind: String, households: Int? = nil, seed: UInt64? = nil, path: String? = nil, sha256: String? = nil) {
            self.kind = kind; self.households = households; self.seed = seed; self.path = path; self.sha256 = sha256
        }
    }
    public struct FileEntry: Codable, Sendable, Equatable {
        /// Short name used in the records (the file name without `.yaml`); empty for the projection file.
        public var name: String
        public var file: String
        public var title: String
        public var sha256: String
        public init(name: String, file: String, title: String, sha256: String) {
            self.name = name; self.file = file; self.title = title; self.sha256 = sha256
        }
    }
    public var spsimVersion: String
    /// When the run finished, ISO 8601 in UTC.
    public var date: String
    /// The seed of the run (the synthetic population's seed; for imported microdata the seed of the stored draws).
    public var seed: UInt64
    public var population: PopulationSource
    /// The population projection file used for reweighting.
    public var populationProjection: FileEntry
    public var years: [Int]
    /// The baseline's short name (also the first entry of `scenarios`).
    public var baseline: String
    /// The scenarios, baseline first.
    public var scenarios: [FileEntry]
    /// `--set` overrides applied to every scenario, as given.
    public var overrides: [String]
    /// How well each year's weights fit the projected totals.
    public var reweighting: [ReweightingFit]

    public struct ReweightingFit: Codable, Sendable, Equatable {
        public var year: Int
        /// Newton steps of the weight calibration.
        public var iterations: Int
        /// Largest |weighted − projected| ÷ projected over the age × sex and province totals.
        public var maximumRelativeError: Double
        public init(_ report: ReweightingReport) {
            year = report.year; iterations = report.iterations; maximumRelativeError = report.maximumRelativeError
        }
        enum CodingKeys: String, CodingKey { case year, iterations, maximumRelativeError = "max_relative_error" }
    }

    public init(spsimVersion: String = SpsimVersion.current, date: String, seed: UInt64, population: PopulationSource,
                populationProjection: FileEntry, years: [Int], baseline: String, scenarios: [FileEntry], overrides: [String],
                reweighting: [ReweightingReport] = []) {
        self.spsimVersion = spsimVersion; self.date = date; self.seed = seed; self.population = population
        self.populationProjection = populationProjection; self.years = years; self.baseline = baseline
        self.scenarios = scenarios; self.overrides = overrides
        self.reweighting = reweighting.map(ReweightingFit.init)
    }

    enum CodingKeys: String, CodingKey {
        case spsimVersion = "spsim_version", date, seed, population, populationProjection = "population_projection"
        case years, baseline, scenarios, overrides, reweighting
    }
}

/// Writes and reads the tidy comparison files of a results folder
/// (`docs/results-format.md`): `comparison.csv`, `comparison.json`, `manifest.json`.
/// Each file is written atomically (temporary file, then rename).
public enum ComparisonFiles {
    public static let csvHeader = "scenario,year,indicator,breakdown,group,value,unit"

    /// A value as `%.17g` (round-trips exactly); non-finite values as `nan`/`inf` in CSV and `null` in JSON.
    static func number(_ value: Double) -> String {
        String(format: "%.17g", value)
    }

    static func csvField(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }

    static func jsonString(_ text: String) -> String { JSONText.string(text) }

    public static func csv(_ records: [ScenarioYearRecord]) -> String {
        var lines = [csvHeader]
        lines.reserveCapacity(records.count + 1)
        for r in records {
            lines.append([csvField(r.scenario), String(r.year), csvField(r.record.indicator), csvField(r.record.breakdown),
                          csvField(r.record.group), number(r.record.value), csvField(r.record.unit)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"records": [{"scenario": …, "year": …, "indicator": …, "breakdown": …, "group": …, "value": …, "unit": …}, …]}`.
    public static func json(_ records: [ScenarioYearRecord]) -> String {
        var out = "{\n  \"records\": [\n"
        for (i, r) in records.enumerated() {
            let value = r.record.value.isFinite ? number(r.record.value) : "null"
            out += "    {\"scenario\": \(jsonString(r.scenario)), \"year\": \(r.year), \"indicator\": \(jsonString(r.record.indicator)), "
            out += "\"breakdown\": \(jsonString(r.record.breakdown)), \"group\": \(jsonString(r.record.group)), \"value\": \(value), \"unit\": \(jsonString(r.record.unit))}"
            out += i + 1 < records.count ? ",\n" : "\n"
        }
        return out + "  ]\n}\n"
    }

    public static func manifestJSON(_ manifest: ResultsManifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(manifest)
        data.append(0x0a)
        return data
    }

    /// Writes `manifest.json`, `comparison.csv` and `comparison.json` into `directory`
    /// (created if needed). Each file is replaced atomically.
    public static func write(records: [ScenarioYearRecord], manifest: ResultsManifest, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let manifestData = try manifestJSON(manifest)
        try AtomicFile.write(csv(records), to: directory.appendingPathComponent("comparison.csv"))
        try AtomicFile.write(json(records), to: directory.appendingPathComponent("comparison.json"))
        // The manifest last: a folder with a manifest has its comparison files.
        try AtomicFile.write(manifestData, to: directory.appendingPathComponent("manifest.json"))
    }

    /// Reads `comparison.csv` back (for tests and tools).
    public static func readCSV(_ text: String) -> [ScenarioYearRecord]? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first.map(String.init) == csvHeader else { return nil }
        lines.removeFirst()
        var records: [ScenarioYearRecord] = []
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7, let year = Int(f[1]), let value = Double(f[5]) else { return nil }
            records.append(ScenarioYearRecord(scenario: f[0], year: year, record: IndicatorRecord(indicator: f[2], breakdown: f[3], group: f[4], value: value, unit: f[6])))
        }
        return records
    }
}

/// Differences from the baseline: for each record of `scenario` with the same year,
/// indicator, breakdown and group in the baseline, a record `NAME-minus-BASELINE` with
/// the scenario's value minus the baseline's (same unit). Records without a baseline
/// counterpart get no difference.
public func differenceRecords(scenario: [ScenarioYearRecord], baseline: [ScenarioYearRecord], scenarioName: String, baselineName: String) -> [ScenarioYearRecord] {
    struct Key: Hashable { var year: Int; var indicator: String; var breakdown: String; var group: String }
    var base: [Key: Double] = [:]
    for r in baseline { base[Key(year: r.year, indicator: r.record.indicator, breakdown: r.record.breakdown, group: r.record.group)] = r.record.value }
    var out: [ScenarioYearRecord] = []
    out.reserveCapacity(scenario.count)
    for r in scenario {
        guard let b = base[Key(year: r.year, indicator: r.record.indicator, breakdown: r.record.breakdown, group: r.record.group)] else { continue }
        var record = r.record
        record.value = r.record.value - b
        out.append(ScenarioYearRecord(scenario: "\(scenarioName)-minus-\(baselineName)", year: r.year, record: record))
    }
    return out
}
