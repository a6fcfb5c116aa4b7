import Foundation
import Indicators
import SpsimSupport
import Testing
@testable import ResultsFormat

@Suite struct CSVRoundTripTests {
    @Test func quotedFieldsAndCRLFAreRead() {
        let lines = CSVText.lines("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n3,4")
        #expect(lines.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["3", "4"]])
        #expect(lines.map(\.line) == [1, 2, 3])
    }

    @Test func rowsRoundTripWithCommasQuotesAndLineBreaks() {
        let rows: [[String]] = [
            ["plain", "", "Kafaalat expansion — a higher cut-off"],
            ["a, b", "say \"hi\"", "two\nlines"],
            ["\"starts with a quote", "ends with a quote\"", "crlf\r\ninside"],
            [" leading space", "trailing space ", ",,,"],
            ["", "", ""],
        ]
        let text = rows.map(CSVText.row).joined()
        let back = CSVText.lines(text)
        #expect(back.map(\.fields) == rows)
        // The record with the line break starts on line 2 and the next one on line 4.
        #expect(back.map(\.line) == [1, 2, 4, 6, 7])
        #expect(back.allSatisfy { !$0.unterminatedQuote })
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    }

    @Test func aFileEndingInsideQuotesIsMarked() {
        let lines = CSVText.lines("a,b\n\"open,2\n3")
        #expect(lines.count == 2)
        #expect(lines.last?.unterminatedQuote == true)
        #expect(lines.last?.line == 2)
    }

    static func records() -> [ScenarioYearRecord] {
        [
            ScenarioYearRecord(scenario: "base, \"quoted\"\nname", year: 2025, record: IndicatorRecord(indicator: "coverage_rate", breakdown: "sex", group: "F", value: 0.1 + 0.2, unit: "/1")),
            ScenarioYearRecord(scenario: "alt", year: 2026, record: IndicatorRecord(indicator: "government_cost", value: 1.234567890123e12, unit: "PKR/year")),
            ScenarioYearRecord(scenario: "alt", year: 2026, record: IndicatorRecord(indicator: "coverage_rate", breakdown: "province", group: "GB", value: .nan, unit: "/1")),
        ]
    }

    static func same(_ a: [ScenarioYearRecord], _ b: [ScenarioYearRecord]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.scenario == y.scenario && x.year == y.year && x.record.indicator == y.record.indicator && x.record.breakdown == y.record.breakdown
                && x.record.group == y.record.group && x.record.unit == y.record.unit
                && (x.record.value.bitPattern == y.record.value.bitPattern || (x.record.value.isNaN && y.record.value.isNaN))
        }
    }

    @Test func comparisonRecordsRoundTripThroughCSVAndJSON() throws {
        let records = Self.records()
        let csv = ComparisonRecords.csv(records)
        #expect(csv.hasPrefix("scenario,year,indicator,breakdown,group,value,lower,upper,unit\n\"base, \"\"quoted\"\"\nname\",2025,coverage_rate,sex,F,0.30000000000000004,,,/1\n"))
        #expect(csv.hasSuffix("alt,2026,coverage_rate,province,GB,,,,/1\n"))  // undefined: empty
        #expect(Self.same(try ComparisonRecords.readCSV(Data(csv.utf8), file: "comparison.csv"), records))
        let json = ComparisonRecords.json(records)
        #expect(json.contains("\"value\": null"))
        #expect(Self.same(try ComparisonRecords.readJSON(Data(json.utf8), file: "comparison.json"), records))
    }
}

@Suite("comparison records with 90% intervals (replicates)")
struct IntervalRecordTests {
    static func records() -> [ScenarioYearRecord] {
        [
            ScenarioYearRecord(scenario: "base", year: 2025, record: IndicatorRecord(indicator: "government_cost_pct_gdp", value: 0.44, unit: "% of GDP"), lower: 0.43, upper: 0.45),
            ScenarioYearRecord(scenario: "alt-minus-base", year: 2025, record: IndicatorRecord(indicator: "coverage_rate", value: 0.1 + 0.2, unit: "/1"), lower: 0.25, upper: 0.30000000000000004),
            ScenarioYearRecord(scenario: "alt", year: 2025, record: IndicatorRecord(indicator: "coverage_rate", breakdown: "province", group: "GB", value: .nan, unit: "/1")),
        ]
    }

