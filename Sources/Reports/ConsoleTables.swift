import Indicators
import SpsimSupport

/// The side-by-side text tables `spsim compare` prints: one for the whole horizon and one
/// per year, each a row per headline indicator and a column per scenario (baseline
/// first); every non-baseline cell shows the value and, in brackets, its difference
/// from the baseline. Part of the one `ComparisonTables` (the report's tables are in
/// Summary.swift), read from the same `ComparisonResults`.
extension ComparisonTables {
    /// How a console row's figures are shown and summed over the horizon.
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

    struct ConsoleRow {
        var label: String
        var indicator: String
        var breakdown: String = "total"
        var group: String = "all"
        var kind: Kind
    }

    /// The rows: totals, each tax-financed scheme of the registry, subsidies and
    /// administration, who pays, social-insurance benefits, coverage, poverty and inequality.
    static let consoleRows: [ConsoleRow] = [
        ConsoleRow(label: "Government cost, PKR bn", indicator: "government_cost", kind: .money),
        ConsoleRow(label: "Government cost, % of GDP", indicator: "government_cost_pct_gdp", kind: .percentOfGDP),
    ] + SchemeLabels.budgetSchemes.map {
        ConsoleRow(label: "  \($0.label)", indicator: "scheme_cost_pct_gdp", breakdown: "scheme", group: $0.code, kind: .percentOfGDP)
    } + [
        ConsoleRow(label: "  contribution subsidy", indicator: "scheme_cost_pct_gdp", breakdown: "scheme", group: "contribution_subsidy", kind: .percentOfGDP),
        ConsoleRow(label: "  administration", indicator: "scheme_cost_pct_gdp", breakdown: "scheme", group: "admin", kind: .percentOfGDP),
        ConsoleRow(label: "Paid by the budget, PKR bn", indicator: "financing", breakdown: "payer", group: "budget", kind: .money),
        ConsoleRow(label: "Paid by employers, PKR bn", indicator: "financing", breakdown: "payer", group: "employers", kind: .money),
        ConsoleRow(label: "Paid by workers, PKR bn", indicator: "financing", breakdown: "payer", group: "workers", kind: .money),
    ] + SchemeLabels.socialInsuranceSchemes.map {
        ConsoleRow(label: "\($0.label) paid, PKR bn", indicator: "social_insurance_benefits", breakdown: "scheme", group: $0.code, kind: .money)
    } + [
        ConsoleRow(label: "Coverage, SDG 1.3.1 (all)", indicator: "coverage_rate", kind: .rate),
        ConsoleRow(label: "  women", indicator: "coverage_rate_women", kind: .rate),
        ConsoleRow(label: "  men", indicator: "coverage_rate_men", kind: .rate),
        ConsoleRow(label: "  older persons (pension age)", indicator: "old_age_coverage", kind: .rate),
        ConsoleRow(label: "  employed: contributors", indicator: "contributor_share_of_employed", kind: .rate),
        ConsoleRow(label: "  informal workers", indicator: "informal_worker_coverage", kind: .rate),
        ConsoleRow(label: "Active contributors, millions", indicator: "active_contributors", kind: .persons),
        ConsoleRow(label: "Poverty headcount", indicator: "poverty_headcount_policy", kind: .rate),
        ConsoleRow(label: "  older persons (65+)", indicator: "poverty_headcount_policy", breakdown: "age_group", group: "65+", kind: .rate),
        ConsoleRow(label: "Poverty gap", indicator: "poverty_gap_policy", kind: .rate),
        ConsoleRow(label: "Gini (welfare measure per AE)", indicator: "gini_policy", kind: .index),
        ConsoleRow(label: "Gini (income per AE)", indicator: "gini_income_policy", kind: .index),
        ConsoleRow(label: "Women's share of benefits", indicator: "women_benefit_share", kind: .rate),
    ]

    static func value(_ results: ComparisonResults, _ row: ConsoleRow, scenario: Int, year: Int) -> Double? {
        results.value(scenario: results.scenarios[scenario].name, year: year, indicator: row.indicator, breakdown: row.breakdown, group: row.group)
    }

