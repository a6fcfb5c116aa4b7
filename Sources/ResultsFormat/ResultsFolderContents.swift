import Foundation
import Indicators
import SpsimSupport

/// A comparison results folder read and checked whole: the manifest, and the records of
/// `comparison.csv` after checking both data files against the manifest (present, record
/// counts, SHA-256, years, values). Reports read folders through this only.
public struct ResultsFolderContents: Sendable {
    public var manifest: ResultsManifest
    public var records: [ScenarioYearRecord]
    /// The baseline's fit to published figures (`fit.csv`), when the manifest records one.
    public var fit: [FitRow]

    public init(manifest: ResultsManifest, records: [ScenarioYearRecord], fit: [FitRow] = []) {
        self.manifest = manifest
        self.records = records
        self.fit = fit
    }

    public static func read(_ directory: URL) throws -> ResultsFolderContents {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(file: directory.path, problem: "no results folder here", fix: "give the folder that `spsim compare` wrote (it holds manifest.json, comparison.csv and comparison.json), e.g. results/<run>")
        }
        let manifestURL = directory.appendingPathComponent(ResultsManifest.fileName)
        let manifest = try ResultsManifest.decode(try readFile(manifestURL, what: "the manifest"), file: manifestURL.path)
        let years = Set(manifest.years)
        var records: [ScenarioYearRecord] = []
        for name in [ComparisonRecords.csvFileName, ComparisonRecords.jsonFileName] {
            let url = directory.appendingPathComponent(name)
            guard let expected = manifest.output(name) else {
                throw InputError(file: manifestURL.path, column: "outputs", problem: "the manifest does not record \(name)", fix: "re-run `spsim compare` (this spsim records the record count and SHA-256 of each data file)")
            }
            let data = try readFile(url, what: "the comparison records")
            let read = name == ComparisonRecords.csvFileName
                ? try ComparisonRecords.readCSV(data, file: url.path, years: years)
                : try ComparisonRecords.readJSON(data, file: url.path, years: years)
            if read.count != expected.records {
                throw InputError(file: url.path, problem: "the file has \(read.count) records but manifest.json records \(expected.records)", value: String(read.count),
                                 fix: "the file is truncated or from another run; re-run `spsim compare`")
            }
            let hash = SHA256Digest.hex(of: data)
            if hash != expected.sha256 {
                throw InputError(file: url.path, problem: "the file's SHA-256 differs from the one manifest.json records (\(expected.sha256))", value: hash,
                                 fix: "the file was changed or damaged after `spsim compare` wrote it; re-run `spsim compare`")
            }
            if name == ComparisonRecords.csvFileName { records = read }
        }
        let found = Set(records.map(\.scenario))
        let missing = manifest.scenarios.map(\.name).filter { !found.contains($0) }
        if !missing.isEmpty {
            throw InputError(file: directory.appendingPathComponent(ComparisonRecords.csvFileName).path, problem: "the manifest lists scenario(s) with no records in comparison.csv", value: missing.joined(separator: ", "),
                             fix: "re-run `spsim compare` so that manifest.json and comparison.csv come from the same run (found scenarios: \(found.sorted().joined(separator: ", ")))")
        }
        var fit: [FitRow] = []
        if let expected = manifest.output(FitRecords.fileName) {
            let url = directory.appendingPathComponent(FitRecords.fileName)
            let data = try readFile(url, what: "the baseline fit")
            fit = try FitRecords.readCSV(data, file: url.path)
            if fit.count != expected.records || SHA256Digest.hex(of: data) != expected.sha256 {
                throw InputError(file: url.path, problem: "the file does not match the record count and SHA-256 manifest.json records (\(expected.records) rows)", value: String(fit.count),
                                 fix: "the file is truncated, changed or from another run; re-run `spsim compare`")
            }
        }
        return ResultsFolderContents(manifest: manifest, records: records, fit: fit)
    }

    static func readFile(_ url: URL, what: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(file: url.path, problem: "the file is missing", fix: "give the folder that `spsim compare` wrote (it holds manifest.json, comparison.csv and comparison.json), or re-run `spsim compare`")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputError(file: url.path, problem: "cannot read \(what): \(FileProblem.sentence(error))", fix: "check that the file is readable (permissions), or re-run `spsim compare`")
        }
    }
}
