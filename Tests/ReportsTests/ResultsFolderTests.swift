import Foundation
import Indicators
import SpsimSupport
import Testing
@testable import Reports

@Suite struct ResultsFolderTests {
    @Test func readsManifestAndRecords() throws {
        let folder = try SyntheticResults.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try ResultsFolderReader.read(folder)
        #expect(results.scenarios.map(\.name) == ["base", "alt", "third"])  // "third" named after its file
        #expect(results.scenarios.map(\.title) == SyntheticResults.scenarios.map(\.1))
        #expect(results.years == SyntheticResults.years)
        #expect(results.manifest.seed == "7")
        #expect(results.manifest.spsimVersion == "0.1.0")
        #expect(results.manifest.population.contains("2,000 households"))
        let value = try #require(results.value(scenario: "alt", year: 2027, indicator: "government_cost_pct_gdp"))
        #expect(abs(value - SyntheticResults.costPctGDP(1, 2027)) < 1e-12)
        let decile = try #require(results.value(scenario: "third", year: 2029, indicator: "average_benefit", breakdown: "decile", group: "3"))
        #expect(abs(decile - SyntheticResults.averageBenefit(2, 3)) < 1e-9)
        #expect(results.groups(of: "average_benefit", breakdown: "decile") == (1...10).map(String.init))
        #expect(results.unit(of: "coverage_rate") == "/1")
    }

    @Test func yearsComeFromRecordsWhenTheManifestHasNone() throws {
        let manifest = SyntheticResults.manifestJSON.replacingOccurrences(of: "\"years\": [2025, 2026, 2027, 2028, 2029],", with: "")
        let folder = try SyntheticResults.makeFolder(manifest: manifest)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The difference row (alt-minus-base) is not a manifest scenario: its year must not count.
        #expect(try ResultsFolderReader.read(folder).years == SyntheticResults.years)
    }

    @Test func quotedFieldsAndCRLFAreRead() {
        let lines = CSVLines("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n3,4")
        #expect(lines.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["3", "4"]])
        #expect(lines.map(\.line) == [1, 2, 3])
    }

    @Test func badValueNamesFileLineColumnAndFix() throws {
        var rows = SyntheticResults.csv(SyntheticResults.records()).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Line 4 of the file is rows[3].
        var fields = rows[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[5] = "abc"
        rows[3] = fields.joined(separator: ",")
        let folder = try SyntheticResults.makeFolder(csv: rows.joined(separator: "\n"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: InputErrors.self) { try ResultsFolderReader.read(folder) }
        #expect(error.errors.count == 1)
        let first = try #require(error.errors.first)
        #expect(first.file.hasSuffix("comparison.csv"))
        #expect(first.line == 4)
        #expect(first.column == "value")
        #expect(first.value == "abc")
        #expect(first.description.contains("Fix:"))
    }

    @Test func missingColumnIsReportedOnTheHeaderLine() throws {
        let csv = "scenario,year,indicator,breakdown,value,unit\nbase,2025,coverage_rate,total,0.3,/1\n"
        let folder = try SyntheticResults.makeFolder(csv: csv)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: InputError.self) { try ResultsFolderReader.read(folder) }
        #expect(error.line == 1)
        #expect(error.problem.contains("group"))
    }

    @Test func wrongFieldCountAndBadYearAreAllReported() throws {
        let csv = "scenario,year,indicator,breakdown,group,value,unit\nbase,2025,coverage_rate,total,all,0.3\nbase,20x5,coverage_rate,total,all,0.3,/1\n"
        let folder = try SyntheticResults.makeFolder(csv: csv)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(throws: InputErrors.self) { try ResultsFolderReader.read(folder) }
        #expect(error.errors.map(\.line) == [2, 3])
        #expect(error.errors.map(\.column) == [nil, "year"])
    }

    @Test func manifestProblemsNameTheManifest() throws {
        let noScenarios = try SyntheticResults.makeFolder(manifest: "{\"seed\": 1}")
        defer { try? FileManager.default.removeItem(at: noScenarios) }
        let e1 = try #require(throws: InputError.self) { try ResultsFolderReader.read(noScenarios) }
        #expect(e1.file.hasSuffix("manifest.json"))
        #expect(e1.column == "scenarios")

        let broken = try SyntheticResults.makeFolder(manifest: "{\n  \"scenarios\": [\n    {\"name\": \"base\"},,\n  ]\n}")
        defer { try? FileManager.default.removeItem(at: broken) }
        let e2 = try #require(throws: InputError.self) { try ResultsFolderReader.read(broken) }
        #expect(e2.file.hasSuffix("manifest.json"))
        #expect(e2.problem.contains("not valid JSON"))

        let unknown = SyntheticResults.manifestJSON.replacingOccurrences(of: "\"name\": \"alt\"", with: "\"name\": \"missing-option\"")
        let mismatch = try SyntheticResults.makeFolder(manifest: unknown)
        defer { try? FileManager.default.removeItem(at: mismatch) }
        let e3 = try #require(throws: InputError.self) { try ResultsFolderReader.read(mismatch) }
        #expect(e3.value == "missing-option")
        #expect(e3.file.hasSuffix("comparison.csv"))
    }

    @Test func shortTitleIsTheNameBeforeTheDash() {
        #expect(ManifestScenario(name: "k", title: "Kafaalat expansion — a higher cut-off").shortTitle == "Kafaalat expansion")
        #expect(ManifestScenario(name: "b", title: "Baseline: today's schemes").shortTitle == "Baseline: today's schemes")
        // A hyphen is not the dash that separates name and description.
        #expect(ManifestScenario(name: "m", title: "Minimum-wage registration").shortTitle == "Minimum-wage registration")
    }

    @Test func missingFolderSaysWhatToGive() {
        let nowhere = URL(fileURLWithPath: "/nonexistent/spsim-results-\(UUID().uuidString)")
        let error = #expect(throws: InputError.self) { try ResultsFolderReader.read(nowhere) }
        #expect(error?.fix.contains("spsim compare") == true)
    }
}
