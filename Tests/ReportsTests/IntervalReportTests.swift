import Foundation
import Indicators
import Reports
import ResultsFormat
import Testing

/// Reports of a comparison with replicates: intervals in the console table, the levels
/// table and the headlines, bands on the time-series charts, and the sources note.
@Suite("Reports show 90% intervals when there are replicates")
struct IntervalReportTests {
    /// The synthetic results with every record given the interval value ± 0.01 (× 0.1 for
    /// shares), and a paired difference record for alt in the last year.
    static func results(replicates: Int = 20) -> ComparisonResults {
        var manifest = SyntheticResults.manifest()
        manifest.replicates = replicates
        manifest.replicateSeeds = Array(0..<UInt64(replicates)).map { $0 == 0 ? manifest.seed : 1000 + $0 }
        var records = SyntheticResults.records().map { r -> ScenarioYearRecord in
            var r = r
            let half = r.record.unit == "/1" ? 0.001 : 0.01
            r.lower = r.record.value - half
            r.upper = r.record.value + half
            return r
        }
        records.append(ScenarioYearRecord(scenario: "alt-minus-base", year: 2029, record: IndicatorRecord(indicator: "government_cost_pct_gdp", value: 0.1, unit: "% of GDP"), lower: 0.095, upper: 0.105))
        return ComparisonResults(manifest: manifest, records: records)
    }

    @Test("the console table shows each year's figure with its interval, and the difference's paired interval")
    func console() {
        let text = ComparisonTables.console(Self.results())
        #expect(text.contains("Figures are means over 20 replicates with 90% intervals [5th–95th percentile]"))
        // alt in 2029: cost 0.5 + 0.1 + 0.2 = 0.8% [0.79–0.81], difference +0.100 [0.095–0.105].
        #expect(text.contains("0.800% [0.790–0.810] (+0.100 [0.095–0.105])"), "\(text)")
        // Coverage (a share) in percent with its interval in percent.
        #expect(text.contains("30.0% [29.9–30.1]"), "\(text)")
    }

    @Test("one replicate shows no intervals and no note")
    func noIntervals() {
        let results = try! SyntheticResults.results()
        let text = ComparisonTables.console(results)
        #expect(!text.contains("replicates"))
        #expect(!text.contains("["))
        #expect(!SourcesNote.paragraphs(results).joined().contains("replicates"))
    }

    @Test("the levels table and the headlines carry intervals; the sources say what they cover")
    func summary() throws {
        let results = Self.results()
        let levels = ComparisonTables.levels(results, year: 2029)
        let cost = try #require(levels.rows.first { $0[0] == "Government cost" && $0[1].contains("GDP") })
        #expect(cost[3].contains("["), "\(cost)")
        #expect(cost[3].contains("–"), "\(cost)")
        let headlines = ComparisonTables.headlines(results).joined(separator: "\n")
        #expect(headlines.contains("% of GDP ["), "\(headlines)")
        // A signed interval is written with "to", so a minus is not read as the dash.
        #expect(FigureLookup.intervalText((-1.2, -1.1)) { String(format: "%.1f", $0) } == " [-1.2 to -1.1]")
        #expect(FigureLookup.intervalText((1.1, 1.2)) { String(format: "%.1f", $0) } == " [1.1–1.2]")
        let sources = SourcesNote.paragraphs(results).joined(separator: "\n")
        #expect(sources.contains("covering the sampling of the synthetic population and the random draws, not uncertainty in the parameters"))
    }

    @Test("cost, coverage and poverty charts draw a band from lower to upper for each scenario, under the lines")
    func bands() throws {
        let results = Self.results()
        for chart in [ReportCharts.governmentCost(results), ReportCharts.coverageTotal(results), ReportCharts.povertyHeadcount(results)] {
            let c = try #require(chart)
            guard case .line(let series) = c.kind else { Issue.record("not a line chart"); continue }
            #expect(series.count == 3)
            #expect(series.allSatisfy { $0.band.count == SyntheticResults.years.count })
            let svg = c.svg()
            #expect(svg.components(separatedBy: "<polygon class=\"band\"").count - 1 == 3)
            let band = try #require(svg.range(of: "class=\"band\""))
            let line = try #require(svg.range(of: "<polyline class=\"line\""))
            #expect(band.lowerBound < line.lowerBound)
        }
        let base = try #require(ReportCharts.governmentCost(results))
        guard case .line(let series) = base.kind else { return }
        // Base in 2025: 0.5 ± 0.01.
        #expect(abs(series[0].band[0].lower - 0.49) <= 1e-12 && abs(series[0].band[0].upper - 0.51) <= 1e-12)
        let plain = try #require(ReportCharts.governmentCost(try SyntheticResults.results()))
        #expect(!plain.svg().contains("class=\"band\""))
    }
}
