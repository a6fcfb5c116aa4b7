import Foundation
import ResultsFormat
import SpsimSupport

/// The charts of a comparison report, built from a results folder. Each scenario keeps
/// its style (colour, dash, marker, fill) in every chart: the baseline is always style 0.
public enum ReportCharts {
    /// Every chart the report holds, in reading order; charts whose indicators the
    /// comparison did not produce are left out.
    public static func all(_ results: ComparisonResults) -> [Chart] {
        var charts: [Chart] = []
        if let c = governmentCost(results) { charts.append(c) }
        if let c = coverageTotal(results) { charts.append(c) }
        charts.append(contentsOf: coverageBySex(results))
        if let c = genderGap(results) { charts.append(c) }
        if let c = povertyHeadcount(results) { charts.append(c) }
        if let c = costByScheme(results) { charts.append(c) }
        if let c = benefitsByDecile(results) { charts.append(c) }
        charts.append(contentsOf: fund(results))
        charts.append(contentsOf: tornado(results))
        return charts
    }

    /// The EOBI fund (`fund.csv`): the reserve at the end of each year and the PAYG cost
    /// rate, a line per scenario that runs the contributory scheme.
    public static func fund(_ results: ComparisonResults) -> [Chart] {
        guard !results.funds.isEmpty, let first = results.funds.first?.years.first?.year, let last = results.funds.first?.years.last?.year else { return [] }
        func series(_ value: (FundYear) -> Double) -> [LineSeries] {
            results.funds.map { fund in
                let label = results.scenarios.first { $0.name == fund.scenario }?.shortTitle ?? fund.scenario
                return LineSeries(key: fund.scenario, label: label, style: styleIndex(results, fund.scenario),
                                  points: fund.years.filter { value($0).isFinite }.map { ChartPoint(x: Double($0.year), y: value($0)) })
            }
        }
        let note = sourceNote(results, extra: FundTable.notes(initialReserve: results.funds.first?.initialReserve ?? 0, first: first).joined(separator: " ") + " Fund assumptions (return, administration, initial reserve): scenarios/assumptions/eobi-fund.yaml.")
        return [
            Chart(id: "fund-reserve", text: ChartText(title: "EOBI fund reserve, \(first)–\(last)",
                  subtitle: "Reserve at the end of each year, PKR billion (contributions and investment income less pensions and administration)",
                  xLabel: "Year", yLabel: "Reserve (PKR billion)", note: note), kind: .line(series { $0.reserve / 1e9 })),
            Chart(id: "fund-cost-rate", text: ChartText(title: "EOBI pay-as-you-go cost rate, \(first)–\(last)",
                  subtitle: "Expenditure as a share of insurable earnings, %: the contribution rate that would balance each year without a reserve",
                  xLabel: "Year", yLabel: "Cost rate (% of insurable earnings)", note: note), kind: .line(series { 100 * $0.paygCostRate })),
        ]
    }