    @Test("lower and upper are written after value and read back exactly from the CSV and the JSON")
    func roundTrip() throws {
        let records = Self.records()
        let csv = ComparisonRecords.csv(records)
        #expect(csv.hasPrefix("scenario,year,indicator,breakdown,group,value,lower,upper,unit\nbase,2025,government_cost_pct_gdp,total,all,0.44,0.42999999999999999,0.45000000000000001,% of GDP\n"))
        #expect(csv.hasSuffix("alt,2025,coverage_rate,province,GB,,,,/1\n"))
        let fromCSV = try ComparisonRecords.readCSV(Data(csv.utf8), file: "comparison.csv")
        #expect(CSVRoundTripTests.same(fromCSV, records))
        #expect(fromCSV.map(\.lower) == records.map(\.lower))
        #expect(fromCSV.map(\.upper) == records.map(\.upper))
        let json = ComparisonRecords.json(records)
        #expect(json.contains("\"value\": 0.44, \"lower\": 0.42999999999999999, \"upper\": 0.45000000000000001, \"unit\": \"% of GDP\""))
        #expect(json.contains("\"value\": null, \"lower\": null, \"upper\": null"))
        let fromJSON = try ComparisonRecords.readJSON(Data(json.utf8), file: "comparison.json")
        #expect(CSVRoundTripTests.same(fromJSON, records))
        #expect(fromJSON.map(\.lower) == records.map(\.lower))
        #expect(fromJSON.map(\.upper) == records.map(\.upper))
    }

    @Test("an interval that does not hold the value, or half an interval, is refused with file, line and column", arguments: [
        ("base,2025,x,total,all,0.5,0.6,0.7,/1", "comparison.csv:2 [lower]: the lower bound 0.6 is above the value 0.5; found '0.6'. Fix: re-run `spsim compare`; lower and upper are both empty (one replicate) or both numbers with lower ≤ value ≤ upper"),
        ("base,2025,x,total,all,0.5,0.1,0.4,/1", "comparison.csv:2 [upper]: the upper bound 0.4 is below the value 0.5; found '0.4'. Fix: re-run `spsim compare`; lower and upper are both empty (one replicate) or both numbers with lower ≤ value ≤ upper"),
        ("base,2025,x,total,all,0.5,0.1,,/1", "comparison.csv:2 [upper]: the lower bound is given but the upper bound is not; found ''. Fix: re-run `spsim compare`; lower and upper are both empty (one replicate) or both numbers with lower ≤ value ≤ upper"),
        ("base,2025,x,total,all,,0.1,0.2,/1", "comparison.csv:2 [lower]: an interval is given for an undefined (empty) value; found '0.1'. Fix: re-run `spsim compare`; lower and upper are both empty (one replicate) or both numbers with lower ≤ value ≤ upper"),
        ("base,2025,x,total,all,0.5,inf,0.7,/1", "comparison.csv:2 [lower]: the lower bound is not a finite number; found 'inf'. Fix: write the bound as a plain number, e.g. 0.0123, or leave lower and upper empty (one replicate)"),
    ])
    func badIntervalIsRefused(row: String, message: String) throws {
        let csv = ComparisonRecords.csvHeader + "\n" + row + "\n"
        let error = try #require(throws: InputError.self) { try ComparisonRecords.readCSV(Data(csv.utf8), file: "comparison.csv") }
        #expect(error.description == message)
    }

    @Test("the JSON reader refuses an interval that does not hold the value, naming the key")
    func badIntervalInJSON() throws {
        let json = "{\"records\": [{\"scenario\": \"b\", \"year\": 2025, \"indicator\": \"x\", \"breakdown\": \"total\", \"group\": \"all\", \"value\": 0.5, \"lower\": 0.6, \"upper\": 0.7, \"unit\": \"/1\"}]}"
        let error = try #require(throws: InputError.self) { try ComparisonRecords.readJSON(Data(json.utf8), file: "comparison.json") }
        #expect(error.column == "records[0].lower")
        #expect(error.problem == "the lower bound 0.6 is above the value 0.5")
    }
}

@Suite struct ManifestTests {
    static func manifest() -> ResultsManifest {
        let hash = String(repeating: "ab", count: 32)
        return ResultsManifest(spsimVersion: "0.1.0", date: "2026-01-01T00:00:00Z", seed: 9, population: .init(kind: "generated", households: 400, seed: 9),
                               populationProjection: .init(name: "", file: "p.yaml", title: "p", sha256: hash), years: [2025, 2026], baseline: "r1",
                               scenarios: [.init(name: "r1", file: "r1.yaml", title: "R1", sha256: hash)], overrides: ["a=1"],
                               reweighting: [.init(year: 2025, iterations: 4, maximumRelativeError: 1e-9)],
                               outputs: [.init(file: "comparison.csv", records: 3, sha256: hash)])
    }

