import Testing
import Indicators
import ResultsFormat
@testable import Reports

@Suite("Console comparison tables")
struct ConsoleTablesTests {
    static func year(_ scenario: String, _ year: Int, cost: Double, pct: Double, coverage: Double) -> [ScenarioYearRecord] {
        [
            IndicatorRecord(indicator: "government_cost", value: cost, unit: "PKR/year"),
            IndicatorRecord(indicator: "government_cost_pct_gdp", value: pct, unit: "% of GDP"),
            IndicatorRecord(indicator: "coverage_rate", value: coverage, unit: "/1"),
        ].map { ScenarioYearRecord(scenario: scenario, year: year, record: $0) }
    }

    static let results: ComparisonResults = {
        var manifest = SyntheticResults.manifest()
        manifest.years = [2025, 2026]
        manifest.baseline = "base"
        manifest.scenarios = [.init(name: "base", file: "base.yaml", title: "Base", sha256: ""), .init(name: "option", file: "option.yaml", title: "Option", sha256: "")]
        let records = year("base", 2025, cost: 1e9, pct: 0.5, coverage: 0.2) + year("base", 2026, cost: 3e9, pct: 0.7, coverage: 0.3)
            + year("option", 2025, cost: 2e9, pct: 1.0, coverage: 0.4) + year("option", 2026, cost: 4e9, pct: 1.2, coverage: 0.5)
        return ComparisonResults(manifest: manifest, records: records)
    }()

    @Test("the horizon sums money, averages % of GDP and takes the last year's rates")
    func horizon() throws {
        let rows = ComparisonTables.consoleRows
        let cost = try #require(rows.first { $0.indicator == "government_cost" })
        let pct = try #require(rows.first { $0.indicator == "government_cost_pct_gdp" })
        let coverage = try #require(rows.first { $0.indicator == "coverage_rate" && $0.breakdown == "total" })
        #expect(ComparisonTables.horizonValue(Self.results, cost, scenario: 0) == 4e9)
        #expect(abs(try #require(ComparisonTables.horizonValue(Self.results, pct, scenario: 1)) - 1.1) <= 1e-12)
        #expect(ComparisonTables.horizonValue(Self.results, coverage, scenario: 1) == 0.5)
        // A row with no figure in some year has no horizon figure.
        let gini = try #require(rows.first { $0.indicator == "gini_policy" })
        #expect(ComparisonTables.horizonValue(Self.results, gini, scenario: 0) == nil)
    }

    @Test("cells show the value and the difference from the baseline in the row's unit")
    func cells() {
        let text = ComparisonTables.console(Self.results)
        #expect(text.contains("Horizon 2025–2026"))
        #expect(text.contains("Year 2026 (2026-27)"))
        // 2026 coverage: 50.0% for the option, 20 points above the baseline's 30.0%.
        #expect(text.contains("50.0% (+20.0 pt)"))
        // Horizon cost: 6.0 bn against 4.0 bn.
        #expect(text.contains("6.0 (+2.0)"))
    }
}