    /// Tornado charts (`compare --tornado`): for each scenario, government cost and SDG
    /// 1.3.1 coverage in the last year with each uncertain assumption at its low and its
    /// high bound (the others central), as the change from the all-central figure; the
    /// assumption that moves it most first.
    public static func tornado(_ results: ComparisonResults) -> [Chart] {
        var charts: [Chart] = []
        for scenario in results.scenarios {
            for indicator in ["government_cost_pct_gdp", "coverage_rate"] {
                let bars = results.tornado.filter { $0.scenario == scenario.name && $0.indicator == indicator }
                guard let first = bars.first else { continue }
                let cost = indicator == "government_cost_pct_gdp"
                let scale = cost ? 1.0 : 100.0
                let categories = bars.map { BarCategory(key: $0.parameter, label: "\($0.parameter) (\($0.lowInput.description)–\($0.highInput.description) \($0.unit))") }
                let low = BarSeries(key: "low", label: "at the low bound", style: 1, values: Dictionary(uniqueKeysWithValues: bars.map { ($0.parameter, ($0.atLow - $0.central) * scale) }))
                let high = BarSeries(key: "high", label: "at the high bound", style: 2, values: Dictionary(uniqueKeysWithValues: bars.map { ($0.parameter, ($0.atHigh - $0.central) * scale) }))
                let centralText = cost ? NumberText.fixed(first.central, digits: 3) + "% of GDP" : NumberText.percent(first.central, digits: 1)
                charts.append(Chart(id: "tornado-\(cost ? "cost" : "coverage")-\(scenario.name)", text: ChartText(
                    title: "What drives \(cost ? "government cost" : "coverage (SDG 1.3.1)") in \(first.year): \(scenario.shortTitle)",
                    subtitle: "Change from the all-central figure (\(centralText)), one assumption at its low or high bound",
                    xLabel: "Uncertain assumption (its range)", yLabel: cost ? "Change (% of GDP points)" : "Change (percentage points)",
                    note: sourceNote(results, extra: "The tornado is computed on the run's own population and draws (replicate 0), not on replicate means; the largest effect is drawn first. Bounds and sources of the assumptions: the manifest's uncertainty_sources.")),
                    kind: .groupedBars(categories: categories, series: [low, high])))
            }
        }
        return charts
    }

    /// The note every chart carries: where the figures come from and what they assume.
    public static func sourceNote(_ results: ComparisonResults, extra: String = "") -> String {
        let m = results.manifest
        var parts: [String] = []
        var run = "Source: spsim\(m.spsimVersion.isEmpty ? "" : " " + m.spsimVersion) projection"
        if !m.date.isEmpty { run += " of \(m.date)" }
        parts.append(run)
        if !m.populationText.isEmpty { parts[parts.count - 1] += " on \(m.populationText)" }
        if !m.populationText.contains("seed") { parts.append("seed \(m.seedText)") }
        var text = parts.joined(separator: "; ") + ". Projections under each scenario file's stated parameters and sources (see the manifest), not forecasts."
        if results.hasIntervals { text += " " + intervalNote(results) }
        if !extra.isEmpty { text += " " + extra }
        return text
    }

    /// What the intervals of a comparison with replicates are (empty for one replicate).
    public static func intervalNote(_ results: ComparisonResults) -> String {
        guard results.hasIntervals else { return "" }
        let covering = results.manifest.uncertaintySources.map { sources in
            sources.count > 1 ? "covering the sampling of the synthetic population and the random draws and \(sources.count - 1) uncertain assumption\(sources.count == 2 ? "" : "s") drawn in each replicate (listed in the manifest)" : "covering the sampling of the synthetic population and the random draws, not uncertainty in the parameters"
        } ?? "covering the sampling of the synthetic population and the random draws, not uncertainty in the parameters"
        return "Figures are means over \(results.manifest.replicates ?? 1) replicates (independent synthetic populations or draw sets); shaded bands and bracketed ranges are 90% intervals (5th to 95th percentile of the replicates), \(covering)."
    }

    static func styleIndex(_ results: ComparisonResults, _ name: String) -> Int {
        results.scenarios.firstIndex { $0.name == name } ?? 0
    }

    static func lineSeries(_ results: ComparisonResults, indicator: String, scale: (Double) -> Double) -> [LineSeries] {
        results.scenarios.enumerated().compactMap { i, s in
            let points = results.series(scenario: s.name, indicator: indicator).map { ChartPoint(x: Double($0.year), y: scale($0.value)) }
            let band = results.band(scenario: s.name, indicator: indicator).map { BandPoint(x: Double($0.year), lower: scale($0.lower), upper: scale($0.upper)) }
            return points.isEmpty ? nil : LineSeries(key: s.name, label: s.shortTitle, style: i, points: points, band: band)
        }
    }

    static func horizonText(_ results: ComparisonResults) -> String { results.horizon }

