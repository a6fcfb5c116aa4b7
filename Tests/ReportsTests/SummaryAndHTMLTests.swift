import Foundation
import ResultsFormat
import SpsimSupport
import Testing
@testable import Reports

@Suite struct SummaryTests {
    let results: ComparisonResults
    init() throws { results = try SyntheticResults.results() }

    func row(_ table: ReportTable, _ label: String, unit: String? = nil) throws -> [String] {
        try #require(table.rows.first { $0[0] == label && (unit == nil || $0[1] == unit) }, "no row \(label) \(unit ?? "")")
    }

    /// A percentage with one decimal and a true minus sign, computed here independently.
    func pct(_ share: Double, signed: Bool = false) -> String {
        let text = String(format: "%.1f", share * 100)
        if text.hasPrefix("-") { return "−" + text.dropFirst() }
        return signed && text != "0.0" ? "+" + text : text
    }

    @Test func reportYearsAreStartMiddleEnd() {
        #expect(ComparisonTables.reportYears(results) == [2025, 2027, 2029])
    }

    @Test func levelsTableHoldsEveryScenario() throws {
        let table = ComparisonTables.levels(results, year: 2029)
        #expect(table.headers == ["Figure", "Unit", "base", "alt", "third"])
        let cost = try row(table, "Government cost", unit: "% of GDP")
        #expect(Array(cost.dropFirst(2)) == (0..<3).map { String(format: "%.2f", SyntheticResults.costPctGDP($0, 2029)) })
        let billions = try row(table, "Government cost", unit: "PKR billion/year")
        // 0.7 % of 1e14 PKR = 7e11 PKR = 700 billion.
        #expect(billions[2] == "700.0")
        let coverage = try row(table, "Coverage, SDG 1.3.1 (total)")
        #expect(coverage[1] == "%")
        #expect(Array(coverage.dropFirst(2)) == (0..<3).map { pct(SyntheticResults.coverage($0, 2029)) })
        let gap = try row(table, "Gender gap in coverage (men − women)")
        #expect(gap[1] == "pp")
        #expect(Array(gap.dropFirst(2)) == ["8.0", "8.0", "8.0"])
        #expect(try row(table, "Gini (after benefits)")[2] == "0.300")
        // Figures the comparison did not produce are left out.
        #expect(!table.rows.contains { $0[0].hasPrefix("Old-age") })
    }

    @Test func differencesFromBaseline() throws {
        let table = try #require(ComparisonTables.differences(results, year: 2029))
        #expect(table.headers == ["Figure", "Unit", "alt − base", "third − base"])
        let cost = try row(table, "Government cost", unit: "pp of GDP")
        #expect(Array(cost.dropFirst(2)) == ["+0.10", "+0.20"])
        let coverage = try row(table, "Coverage, SDG 1.3.1 (total)")
        #expect(coverage[1] == "pp")
        #expect(Array(coverage.dropFirst(2)) == (1..<3).map { pct(SyntheticResults.coverage($0, 2029) - SyntheticResults.coverage(0, 2029), signed: true) })
        let poverty = try row(table, "Poverty headcount (after benefits)")
        #expect(Array(poverty.dropFirst(2)) == ["−4.0", "−8.0"])
        // In the first year the options have not diverged yet for coverage.
        let start = try #require(ComparisonTables.differences(results, year: 2025))
        #expect(Array(try row(start, "Coverage, SDG 1.3.1 (total)").dropFirst(2)) == ["0.0", "0.0"])
    }

