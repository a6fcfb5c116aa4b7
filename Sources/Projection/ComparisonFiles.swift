import Foundation
import Indicators
import ResultsFormat
import SpsimSupport

/// The results folder of a comparison is written through `ResultsFormat` (the one owner of
/// the manifest, the record files and the whole-folder replacement); Projection adds the
/// reweighting fit of its `ReweightingReport`s and the difference records.
extension ResultsManifest.ReweightingFit {
    public init(_ report: ReweightingReport) {
        self.init(year: report.year, iterations: report.iterations, maximumRelativeError: report.maximumRelativeError)
    }
}

public enum ComparisonFiles {
    /// Replaces `directory` as a whole with `manifest.json`, `comparison.csv` and
    /// `comparison.json` (and whatever `alsoWrite` adds to the new folder), under the
    /// folder's lock. Returns the manifest as written (with the files' counts and SHA-256).
    @discardableResult
    public static func write(records: [ScenarioYearRecord], manifest: ResultsManifest, to directory: URL,
                             alsoWrite: (URL) throws -> Void = { _ in }) throws -> ResultsManifest {
        let writer = try ResultsFolderWriter.begin(directory.path)
        defer { writer.finish() }
        return try write(records: records, manifest: manifest, with: writer, alsoWrite: alsoWrite)
    }

    /// The same with a writer the caller began (and so locked) before the long computation.
    @discardableResult
    public static func write(records: [ScenarioYearRecord], fit: [FitRow]? = nil, manifest: ResultsManifest, with writer: ResultsFolderWriter,
                             alsoWrite: (URL) throws -> Void = { _ in }) throws -> ResultsManifest {
        var written = manifest
        try writer.replace { folder in
            written = try ComparisonRecords.write(records: records, fit: fit, manifest: manifest, into: folder)
            try alsoWrite(folder)
        }
        return written
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