    /// The manifest as a JSON object, changed by `edit`, as bytes.
    static func edited(_ edit: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: manifest().encoded()) as? [String: Any])
        edit(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test func encodesTheDocumentedKeysAndDecodesBack() throws {
        let data = try Self.manifest().encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["baseline", "date", "outputs", "overrides", "population", "population_projection", "reweighting", "scenarios", "seed", "spsim_version", "years"])
        #expect(try ResultsManifest.decode(data, file: "m.json") == Self.manifest())
    }

    @Test func replicatesAndTheirSeedsAreRecordedAndOptional() throws {
        var manifest = Self.manifest()
        manifest.replicates = 3
        manifest.replicateSeeds = [9, 11, 12]
        let data = try manifest.encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["replicates"] as? Int == 3)
        #expect(object["replicate_seeds"] as? [Int] == [9, 11, 12])
        #expect(try ResultsManifest.decode(data, file: "m.json") == manifest)
        // Older folders have neither key.
        let old = try ResultsManifest.decode(try Self.manifest().encoded(), file: "m.json")
        #expect(old.replicates == nil && old.replicateSeeds == nil)
        let mismatch = try Self.edited { $0["replicates"] = 2; $0["replicate_seeds"] = [9] }
        let error = try #require(throws: InputError.self) { try ResultsManifest.decode(mismatch, file: "m.json") }
        #expect(error.description == "m.json [replicate_seeds]: the manifest lists 1 replicate seed(s) for 2 replicate(s); found '1'. Fix: list one seed per replicate; re-run `spsim compare` to rewrite the folder")
    }

    @Test func aMissingKeyIsNamed() throws {
        let data = try Self.edited { $0["scenarios"] = nil }
        let error = try #require(throws: InputError.self) { try ResultsManifest.decode(data, file: "m.json") }
        #expect(error.description == "m.json [scenarios]: the key is missing. Fix: re-run `spsim compare` to rewrite manifest.json (docs/results-format.md lists its keys)")
        let nested = try Self.edited { object in
            var list = object["scenarios"] as? [[String: Any]] ?? []
            list[0]["sha256"] = nil
            object["scenarios"] = list
        }
        let e2 = try #require(throws: InputError.self) { try ResultsManifest.decode(nested, file: "m.json") }
        #expect(e2.description == "m.json [scenarios[0].sha256]: the key is missing. Fix: re-run `spsim compare` to rewrite manifest.json (docs/results-format.md lists its keys)")
    }

    @Test func yearsAsARangeTextAreRefusedWithoutAllocating() throws {
        let data = try Self.edited { $0["years"] = "2025-99999999999" }
        let error = try #require(throws: InputError.self) { try ResultsManifest.decode(data, file: "m.json") }
        #expect(error.column == "years")
        #expect(error.problem.hasPrefix("expected "))
        #expect(!error.description.contains("NSCocoaErrorDomain"))
    }

    @Test func yearsOutsideTheBoundsOrTooManyAreRefused() throws {
        let far = try Self.edited { $0["years"] = [2025, 99_999_999_999] }
        let e1 = try #require(throws: InputError.self) { try ResultsManifest.decode(far, file: "m.json") }
        #expect(e1.description == "m.json [years[1]]: the year is outside 1900–2200; found '99999999999'. Fix: write a simulation year such as 2025; re-run `spsim compare` to rewrite the folder")
        let long = try Self.edited { $0["years"] = Array(1950...2200) }
        let e2 = try #require(throws: InputError.self) { try ResultsManifest.decode(long, file: "m.json") }
        #expect(e2.description == "m.json [years]: the horizon spans more than 200 years; found '1950-2200'. Fix: a comparison covers at most 200 years; re-run `spsim compare` to rewrite the folder")
        let backwards = try Self.edited { $0["years"] = [2026, 2025] }
        let e3 = try #require(throws: InputError.self) { try ResultsManifest.decode(backwards, file: "m.json") }
        #expect(e3.column == "years[1]")
    }

    @Test func absurdNumbersAreRefusedWithAMessage() throws {
        let data = try Self.edited { $0["reweighting"] = [["year": 2025, "iterations": 4, "max_relative_error": 1.7e308]] }
        let error = try #require(throws: InputError.self) { try ResultsManifest.decode(data, file: "m.json") }
        #expect(error.description == "m.json [reweighting[0].max_relative_error]: the reweighting error is not a number between 0 and 1; found '1.7e+308'. Fix: re-run `spsim compare` to rewrite the folder")
        let text = try Self.edited { $0["seed"] = "seven" }
        let e2 = try #require(throws: InputError.self) { try ResultsManifest.decode(text, file: "m.json") }
        #expect(e2.description == "m.json [seed]: expected a whole number. Fix: re-run `spsim compare` to rewrite manifest.json (docs/results-format.md lists its keys)")
    }

    @Test func brokenJSONNamesTheFile() throws {
        let error = try #require(throws: InputError.self) { try ResultsManifest.decode(Data("{\n  \"seed\": 1,,\n}".utf8), file: "m.json") }
        #expect(error.file == "m.json")
        #expect(error.problem == "manifest.json is not valid JSON")
        #expect(!error.description.contains("NSCocoaErrorDomain"))
    }
}
