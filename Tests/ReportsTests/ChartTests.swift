import Foundation
import Testing
@testable import Reports

/// Structural checks of the SVG charts: parsed with XMLParser, values mapped back to pixels
/// through the chart's own tick marks.
@Suite struct ChartTests {
    let results: ComparisonResults

    init() throws {
        results = try SyntheticResults.results()
    }

    /// The pixel position of a value on the value axis, interpolated between the lowest and
    /// highest tick the chart drew (independent of how the chart computed it).
    func expectedY(_ value: Double, in svg: XMLNode) throws -> Double {
        let ticks = svg.all(class: "y-tick").compactMap { node -> (Double, Double)? in
            guard let v = node.attributes["data-value"].flatMap(Double.init), let line = node.all(named: "line").first, let y = line.attributes["y1"].flatMap(Double.init) else { return nil }
            return (v, y)
        }.sorted { $0.0 < $1.0 }
        let low = try #require(ticks.first), high = try #require(ticks.last)
        #expect(low.0 <= value && value <= high.0, "value \(value) outside the axis \(low.0)…\(high.0)")
        return low.1 + (value - low.0) / (high.0 - low.0) * (high.1 - low.1)
    }

    func xTick(_ key: String, in svg: XMLNode) throws -> XMLNode {
        try #require(svg.all(class: "x-tick").first { $0.attributes["data-value"] == key })
    }

    func points(_ series: XMLNode) throws -> [(Double, Double)] {
        let polyline = try #require(series.all(named: "polyline").first)
        return (polyline.attributes["points"] ?? "").split(separator: " ").map { pair in
            let xy = pair.split(separator: ",").compactMap { Double($0) }
            return (xy.first ?? .nan, xy.last ?? .nan)
        }
    }

    @Test func governmentCostLineChart() throws {
        let chart = try #require(ReportCharts.governmentCost(results))
        let svg = try XMLNode.parse(chart.svg())
        #expect(svg.name == "svg")
        #expect(svg.attributes["font-family"] == "sans-serif")
        let title = try #require(svg.all(class: "title").first)
        #expect(title.fullText == "Government cost of social protection, 2025–2029")
        #expect(svg.all(class: "y-axis").count == 1)
        #expect(svg.all(class: "x-axis").count == 1)
        #expect(svg.all(class: "y-label").first?.fullText.contains("% of GDP") == true)
        #expect(svg.all(class: "x-tick").compactMap { $0.attributes["data-value"] } == SyntheticResults.years.map(String.init))
        #expect(svg.all(class: "note").first?.fullText.contains("Source:") == true)

        // One series and one legend entry per scenario, labelled with the scenario's title.
        let series = svg.all(class: "series")
        #expect(series.count == SyntheticResults.scenarios.count)
        let legend = svg.all(class: "legend-item")
        #expect(legend.map { $0.all(named: "text").first?.fullText ?? "" } == SyntheticResults.scenarios.map(\.1))

        // A known value lands where the axis says: alt (k = 1) in 2027 is 0.5 + 0.1 + 0.1 = 0.7.
        let alt = try #require(series.first { $0.attributes["data-series"] == "alt" })
        let pts = try points(alt)
        #expect(pts.count == SyntheticResults.years.count)
        let tickX = try #require(xTick("2027", in: svg).all(named: "line").first?.attributes["x1"].flatMap(Double.init))
        let point = pts[2]
        #expect(abs(point.0 - tickX) < 0.02)
        #expect(abs(point.1 - (try expectedY(0.7, in: svg))) < 0.03)
        // Zero sits on the x axis.
        let axisY = try #require(svg.all(class: "x-axis-line").first?.attributes["y1"].flatMap(Double.init))
        #expect(abs(try expectedY(0, in: svg) - axisY) < 0.02)
    }

    @Test func seriesDifferInDashAndMarkerNotOnlyColour() throws {
        let chart = try #require(ReportCharts.governmentCost(results))
        let svg = try XMLNode.parse(chart.svg())
        let lines = svg.all(class: "series").compactMap { $0.all(named: "polyline").first }
        let dashes = lines.map { $0.attributes["stroke-dasharray"] ?? "solid" }
        #expect(Set(dashes).count == lines.count)
        let markerShapes = svg.all(class: "series").map { s in s.children.dropFirst().first.map { "\($0.name)\($0.attributes["fill"] == "white" ? "-open" : "")" } ?? "" }
        #expect(Set(markerShapes).count == lines.count)
        // And the styles themselves are distinct for every series the palette offers.
        let n = ChartStyle.colours.count
        #expect(Set((0..<n).map { ChartStyle.dash($0) }).count == n)
        #expect(Set((0..<n).map { ChartStyle.marker($0) }).count == n)
        #expect(Set((0..<n).map { ChartStyle.fill($0) }).count == n)
    }

    @Test func coverageBySexSharesOneScale() throws {
        let charts = ReportCharts.coverageBySex(results)
        #expect(charts.map(\.id) == ["coverage-base", "coverage-alt", "coverage-third"])
        var tops: [Double] = []
        for chart in charts {
            let svg = try XMLNode.parse(chart.svg())
            let series = svg.all(class: "series").compactMap { $0.attributes["data-series"] }
            #expect(series == ["total", "women", "men"])
            tops.append(svg.all(class: "y-tick").compactMap { $0.attributes["data-value"].flatMap(Double.init) }.max() ?? .nan)
        }
        #expect(Set(tops).count == 1)
        // The highest coverage is the men's in the third scenario, 2029: 0.30 + 0.16 + 0.04 = 50%.
        #expect(tops[0] >= 50)
    }

