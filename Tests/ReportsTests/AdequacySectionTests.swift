import Foundation
import Indicators
import ResultsFormat
import SpsimSupport
import Testing
@testable import Reports

/// The adequacy table, poverty by age and enrollees by phase in the summary and the HTML
/// report, on the synthetic folder plus adequacy records with known values.
@Suite struct AdequacySectionTests {
    /// In 2029: base pays a household transfer of 4,500 (AE line 23,520: 19%; minimum wage
    /// 40,000: 11%; mean wage 45,000: 10%) and a contributory pension of 14,800 (C102 40% of
    /// the minimum wage 40,000: has 37%, below); alt pays the transfer at 24,000 (102% of
    /// the line: meets R202) and the pension at 16,000 (40%: meets).
    static func results() throws -> ComparisonResults {
        var records = SyntheticResults.records()
        func add(_ scenario: String, _ indicator: String, _ value: Double, _ unit: String, _ breakdown: String = "total", _ group: String = "all") {
            records.append(ScenarioYearRecord(scenario: scenario, year: 2029, record: IndicatorRecord(indicator: indicator, breakdown: breakdown, group: group, value: value, unit: unit)))
        }
        for (scenario, transfer, pension) in [("base", 4_500.0, 14_800.0), ("alt", 24_000.0, 16_000.0)] {
            add(scenario, "minimum_wage", 40_000, "PKR/month")
            add(scenario, "benefit_per_beneficiary", transfer, "PKR/month", "scheme", "household_transfer")
            add(scenario, "adequacy_ratio", transfer / 23_520, "/1", "poverty_line", "household_transfer")
            add(scenario, "adequacy_ratio", transfer / 40_000, "/1", "minimum_wage", "household_transfer")
            add(scenario, "adequacy_ratio", transfer / 45_000, "/1", "mean_wage", "household_transfer")
            add(scenario, "benefit_per_beneficiary", pension, "PKR/month", "scheme", "contributory")
            add(scenario, "adequacy_ratio", pension / 9_000, "/1", "poverty_line", "contributory")
            add(scenario, "adequacy_ratio", pension / 40_000, "/1", "c102", "contributory")
            add(scenario, "adequacy_standard", 0.40, "/1", "c102", "contributory")
            add(scenario, "adequacy_reference_wage", 40_000, "PKR/month", "c102", "contributory")
            add(scenario, "poverty_headcount_policy", scenario == "base" ? 0.30 : 0.20, "/1", "age_group", "65+")
            add(scenario, "poverty_gap_policy", 0.05, "/1", "age_group", "65+")
        }
        add("alt", "phase_enrollees", 1_250_000, "persons", "phase", "informal")
        add("alt", "phase_enrollees", 500_000, "persons", "phase_sex", "informal:F")
        add("alt", "phase_enrollees", 750_000, "persons", "phase_sex", "informal:M")
        return ComparisonResults(manifest: SyntheticResults.manifest(), records: records)
    }

    @Test func adequacyTableFlagsBelowAndMeets() throws {
        let results = try Self.results()
        let table = try #require(AdequacySection.table(results, year: 2029))
        #expect(table.headers == ["Scheme", "Scenario", "PKR/month", "% of poverty line", "% of minimum wage", "% of mean wage", "Standard", "Flag"])
        func row(_ scheme: String, _ scenario: String) throws -> [String] {
            try #require(table.rows.first { $0[0] == scheme && $0[1] == scenario }, "no row \(scheme) \(scenario)")
        }
        let transfer = try row("Household transfer (Kafaalat)", "base")
        // 4,500 ÷ 23,520 = 19.1%; ÷ 40,000 = 11.25% → "11"; ÷ 45,000 = 10%.
        #expect(transfer == ["Household transfer (Kafaalat)", "base", "4,500", "19", "11", "10", "R202: the poverty line", "below"])
        // 24,000 ÷ 23,520 = 102%: meets.
        #expect(try row("Household transfer (Kafaalat)", "alt")[7] == "meets")
        let pension = try row("EOBI pensions", "base")
        // 14,800 ÷ 40,000 = 37% < 40%: below; no mean-wage ratio was given ("–").
        #expect(pension[5] == "–")
        #expect(pension[6] == "C102: 40% of the minimum wage (has 37%)")
        #expect(pension[7] == "below")
        // 16,000 ÷ 40,000 = 40% exactly: meets.
        #expect(try row("EOBI pensions", "alt")[7] == "meets")
        // The third scenario has no adequacy records: no rows.
        #expect(!table.rows.contains { $0[1] == "third" })
        #expect(AdequacySection.flag(ratio: 0.3999, standard: 0.40) == "below")
        #expect(AdequacySection.flag(ratio: 0.40, standard: 0.40) == "meets")
    }

    @Test func povertyByAgeAndEnrolleesByPhase() throws {
        let results = try Self.results()
        let age = try #require(AdequacySection.povertyByAge(results, year: 2029))
        let old = try #require(age.rows.first { $0[0] == "Aged 65+, poverty headcount" })
        #expect(Array(old.dropFirst(2)) == ["30.0", "20.0", "–"])
        let phases = try #require(AdequacySection.enrolleesByPhase(results, year: 2029))
        #expect(phases.rows.map(\.[0]) == ["informal", "informal, women", "informal, men"])
        // 1,250,000 persons = 1,250 thousand; only alt has the phase.
        #expect(Array(phases.rows[0].dropFirst(2)) == ["–", "1,250", "–"])
        #expect(phases.rows[1][3] == "500" && phases.rows[2][3] == "750")
    }

    @Test func summaryAndHTMLHoldTheAdequacySection() throws {
        let results = try Self.results()
        let markdown = MarkdownSummary.render(results)
        #expect(markdown.contains("## Adequacy of benefits, 2029"))
        #expect(markdown.contains("| Household transfer (Kafaalat) | base | 4,500 | 19 | 11 | 10 | R202: the poverty line | below |"))
        #expect(markdown.contains("ILO Convention 102"))
        #expect(markdown.contains("## Poverty by age and enrollees by phase, 2029"))
        let html = HTMLReport.render(results, charts: [])
        #expect(html.contains("<section id=\"adequacy\">"))
        #expect(html.contains("Adequacy of benefits in 2029"))
        // A folder without adequacy records has no section (older folders still report).
        let plain = try SyntheticResults.results()
        #expect(!MarkdownSummary.render(plain).contains("Adequacy"))
        #expect(!HTMLReport.render(plain, charts: []).contains("id=\"adequacy\""))
    }

    @Test func oldAgePovertyInTheHeadlineAndConsoleTables() throws {
        let results = try Self.results()
        let levels = ComparisonTables.levels(results, year: 2029)
        let row = try #require(levels.rows.first { $0[0] == "Old-age poverty (aged 65+, after benefits)" })
        // 0.30 and 0.20 as percentages; the third scenario has no age breakdown.
        #expect(Array(row.dropFirst(2)) == ["30.0", "20.0", "–"])
        let diff = try #require(ComparisonTables.differences(results, year: 2029))
        #expect(try #require(diff.rows.first { $0[0] == "Old-age poverty (aged 65+, after benefits)" })[2] == "−10.0")
        #expect(ComparisonTables.console(results).contains("  older persons (65+)"))
        // Folders without the age breakdown leave the row out.
        #expect(!ComparisonTables.levels(try SyntheticResults.results(), year: 2029).rows.contains { $0[0].hasPrefix("Old-age poverty") })
    }
}