    public static func governmentCost(_ results: ComparisonResults) -> Chart? {
        let series = lineSeries(results, indicator: "government_cost_pct_gdp") { $0 }
        guard !series.isEmpty else { return nil }
        return Chart(id: "government-cost-pct-gdp", text: ChartText(
            title: "Government cost of social protection, \(horizonText(results))",
            subtitle: "Budget cost of all schemes (transfers, pensions, benefits, contribution subsidies, administration), % of GDP",
            xLabel: "Year", yLabel: "Government cost (% of GDP)",
            note: sourceNote(results, extra: "Costs in nominal PKR divided by the projected nominal GDP of each year.")), kind: .line(series))
    }

    public static func coverageTotal(_ results: ComparisonResults) -> Chart? {
        let series = lineSeries(results, indicator: "coverage_rate") { $0 * 100 }
        guard !series.isEmpty else { return nil }
        return Chart(id: "coverage-total", text: ChartText(
            title: "Social protection coverage (SDG 1.3.1), \(horizonText(results))",
            subtitle: "Share of the population covered by at least one scheme, %",
            xLabel: "Year", yLabel: "Population covered (%)",
            note: sourceNote(results, extra: "Covered: an active contributor, a contributory or social pensioner, or a member of a household receiving a transfer or benefit.")), kind: .line(series))
    }

    /// One chart per scenario with total, women's and men's coverage on a shared y scale.
    public static func coverageBySex(_ results: ComparisonResults) -> [Chart] {
        var perScenario: [(name: String, title: String, series: [LineSeries])] = []
        var top = 0.0
        for s in results.scenarios {
            let total = results.series(scenario: s.name, indicator: "coverage_rate")
            let women = results.years.compactMap { y in FigureLookup.coverage(results, scenario: s.name, year: y, sex: "F").map { (y, $0) } }
            let men = results.years.compactMap { y in FigureLookup.coverage(results, scenario: s.name, year: y, sex: "M").map { (y, $0) } }
            guard !women.isEmpty || !men.isEmpty else { continue }
            var series: [LineSeries] = []
            // Styles 1–3 (blue, vermillion, green) so these lines are not mistaken for scenarios' black baseline.
            if !total.isEmpty { series.append(LineSeries(key: "total", label: "Total", style: 0, points: total.map { ChartPoint(x: Double($0.year), y: $0.value * 100) })) }
            if !women.isEmpty { series.append(LineSeries(key: "women", label: "Women", style: 2, points: women.map { ChartPoint(x: Double($0.0), y: $0.1 * 100) })) }
            if !men.isEmpty { series.append(LineSeries(key: "men", label: "Men", style: 1, points: men.map { ChartPoint(x: Double($0.0), y: $0.1 * 100) })) }
            top = max(top, series.flatMap(\.points).map(\.y).max() ?? 0)
            perScenario.append((s.name, s.shortTitle, series))
        }
        return perScenario.map { entry in
            Chart(id: "coverage-\(entry.name)", text: ChartText(
                title: entry.title,
                subtitle: "Coverage (SDG 1.3.1) of women, of men and of everyone, %",
                xLabel: "Year", yLabel: "Population covered (%)",
                note: sourceNote(results, extra: "Same vertical scale in every scenario's chart.")), kind: .line(entry.series), valueAxisAtLeast: top, width: 560)
        }
    }

    public static func genderGap(_ results: ComparisonResults) -> Chart? {
        let series: [LineSeries] = results.scenarios.enumerated().compactMap { i, s in
            let points = results.years.compactMap { year -> ChartPoint? in
                guard let men = FigureLookup.coverage(results, scenario: s.name, year: year, sex: "M"),
                      let women = FigureLookup.coverage(results, scenario: s.name, year: year, sex: "F") else { return nil }
                return ChartPoint(x: Double(year), y: (men - women) * 100)
            }
            return points.isEmpty ? nil : LineSeries(key: s.name, label: s.shortTitle, style: i, points: points)
        }
        guard !series.isEmpty else { return nil }
        return Chart(id: "coverage-gender-gap", text: ChartText(
            title: "Gender gap in coverage, \(horizonText(results))",
            subtitle: "Men's coverage minus women's coverage, percentage points (above zero: men better covered)",
            xLabel: "Year", yLabel: "Men − women (percentage points)",
            note: sourceNote(results, extra: "Coverage as SDG 1.3.1, computed separately among women and among men.")), kind: .line(series))
    }

