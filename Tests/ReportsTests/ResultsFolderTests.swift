import Foundation
import Indicators
import ResultsFormat
import SpsimSupport
import Testing
@testable import Reports

@Suite struct ResultsFolderTests {
    static func csvLines() -> [String] {
        SyntheticResults.csv(SyntheticResults.records()).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    static func path(_ folder: URL, _ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func readsManifestAndRecords() throws {
        let folder = try SyntheticResults.makeFolder()
        defer { SyntheticResults.remove(folder) }
        let results = try ResultsFolderReader.read(folder)
        #expect(results.scenarios.map(\.name) == ["base", "alt", "third"])
        #expect(results.scenarios.map(\.title) == SyntheticResults.scenarios.map(\.1))
        #expect(results.years == SyntheticResults.years)
        #expect(results.manifest.seed == 7)
        #expect(results.manifest.spsimVersion == "0.1.0")
        #expect(results.manifest.population.summary == "a synthetic population of 2,000 households (seed 7)")
        #expect(results.manifest.outputs.map(\.file) == ["comparison.csv", "comparison.json"])
        #expect(results.manifest.outputs.map(\.records) == [SyntheticResults.records().count, SyntheticResults.records().count])
        let value = try #require(results.value(scenario: "alt", year: 2027, indicator: "government_cost_pct_gdp"))
        #expect(abs(value - SyntheticResults.costPctGDP(1, 2027)) < 1e-12)
        let decile = try #require(results.value(scenario: "third", year: 2029, indicator: "average_benefit", breakdown: "decile", group: "3"))
        #expect(abs(decile - SyntheticResults.averageBenefit(2, 3)) < 1e-9)
        #expect(results.groups(of: "average_benefit", breakdown: "decile") == (1...10).map(String.init))
        #expect(results.unit(of: "coverage_rate") == "/1")
    }

    @Test func badValueNamesFileLineColumnAndFix() throws {
        var rows = Self.csvLines()
        // Line 4 of the file is rows[3].
        var fields = rows[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[5] = "abc"
        rows[3] = fields.joined(separator: ",")
        let folder = try SyntheticResults.makeFolder(csv: rows.joined(separator: "\n") + "\n")
        defer { SyntheticResults.remove(folder) }
        let error = try #require(throws: InputError.self) { try ResultsFolderReader.read(folder) }
        #expect(error.description == "\(Self.path(folder, "comparison.csv")):4 [value]: the value is not a finite number; found 'abc'. Fix: write the value as a plain number, e.g. 0.0123 or 1.5e9, or leave it empty when undefined")
    }

    @Test func nonFiniteAndAbsurdValuesAreRefused() throws {
        for (text, problem) in [("1.7e308", "the value is beyond ±1e18, not a plausible figure"), ("inf", "the value is not a finite number"), ("nan", "the value is not a finite number")] {
            var rows = Self.csvLines()
            var fields = rows[4].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[5] = text
            rows[4] = fields.joined(separator: ",")
            let folder = try SyntheticResults.makeFolder(csv: rows.joined(separator: "\n") + "\n")
            defer { SyntheticResults.remove(folder) }
            let error = try #require(throws: InputError.self) { try ResultsFolderReader.read(folder) }
            #expect(error.description == "\(Self.path(folder, "comparison.csv")):5 [value]: \(problem); found '\(text)'. Fix: write the value as a plain number, e.g. 0.0123 or 1.5e9, or leave it empty when undefined")
        }
    }

    @Test func wrongHeaderIsReportedOnLineOne() throws {
        let csv = "scenario,year,indicator,breakdown,value,unit\nbase,2025,coverage_rate,total,0.3,/1\n"
        let folder = try SyntheticResults.makeFolder(csv: csv)
        defer { SyntheticResults.remove(folder) }
        let error = try #require(throws: InputError.self) { try ResultsFolderReader.read(folder) }
        #expect(error.description == "\(Self.path(folder, "comparison.csv")):1: the header is not scenario,year,indicator,breakdown,group,value,lower,upper,unit; found 'scenario,year,indicator,breakdown,value,unit'. Fix: re-run `spsim compare` to rewrite the file")
    }

    @Test func wrongFieldCountAndBadYearAreAllReported() throws {
        let csv = "scenario,year,indicator,breakdown,group,value,lower,upper,unit\nbase,2025,coverage_rate,total,all,0.3,,\nbase,20x5,coverage_rate,total,all,0.3,,,/1\nbase,2031,coverage_rate,total,all,0.3,,,/1\n"
        let folder = try SyntheticResults.makeFolder(csv: csv)
        defer { SyntheticResults.remove(folder) }
        let error = try #require(throws: InputErrors.self) { try ResultsFolderReader.read(folder) }
        #expect(error.errors.map(\.line) == [2, 3, 4])
        #expect(error.errors.map(\.column) == [nil, "year", "year"])
        #expect(error.errors[2].problem == "the year is not one of the manifest's years")
    }

    @Test func aTruncatedCSVIsRefusedNamingTheFileAndLine() throws {
        let full = SyntheticResults.csv(SyntheticResults.records())
        // Cut in the middle of a row, as a killed writer without atomic replacement would leave it.
        let cut = String(full.prefix(full.count - 25))
        let lastLine = cut.split(separator: "\n", omittingEmptySubsequences: false).count
        let midRow = try SyntheticResults.makeFolder(csv: cut)
        defer { SyntheticResults.remove(midRow) }
        let e1 = try #require(throws: InputError.self) { try ResultsFolderReader.read(midRow) }
        #expect(e1.file == Self.path(midRow, "comparison.csv"))
        #expect(e1.line == lastLine)
        #expect(e1.problem.hasPrefix("the row has ") && e1.problem.hasSuffix(" but the header has 9"))

        // Cut at a line end: every row parses, the count recorded in the manifest does not match.
        let rows = Self.csvLines()
        let short = try SyntheticResults.makeFolder(csv: rows.dropLast(10).joined(separator: "\n") + "\n")
        defer { SyntheticResults.remove(short) }
        let e2 = try #require(throws: InputError.self) { try ResultsFolderReader.read(short) }
        let n = SyntheticResults.records().count
        #expect(e2.description == "\(Self.path(short, "comparison.csv")): the file has \(n - 10) records but manifest.json records \(n); found '\(n - 10)'. Fix: the file is truncated or from another run; re-run `spsim compare`")
    }

    @Test func aChangedCSVFailsItsChecksum() throws {
        var rows = Self.csvLines()
        rows[1] = rows[1].replacingOccurrences(of: "0.5,", with: "0.6,")
        #expect(rows[1] != Self.csvLines()[1])
        let folder = try SyntheticResults.makeFolder(csv: rows.joined(separator: "\n") + "\n")
        defer { SyntheticResults.remove(folder) }
        let error = try #require(throws: InputError.self) { try ResultsFolderReader.read(folder) }
        let recorded = try ResultsFolderReader.parseManifest(Data(contentsOf: folder.appendingPathComponent("manifest.json")), file: "m").outputs[0].sha256
        let found = SHA256Digest.hex(of: try Data(contentsOf: folder.appendingPathComponent("comparison.csv")))
        #expect(error.description == "\(Self.path(folder, "comparison.csv")): the file's SHA-256 differs from the one manifest.json records (\(recorded)); found '\(found)'. Fix: the file was changed or damaged after `spsim compare` wrote it; re-run `spsim compare`")
    }

    @Test func aCorruptOrMissingJSONIsRefusedNamingTheFile() throws {
        let json = ComparisonRecords.json(SyntheticResults.records())
        let corrupt = try SyntheticResults.makeFolder(json: String(json.prefix(json.count / 2)))
        defer { SyntheticResults.remove(corrupt) }
        let e1 = try #require(throws: InputError.self) { try ResultsFolderReader.read(corrupt) }
        #expect(e1.file == Self.path(corrupt, "comparison.json"))
        #expect(e1.problem == "comparison.json is not valid JSON (damaged or truncated)")
        #expect(e1.fix == "re-run `spsim compare` to rewrite the folder")
        #expect(!e1.description.contains("NSCocoaErrorDomain"))

        let missing = try SyntheticResults.makeFolder()
        defer { SyntheticResults.remove(missing) }
        try FileManager.default.removeItem(at: missing.appendingPathComponent("comparison.json"))
        let e2 = try #require(throws: InputError.self) { try ResultsFolderReader.read(missing) }
        #expect(e2.description == "\(Self.path(missing, "comparison.json")): the file is missing. Fix: give the folder that `spsim compare` wrote (it holds manifest.json, comparison.csv and comparison.json), or re-run `spsim compare`")
    }

    @Test func manifestProblemsNameTheManifestAndKey() throws {
        let noOutputs = try SyntheticResults.makeFolder { $0.outputs = [] }
        defer { SyntheticResults.remove(noOutputs) }
        let e1 = try #require(throws: InputError.self) { try ResultsFolderReader.read(noOutputs) }
        #expect(e1.description == "\(Self.path(noOutputs, "manifest.json")) [outputs]: the manifest does not record comparison.csv. Fix: re-run `spsim compare` (this spsim records the record count and SHA-256 of each data file)")

        let broken = try SyntheticResults.makeFolder(manifestText: "{\n  \"scenarios\": [\n    {\"name\": \"base\"},,\n  ]\n}")
        defer { SyntheticResults.remove(broken) }
        let e2 = try #require(throws: InputError.self) { try ResultsFolderReader.read(broken) }
        #expect(e2.file == Self.path(broken, "manifest.json"))
        #expect(e2.problem == "manifest.json is not valid JSON")

        let farYears = try SyntheticResults.makeFolder { $0.years = [2025, 99_999_999_999] }
        defer { SyntheticResults.remove(farYears) }
        let e3 = try #require(throws: InputError.self) { try ResultsFolderReader.read(farYears) }
        #expect(e3.description == "\(Self.path(farYears, "manifest.json")) [years[1]]: the year is outside 1900–2200; found '99999999999'. Fix: write a simulation year such as 2025; re-run `spsim compare` to rewrite the folder")

        let unknown = try SyntheticResults.makeFolder { $0.scenarios[1].name = "missing-option" }
        defer { SyntheticResults.remove(unknown) }
        let e4 = try #require(throws: InputError.self) { try ResultsFolderReader.read(unknown) }
        #expect(e4.value == "missing-option")
        #expect(e4.file == Self.path(unknown, "comparison.csv"))
    }

    @Test func shortTitleIsTheNameBeforeTheDash() {
        func entry(_ title: String) -> ManifestScenario { ManifestScenario(name: "k", file: "k.yaml", title: title, sha256: "") }
        #expect(entry("Kafaalat expansion — a higher cut-off").shortTitle == "Kafaalat expansion")
        #expect(entry("Baseline: today's schemes").shortTitle == "Baseline: today's schemes")
        // A hyphen is not the dash that separates name and description.
        #expect(entry("Minimum-wage registration").shortTitle == "Minimum-wage registration")
    }

    @Test func missingFolderSaysWhatToGive() {
        let nowhere = URL(fileURLWithPath: "/nonexistent/spsim-results-\(UUID().uuidString)")
        let error = #expect(throws: InputError.self) { try ResultsFolderReader.read(nowhere) }
        #expect(error?.fix.contains("spsim compare") == true)
    }
}
