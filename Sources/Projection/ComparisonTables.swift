import Indicators
import PolicyRules
import SpsimSupport

/// The side-by-side tables `spsim compare` prints: one for the whole horizon and one
/// per year, each a row per headline indicator and a column per scenario (baseline
/// first); every non-baseline cell shows the value and, in brackets, its difference
/// from the baseline.
public enum ComparisonTables {
    /// How a row's figures are shown and summed over the horizon.
    enum Kind {
        /// PKR per year, shown in billions; the horizon figure is the sum over years.
        case money
        /// % of GDP; the horizon figure is the average over years.
        case percentOfGDP
        /// A fraction shown as a percentage; the horizon figure is the last year's.
        case rate
        /// A plain index (Gini); the horizon figure is the last year's.
        case index
        /// Persons; the horizon figure is the last year's.
        case persons
    }

    struct Row {
        var label: String
        var indicator: String
        var breakdown: String = "total"
        var group: String = "all"
        var kind: Kind
    }

    /// The rows: totals, each tax-financed scheme of the registry, subsidies and
    /// administration, who pays, social-insurance benefits, coverage, poverty and inequality.
    static let rows: [Row] = [
        Row(label: "Government cost, PKR bn", indicator: "government_cost", kind: .money),
        Row(label: "Government cost, % of GDP", indicator: "government_cost_pct_gdp", kind: .percentOfGDP),
    ] + SchemeRegistry.declarations.filter { $0.payer == .budget }.map {
        Row(label: "  \($0.label)", indicator: "scheme_cost_pct_gdp", breakdown: "scheme", group: $0.name, kind: .percentOfGDP)
    } + [
        Row(label: "  contribution subsidy", indicator: "scheme_cost_pct_gdp", breakdown: "scheme", group: "contribution_subsidy", kind: .percentOfGDP),
        Row(label: "  administration", indicator: "scheme_cost_pct_gdp", breakdown: "scheme", group: "admin", kind: .percentOfGDP),
        Row(label: "Paid by the budget, PKR bn", indicator: "financing", breakdown: "payer", group: "budget", kind: .money),
        Row(label: "Paid by employers, PKR bn", indicator: "financing", breakdown: "payer", group: "employers", kind: .money),
        Row(label: "Paid by workers, PKR bn", indicator: "financing", breakdown: "payer", group: "workers", kind: .money),
    ] + SchemeRegistry.declarations.filter { $0.payer == .socialInsurance }.map {
        Row(label: "\($0.label) paid, PKR bn", indicator: "social_insurance_benefits", breakdown: "scheme", group: $0.name, kind: .money)
    } + [
        Row(label: "Coverage, SDG 1.3.1 (all)", indicator: "coverage_rate", kind: .rate),
        Row(label: "  women", indicator: "coverage_rate_women", kind: .rate),
        Row(label: "  men", indicator: "coverage_rate_men", kind: .rate),
        Row(label: "  older persons (pension age)", indicator: "old_age_coverage", kind: .rate),
        Row(label: "  employed: contributors", indicator: "contributor_share_of_employed", kind: .rate),
        Row(label: "  informal workers", indicator: "informal_worker_coverage", kind: .rate),
        Row(label: "Active contributors, millions", indicator: "active_contributors", kind: .persons),
        Row(label: "Poverty headcount", indicator: "poverty_headcount_policy", kind: .rate),
        Row(label: "Poverty gap", indicator: "poverty_gap_policy", kind: .rate),
        Row(label: "Gini (income per adult equivalent)", indicator: "gini_policy", kind: .index),
        Row(label: "Women's share of benefits", indicator: "women_benefit_share", kind: .rate),
    ]

    static func value(_ comparison: Comparison, _ row: Row, scenario: Int, yearIndex: Int) -> Double? {
        let indicators = comparison.projections[scenario][yearIndex].indicators
        if row.breakdown == "total" { return indicators[row.indicator] }
        return indicators.records.first { $0.indicator == row.indicator && $0.breakdown == row.breakdown && $0.group == row.group }?.value
    }

    /// The horizon figure of a row for a scenario (see `Kind`); nil when a year lacks it.
    static func horizonValue(_ comparison: Comparison, _ row: Row, scenario: Int) -> Double? {
        let values = comparison.years.indices.map { value(comparison, row, scenario: scenario, yearIndex: $0) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = values.compactMap { $0 }
        switch row.kind {
        case .money: return numbers.reduce(0, +)
        case .percentOfGDP: return numbers.reduce(0, +) / Double(numbers.count)
        case .rate, .index, .persons: return numbers.last
        }
    }

    static func format(_ value: Double?, _ kind: Kind) -> String {
        guard let value else { return "n/a" }
        switch kind {
        case .money: return NumberText.grouped(value / 1e9, digits: 1)
        case .percentOfGDP: return NumberText.fixed(value, digits: 3) + "%"
        case .rate: return NumberText.percent(value, digits: 1)
        case .index: return NumberText.fixed(value, digits: 3)
        case .persons: return NumberText.fixed(value / 1e6, digits: 2)
        }
    }

    static func formatDifference(_ difference: Double, _ kind: Kind) -> String {
        let sign = difference > 0 ? "+" : ""
        switch kind {
        case .money: return sign + NumberText.grouped(difference / 1e9, digits: 1)
        case .percentOfGDP: return sign + NumberText.fixed(difference, digits: 3)
        case .rate: return sign + NumberText.fixed(difference * 100, digits: 1) + " pt"
        case .index: return sign + NumberText.fixed(difference, digits: 3)
        case .persons: return sign + NumberText.fixed(difference / 1e6, digits: 2)
        }
    }

    static func cell(_ value: Double?, baseline: Double?, kind: Kind, isBaseline: Bool) -> String {
        let text = format(value, kind)
        guard !isBaseline, let value, let baseline else { return text }
        return "\(text) (\(formatDifference(value - baseline, kind)))"
    }

    static func table(_ comparison: Comparison, title: String, value: (Row, Int) -> Double?) -> String {
        var table = TextTable(headers: [title] + comparison.names)
        for row in rows {
            let baseline = value(row, 0)
            var cells = [row.label]
            for s in comparison.names.indices {
                cells.append(cell(value(row, s), baseline: baseline, kind: row.kind, isBaseline: s == 0))
            }
            table.add(cells)
        }
        return table.render()
    }

    /// All tables: the horizon first, then each year.
    public static func render(_ comparison: Comparison) -> String {
        guard let first = comparison.years.first, let last = comparison.years.last else { return "" }
        var out = ""
        if comparison.names.count > 1 {
            out += "Differences from the baseline (\(comparison.names[0])) in brackets: PKR bn, points of GDP, or percentage points (pt).\n\n"
        }
        let horizonTitle = first == last ? "\(first)" : "\(first)–\(last)"
        out += "Horizon \(horizonTitle): costs summed over the years (PKR bn) or averaged (% of GDP); coverage, poverty and shares in \(last).\n"
        out += table(comparison, title: "Horizon \(horizonTitle)") { row, s in horizonValue(comparison, row, scenario: s) }
        for (i, year) in comparison.years.enumerated() {
            out += "\n"
            out += table(comparison, title: "Year \(year) (\(year)-\(String(year + 1).suffix(2)))") { row, s in value(comparison, row, scenario: s, yearIndex: i) }
        }
        return out
    }
}
