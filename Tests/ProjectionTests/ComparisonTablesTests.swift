import Testing
import Indicators
@testable import Projection

@Suite("Comparison tables")
struct ComparisonTablesTests {
    static func year(_ year: Int, cost: Double, pct: Double, coverage: Double) -> ProjectedYear {
        ProjectedYear(year: year, indicators: IndicatorSet(records: [
            IndicatorRecord(indicator: "government_cost", value: cost, unit: "PKR/year"),
            IndicatorRecord(indicator: "government_cost_pct_gdp", value: pct, unit: "% of GDP"),
            IndicatorRecord(indicator: "coverage_rate", value: coverage, unit: "/1"),
        ]))
    }

    static let comparison = Comparison(
        names: ["base", "option"], years: [2025, 2026],
        projections: [[year(2025, cost: 1e9, pct: 0.5, coverage: 0.2), year(2026, cost: 3e9, pct: 0.7, coverage: 0.3)],
                      [year(2025, cost: 2e9, pct: 1.0, coverage: 0.4), year(2026, cost: 4e9, pct: 1.2, coverage: 0.5)]],
        reweightingReports: [])

    @Test("the horizon sums money, averages % of GDP and takes the last year's rates")
    func horizon() {
        let rows = ComparisonTables.rows
        let cost = rows.first { $0.indicator == "government_cost" }!, pct = rows.first { $0.indicator == "government_cost_pct_gdp" }!
        let coverage = rows.first { $0.indicator == "coverage_rate" && $0.breakdown == "total" }!
        #expect(ComparisonTables.horizonValue(Self.comparison, cost, scenario: 0) == 4e9)
        #expect(abs(ComparisonTables.horizonValue(Self.comparison, pct, scenario: 1)! - 1.1) <= 1e-12)
        #expect(ComparisonTables.horizonValue(Self.comparison, coverage, scenario: 1) == 0.5)
        // A row with no figure in some year has no horizon figure.
        let gini = rows.first { $0.indicator == "gini_policy" }!
        #expect(ComparisonTables.horizonValue(Self.comparison, gini, scenario: 0) == nil)
    }

    @Test("cells show the value and the difference from the baseline in the row's unit")
    func cells() {
        let text = ComparisonTables.render(Self.comparison)
        #expect(text.contains("Horizon 2025–2026"))
        #expect(text.contains("Year 2026 (2026-27)"))
        // 2026 coverage: 50.0% for the option, 20 points above the baseline's 30.0%.
        #expect(text.contains("50.0% (+20.0 pt)"))
        // Horizon cost: 6.0 bn against 4.0 bn.
        #expect(text.contains("6.0 (+2.0)"))
    }
}