    @Test func genderGapIsMenMinusWomenInPoints() throws {
        let chart = try #require(ReportCharts.genderGap(results))
        let svg = try XMLNode.parse(chart.svg())
        let base = try #require(svg.all(class: "series").first { $0.attributes["data-series"] == "base" })
        let y = try expectedY(8, in: svg)  // men − women = 0.08 → 8 percentage points
        for p in try points(base) { #expect(abs(p.1 - y) < 0.03) }
    }

    @Test func stackedCostBarsAddUp() throws {
        let chart = try #require(ReportCharts.costByScheme(results))
        #expect(chart.id == "cost-by-scheme-2029")
        let svg = try XMLNode.parse(chart.svg())
        let bars = svg.all(class: "bar")
        #expect(bars.count == SyntheticResults.schemes.count * SyntheticResults.scenarios.count)
        #expect(svg.all(class: "legend-item").count == SyntheticResults.schemes.count)
        // Third scenario (k = 2): schemes cost 0.3, 0.6, 0.9 % of GDP; the stack reaches 1.8.
        let third = bars.filter { $0.attributes["data-category"] == "third" }
        let heights = third.compactMap { $0.attributes["height"].flatMap(Double.init) }
        let pixelsPerPoint = try expectedY(0, in: svg) - expectedY(1, in: svg)
        for (i, h) in heights.enumerated() {
            #expect(abs(h - SyntheticResults.schemeCost(2, i) * pixelsPerPoint) < 0.03)
        }
        let top = try #require(third.compactMap { $0.attributes["y"].flatMap(Double.init) }.min())
        #expect(abs(top - (try expectedY(1.8, in: svg))) < 0.05)
        let totals = svg.all(class: "bar-total").map(\.fullText)
        #expect(totals.last == String(format: "%.2f", 1.8))
        // Patterns make the stacks readable in greyscale: one pattern definition per scheme.
        #expect(svg.all(named: "pattern").count == SyntheticResults.schemes.count)
    }

    @Test func groupedBenefitBarsPerDecile() throws {
        let chart = try #require(ReportCharts.benefitsByDecile(results))
        let svg = try XMLNode.parse(chart.svg())
        let bars = svg.all(class: "bar")
        #expect(bars.count == 10 * SyntheticResults.scenarios.count)
        #expect(svg.all(class: "series").isEmpty)
        #expect(svg.all(class: "legend-item").count == SyntheticResults.scenarios.count)
        // Decile 1 of "alt" (k = 1): 1000 × 10 + 200 = 10,200 PKR/month.
        let bar = try #require(bars.first { $0.attributes["data-category"] == "1" && $0.attributes["data-series"] == "alt" })
        let y = try #require(bar.attributes["y"].flatMap(Double.init))
        #expect(abs(y - (try expectedY(10_200, in: svg))) < 0.03)
        // Bars of a decile sit inside its band, in scenario order.
        let xs = bars.filter { $0.attributes["data-category"] == "1" }.compactMap { $0.attributes["x"].flatMap(Double.init) }
        #expect(xs == xs.sorted())
    }

    @Test func allChartsAreSelfContainedSVG() throws {
        let charts = ReportCharts.all(results)
        #expect(charts.count == 9)  // cost, coverage, 3 × coverage by sex, gap, poverty, schemes, deciles
        #expect(Set(charts.map(\.id)).count == charts.count)
        for chart in charts {
            let text = chart.svg()
            _ = try XMLNode.parse(text)
            #expect(!text.contains("<script"))
            #expect(!text.contains("@font-face"))
            #expect(!text.contains("href"))
            // The only URL is the SVG namespace; every fill reference is internal.
            #expect(text.components(separatedBy: "http").count == 2)
            for id in text.components(separatedBy: "url(#").dropFirst().map({ String($0.prefix { $0 != ")" }) }) {
                #expect(id.hasPrefix(chart.id + "-"))
            }
        }
    }

    @Test func niceScaleTicks() {
        // By hand: 0…1.45 with about 5 ticks needs a step of 0.29 → 0.5; ticks 0, 0.5, 1, 1.5.
        let a = NiceScale(minimum: 0, maximum: 1.45)
        #expect(a.ticks == [0, 0.5, 1, 1.5])
        #expect(a.decimals == 1)
        // −10…0: step 2, ticks −10 … 0.
        let b = NiceScale(minimum: -10, maximum: -1)
        #expect(b.ticks == [-10, -8, -6, -4, -2, 0])
        // 0…10,200: step 2,500 (2,040 rounds up to 2.5 × 10³).
        let c = NiceScale(minimum: 0, maximum: 10_200)
        #expect(c.step == 2500)
        #expect(c.upper == 12_500)
        // A flat series still gets a real axis.
        let d = NiceScale(minimum: 3, maximum: 3, includeZero: false)
        #expect(d.lower < 3 && d.upper > 3)
        // Properties over many ranges: ticks cover the data, steps are 1, 2, 2.5 or 5 × 10ⁿ.
        for (lo, hi) in [(0.0, 0.0123), (-3.2, 7.9), (120.0, 4530.0), (0.3, 0.31), (-0.04, 0.0)] {
            let s = NiceScale(minimum: lo, maximum: hi)
            #expect(s.lower <= min(lo, 0) && s.upper >= hi)
            let mantissa = s.step / pow(10, log10(s.step).rounded(.down))
            #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 })
            #expect((3...12).contains(s.ticks.count))
        }
    }
}