    @Test func markdownTablesAndSections() throws {
        let md = MarkdownSummary.render(results)
        #expect(md.hasPrefix("# Comparison of social protection options, 2025–2029\n"))
        for year in [2025, 2027, 2029] { #expect(md.contains("\n## \(year)\n")) }
        #expect(md.contains("| Figure | Unit | base | alt | third |\n| --- | --- | ---: | ---: | ---: |\n"))
        #expect(md.contains("| Government cost | % of GDP | 0.50 | 0.60 | 0.70 |"))
        #expect(md.contains("| Government cost | pp of GDP | +0.10 | +0.20 |"))
        #expect(md.contains("| Contribution subsidy | PKR billion/year |"))
        #expect(md.contains("| Paid by: Employers | PKR billion/year | 100.0 | 100.0 | 100.0 |"))
        #expect(md.contains("## Sources and assumptions"))
        // Per beneficiary: household transfer 0.1 % × (k + 1) of 1e14 PKR a year over 5e6 (k + 1)
        // households = 1e11 / 5e6 / 12 = 1,667 PKR a month, whatever k.
        #expect(md.contains("| Household transfer (Kafaalat) per receiving household | PKR/month | 1,667 | 1,667 | 1,667 |"))
        // No pensioner counts in these results: no per-pensioner row.
        #expect(!md.contains("Social pension per beneficiary"))
        // The headline gives each option with its difference from the baseline.
        #expect(md.contains("**Kafaalat expansion** (`alt`) in 2029 costs the government 0.80% of GDP (+0.10 pp)"))
    }
}

@Suite struct HTMLReportTests {
    @Test func selfContainedAndHeadlineFirst() throws {
        let results = try SyntheticResults.results()
        let charts = ReportCharts.all(results)
        let html = HTMLReport.render(results, charts: charts)
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("@import"))
        #expect(!html.contains("@font-face"))
        #expect(!html.contains("src="))
        #expect(!html.replacingOccurrences(of: "url(#", with: "").contains("url("))
        for chart in charts { #expect(html.contains("<figure id=\"figure-\(chart.id)\">")) }
        #expect(html.components(separatedBy: "<svg ").count - 1 == charts.count)
        // Headline before charts, charts before tables, manifest and sources last.
        let order = ["id=\"headline\"", "id=\"charts\"", "id=\"tables\"", "id=\"manifest\"", "id=\"sources\""].map { html.range(of: $0)?.lowerBound }
        let positions = order.compactMap { $0 }
        #expect(positions.count == 5)
        #expect(positions == positions.sorted())
        // The manifest is shown.
        for fact in ["0.1.0", "2026-11-23T12:00:00Z", "scenarios/alt.yaml", "Combined floor", "<dd>7</dd>"] { #expect(html.contains(fact)) }
    }

    @Test func headlineMarkupIsEscaped() {
        #expect(HTMLReport.inlineMarkdown("**A & B** (`x<y`)") == "<strong>A &amp; B</strong> (<code>x&lt;y</code>)")
    }
}

@Suite struct ReportWriterTests {
    @Test func writesEveryFileAndIsRepeatable() throws {
        let folder = try SyntheticResults.makeFolder()
        defer { SyntheticResults.remove(folder) }
        let stale = folder.appendingPathComponent("charts/cost-by-scheme-2019.svg")
        try FileManager.default.createDirectory(at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: stale)
        let written = try ReportWriter.write(resultsDirectory: folder)
        #expect(written.first?.lastPathComponent == "summary.md")
        #expect(written.last?.lastPathComponent == "report.html")
        #expect(written.filter { $0.pathExtension == "svg" }.count == 9)
        for url in written { #expect(FileManager.default.fileExists(atPath: url.path)) }
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        // Same input, same bytes.
        let first = try written.map { try Data(contentsOf: $0) }
        let again = try ReportWriter.write(resultsDirectory: folder)
        #expect(again == written)
        #expect(try again.map { try Data(contentsOf: $0) } == first)
    }

    @Test func aFolderBeingWrittenIsNotReported() throws {
        let folder = try SyntheticResults.makeFolder()
        defer { SyntheticResults.remove(folder) }
        let writer = try ResultsFolderWriter.begin(folder.path)
        let error = try #require(throws: InputError.self) { try ReportWriter.write(resultsDirectory: folder) }
        #expect(error.description == "\(folder.path) [RESULTS_DIR]: this folder is being written by another spsim run (pid \(ProcessInfo.processInfo.processIdentifier)); wait for it or choose another RESULTS_DIR. Fix: run again when that run has finished, or give a different RESULTS_DIR folder")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        writer.finish()
        #expect(try ReportWriter.write(resultsDirectory: folder).count == 11)
    }

    @Test func badFolderWritesNothing() throws {
        let folder = try SyntheticResults.makeFolder(csv: "scenario,year\n")
        defer { SyntheticResults.remove(folder) }
        #expect(throws: (any Error).self) { try ReportWriter.write(resultsDirectory: folder) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.md").path))
    }
}