    public static func povertyHeadcount(_ results: ComparisonResults) -> Chart? {
        let series = lineSeries(results, indicator: "poverty_headcount_policy") { $0 * 100 }
        guard !series.isEmpty else { return nil }
        return Chart(id: "poverty-headcount", text: ChartText(
            title: "Poverty headcount after benefits, \(horizonText(results))",
            subtitle: "Share of persons whose consumption (or income: poverty.welfare_measure) per adult equivalent, after benefits and contributions, is below the poverty line, %",
            xLabel: "Year", yLabel: "Persons below the poverty line (%)",
            note: sourceNote(results, extra: "National poverty line per adult equivalent, uprated with prices as set in the scenario files. The vertical axis does not start at zero.")), kind: .line(series), includeZero: false)
    }

    /// Cost by scheme, stacked, a bar per scenario, for the final year (in % of GDP when the
    /// comparison gives it, else in PKR billion).
    public static func costByScheme(_ results: ComparisonResults, year: Int? = nil) -> Chart? {
        guard let year = year ?? results.years.last else { return nil }
        let usePercent = results.has("scheme_cost_pct_gdp", breakdown: "scheme")
        let indicator = usePercent ? "scheme_cost_pct_gdp" : "scheme_cost"
        let schemes = results.groups(of: indicator, breakdown: "scheme")
        guard !schemes.isEmpty else { return nil }
        let categories = results.scenarios.map { BarCategory(key: $0.name, label: $0.name) }
        let series = schemes.enumerated().map { i, scheme in
            var values: [String: Double] = [:]
            for s in results.scenarios {
                if let v = results.value(scenario: s.name, year: year, indicator: indicator, breakdown: "scheme", group: scheme) {
                    values[s.name] = usePercent ? v : v / 1e9
                }
            }
            return BarSeries(key: scheme, label: GroupNames.scheme(scheme), style: i + 1, values: values)
        }
        let unit = usePercent ? "% of GDP" : "PKR billion"
        return Chart(id: "cost-by-scheme-\(year)", text: ChartText(
            title: "Government cost by scheme in \(year)",
            subtitle: "Budget cost of each scheme, \(unit); the figure on each bar is the total",
            xLabel: "Scenario", yLabel: "Cost (\(unit))",
            note: sourceNote(results, extra: "Contribution subsidy: the budget's share of the contributions of workers enrolled under an extension phase.")), kind: .stackedBars(categories: categories, series: series))
    }

    /// Average benefit per person by decile of market income, a bar per scenario, final year.
    public static func benefitsByDecile(_ results: ComparisonResults, year: Int? = nil) -> Chart? {
        guard let year = year ?? results.years.last else { return nil }
        let deciles = results.groups(of: "average_benefit", breakdown: "decile")
        guard !deciles.isEmpty else { return nil }
        let categories = deciles.map { BarCategory(key: $0, label: $0) }
        let series = results.scenarios.enumerated().map { i, s in
            var values: [String: Double] = [:]
            for d in deciles {
                if let v = results.value(scenario: s.name, year: year, indicator: "average_benefit", breakdown: "decile", group: d) { values[d] = v }
            }
            return BarSeries(key: s.name, label: s.shortTitle, style: i, values: values)
        }
        let unit = results.unit(of: "average_benefit", breakdown: "decile") ?? "PKR/month"
        return Chart(id: "benefits-by-decile-\(year)", text: ChartText(
            title: "Benefits by income decile in \(year)",
            subtitle: "Average benefit per person in each tenth of the population, poorest (1) to richest (10), \(unit)",
            xLabel: "Decile of consumption (or income) per adult equivalent before the schemes (1 = poorest tenth)", yLabel: "Average benefit (\(unit))",
            note: sourceNote(results, extra: "Deciles are weighted tenths of persons ranked by income before benefits; amounts in nominal PKR of the year.")), kind: .groupedBars(categories: categories, series: series))
    }
}

