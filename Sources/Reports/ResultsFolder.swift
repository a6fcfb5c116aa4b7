import Foundation
import Indicators
import ResultsFormat
import SpsimSupport

/// One scenario of a comparison, as listed in `manifest.json` (baseline first): the
/// manifest's own entry type (`ResultsFormat` owns the manifest).
public typealias ManifestScenario = ResultsManifest.FileEntry

extension ResultsManifest {
    /// The seed as text, for the report's facts.
    var seedText: String { String(seed) }
    /// One line on the population ("a synthetic population of 100,000 households (seed 1)").
    var populationText: String { population.summary }
}

/// A comparison results folder read whole: the manifest and every record of `comparison.csv`.
///
/// Lookups are by scenario, year, indicator, breakdown and group. Records whose scenario is
/// not in the manifest (the `NAME-minus-BASELINE` difference rows) are kept in `records`
/// but reports compute differences themselves from the scenario rows, so they always
/// agree with the figures shown beside them.
public struct ComparisonResults: Sendable {
    public var manifest: ResultsManifest
    public var records: [ScenarioYearRecord]
    /// The horizon's years, ascending (the manifest's, else those found in the records).
    public var years: [Int]
    /// How well the baseline fits published figures (`fit.csv`); empty when the folder has none.
    public var fit: [FitRow] = []
    /// The tornado (`tornado.csv`, `compare --tornado`); empty when the folder has none.
    public var tornado: [TornadoBar] = []
    /// The EOBI fund of each scenario (`fund.csv`); empty when the folder has none.
    public var funds: [FundProjection] = []
    private var index: [Key: Int]

    struct Key: Hashable {
        var scenario: String
        var year: Int
        var indicator: String
        var breakdown: String
        var group: String
    }

    public init(manifest: ResultsManifest, records: [ScenarioYearRecord]) {
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

    /// The baseline (the first scenario).
    public var baseline: ManifestScenario? { manifest.scenarios.first }

    /// The horizon as text: "2025–2035", or one year.
    public var horizon: String {
        guard let first = years.first, let last = years.last else { return "" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    /// The record for one figure, or nil when the comparison did not produce it.
    public func record(scenario: String, year: Int, indicator: String, breakdown: String = "total", group: String = "all") -> IndicatorRecord? {
        index[Key(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group)].map { records[$0].record }
    }

    /// The value of one figure, or nil when the comparison did not produce it or it is undefined (empty in the CSV).
    public func value(scenario: String, year: Int, indicator: String, breakdown: String = "total", group: String = "all") -> Double? {
        record(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group).flatMap { $0.value.isFinite ? $0.value : nil }
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

    /// Whether the comparison ran more than one replicate, so figures have 90% intervals.
    public var hasIntervals: Bool { (manifest.replicates ?? 1) > 1 }

    /// The 90% interval (5th and 95th percentiles over the replicates) of one figure; nil
    /// for a single replicate or a figure without one.
    public func interval(scenario: String, year: Int, indicator: String, breakdown: String = "total", group: String = "all") -> (lower: Double, upper: Double)? {
        guard let i = index[Key(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group)],
              let lower = records[i].lower, let upper = records[i].upper else { return nil }
        return (lower, upper)
    }

    /// The 90% interval of a scenario's difference from the baseline, from the paired
    /// replicates (the `NAME-minus-BASELINE` record's); nil without one.
    public func differenceInterval(scenario: String, year: Int, indicator: String, breakdown: String = "total", group: String = "all") -> (lower: Double, upper: Double)? {
        guard let baseline = baseline?.name, scenario != baseline else { return nil }
        return interval(scenario: "\(scenario)-minus-\(baseline)", year: year, indicator: indicator, breakdown: breakdown, group: group)
    }

    /// The 90% intervals of one figure over the horizon's years; years without one are left out.
    public func band(scenario: String, indicator: String, breakdown: String = "total", group: String = "all") -> [(year: Int, lower: Double, upper: Double)] {
        years.compactMap { year in
            interval(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group).map { (year, $0.lower, $0.upper) }
        }
    }

    /// The values of one figure over the horizon's years; years without a record are left out.
    public func series(scenario: String, indicator: String, breakdown: String = "total", group: String = "all") -> [(year: Int, value: Double)] {
        years.compactMap { year in
            value(scenario: scenario, year: year, indicator: indicator, breakdown: breakdown, group: group).map { (year, $0) }
        }
    }
}

/// Reads a comparison results folder through `ResultsFormat`: the manifest (schema
/// checked, every decoding problem naming the file and key), then `comparison.csv` and
/// `comparison.json`, each checked against the record count and SHA-256 the manifest
/// records; years within 1900–2200; values finite and plausible. Every problem is an
/// `InputError` (or, for several rows of the CSV, `InputErrors`) on one line each.
public enum ResultsFolderReader {
    public static let manifestFileName = ResultsManifest.fileName
    public static let recordsFileName = ComparisonRecords.csvFileName

    public static func read(_ directory: URL) throws -> ComparisonResults {
        let contents = try ResultsFolderContents.read(directory)
        var results = ComparisonResults(manifest: contents.manifest, records: contents.records)
        results.fit = contents.fit
        let tornadoFile = directory.appendingPathComponent(TornadoRecords.fileName)
        if FileManager.default.fileExists(atPath: tornadoFile.path) { results.tornado = try TornadoRecords.read(tornadoFile) }
        let fundFile = directory.appendingPathComponent(FundRecords.fileName)
        if FileManager.default.fileExists(atPath: fundFile.path) { results.funds = try FundRecords.read(fundFile) }
        return results
    }

    /// Parses the bytes of a `manifest.json`; `file` names it in errors.
    public static func parseManifest(_ data: Data, file: String) throws -> ResultsManifest {
        try ResultsManifest.decode(data, file: file)
    }
}