    /// The horizon figure of a row for a scenario (see `Kind`); nil when a year lacks it.
    static func horizonValue(_ results: ComparisonResults, _ row: ConsoleRow, scenario: Int) -> Double? {
        let values = results.years.map { value(results, row, scenario: scenario, year: $0) }
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

    /// A 90% interval as " [LOWER–UPPER]" in the row's format (without the unit sign of a difference).
    static func formatInterval(_ interval: (lower: Double, upper: Double)?, _ kind: Kind, difference: Bool = false) -> String {
        guard let interval else { return "" }
        func text(_ x: Double) -> String {
            if difference {
                switch kind {
                case .rate: return NumberText.fixed(x * 100, digits: 1)
                default: return formatDifference(x, kind).replacingOccurrences(of: "+", with: "")
                }
            }
            switch kind {
            case .percentOfGDP: return NumberText.fixed(x, digits: 3)
            case .rate: return NumberText.fixed(x * 100, digits: 1)
            default: return format(x, kind)
            }
        }
        return " [\(FigureLookup.rangeText(text(interval.lower), text(interval.upper)))]"
    }

    static func cell(_ value: Double?, baseline: Double?, kind: Kind, isBaseline: Bool,
                     interval: (lower: Double, upper: Double)? = nil, differenceInterval: (lower: Double, upper: Double)? = nil) -> String {
        let text = format(value, kind) + (value == nil ? "" : formatInterval(interval, kind))
        guard !isBaseline, let value, let baseline else { return text }
        return "\(text) (\(formatDifference(value - baseline, kind))\(formatInterval(differenceInterval, kind, difference: true)))"
    }

    /// `interval(row, s, difference)`: the 90% interval of scenario s's figure, or of its
    /// difference from the baseline; nil without replicates.
    static func table(_ results: ComparisonResults, title: String, value: (ConsoleRow, Int) -> Double?,
                      interval: (ConsoleRow, Int, Bool) -> (lower: Double, upper: Double)? = { _, _, _ in nil }) -> String {
        let names = results.scenarios.map(\.name)
        var table = TextTable(headers: [title] + names)
        for row in consoleRows {
            let baseline = value(row, 0)
            var cells = [row.label]
            for s in names.indices {
                cells.append(cell(value(row, s), baseline: baseline, kind: row.kind, isBaseline: s == 0,
                                  interval: interval(row, s, false), differenceInterval: s == 0 ? nil : interval(row, s, true)))
            }
            table.add(cells)
        }
        return table.render()
    }

    /// The interval of a row's figure (or difference) in a year, from the records.
    static func interval(_ results: ComparisonResults, _ row: ConsoleRow, scenario: Int, year: Int, difference: Bool) -> (lower: Double, upper: Double)? {
        let name = results.scenarios[scenario].name
        return difference
            ? results.differenceInterval(scenario: name, year: year, indicator: row.indicator, breakdown: row.breakdown, group: row.group)
            : results.interval(scenario: name, year: year, indicator: row.indicator, breakdown: row.breakdown, group: row.group)
    }

    /// All console tables: the horizon first, then each year.
    public static func console(_ results: ComparisonResults) -> String {
        guard let first = results.years.first, let last = results.years.last, !results.scenarios.isEmpty else { return "" }
        let names = results.scenarios.map(\.name)
        var out = ""
        if names.count > 1 {
            out += "Differences from the baseline (\(names[0])) in brackets: PKR bn, points of GDP, or percentage points (pt).\n\n"
        }
        let horizonTitle = first == last ? "\(first)" : "\(first)–\(last)"
        if results.hasIntervals {
            out += "Figures are means over \(results.manifest.replicates ?? 1) replicates with 90% intervals [5th–95th percentile] (sampling of the synthetic population and the random draws\((results.manifest.uncertaintySources?.count ?? 0) > 1 ? ", and the uncertain assumptions listed below" : "; not parameter uncertainty")); horizon sums and averages have no interval.\n"
        }
        out += "Horizon \(horizonTitle): costs summed over the years (PKR bn) or averaged (% of GDP); coverage, poverty and shares in \(last).\n"
        out += table(results, title: "Horizon \(horizonTitle)", value: { row, s in horizonValue(results, row, scenario: s) },
                     interval: { row, s, difference in
                         switch row.kind {
                         case .money, .percentOfGDP: return nil
                         case .rate, .index, .persons: return interval(results, row, scenario: s, year: last, difference: difference)
                         }
                     })
        for year in results.years {
            out += "\n"
            out += table(results, title: "Year \(year) (\(year)-\(String(year + 1).suffix(2)))", value: { row, s in value(results, row, scenario: s, year: year) },
                         interval: { row, s, difference in interval(results, row, scenario: s, year: year, difference: difference) })
        }
        return out
    }
}
