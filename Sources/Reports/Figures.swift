import Foundation
import Indicators
import SpsimSupport

/// How a figure is shown to a reader, decided by its unit: shares (`/1`) as percentages,
/// `% of GDP` as is, yearly rupee amounts in billions, counts in millions.
public enum DisplayKind: Sendable, Equatable {
    case share          // /1 → %, differences in percentage points
    case index          // /1 kept as a number (Gini)
    case percentOfGDP   // already in % of GDP
    case rupeesPerYear  // PKR/year → PKR billion
    case rupeesPerMonth // PKR/month → PKR
    case count          // persons, households → millions
    case other

    public static func of(indicator: String, unit: String) -> DisplayKind {
        if indicator.hasPrefix("gini") { return .index }
        switch unit {
        case "/1": return .share
        case "% of GDP": return .percentOfGDP
        case "PKR/year": return .rupeesPerYear
        case "persons", "households": return .count
        default: return unit.hasPrefix("PKR/month") ? .rupeesPerMonth : .other
        }
    }

    /// The value in display units (a share 0.43 → 43; PKR 1.2e12 → 1,200 billion).
    public func scaled(_ value: Double) -> Double {
        switch self {
        case .share: return value * 100
        case .rupeesPerYear: return value / 1e9
        case .count: return value / 1e6
        default: return value
        }
    }

    public func unitLabel(_ unit: String) -> String {
        switch self {
        case .share: return "%"
        case .index: return "index 0–1"
        case .percentOfGDP: return "% of GDP"
        case .rupeesPerYear: return "PKR billion/year"
        case .rupeesPerMonth: return unit
        case .count: return "million \(unit)"
        case .other: return unit
        }
    }

    /// The unit of a difference between two scenarios.
    public func differenceUnitLabel(_ unit: String) -> String {
        switch self {
        case .share: return "pp"
        case .percentOfGDP: return "pp of GDP"
        default: return unitLabel(unit)
        }
    }

    public var digits: Int {
        switch self {
        case .share: return 1
        case .index: return 3
        case .percentOfGDP: return 2
        case .rupeesPerYear: return 1
        case .rupeesPerMonth: return 0
        case .count: return 2
        case .other: return 2
        }
    }

    /// The value in display units, with a true minus sign ("−6.0").
    public func format(_ value: Double) -> String {
        let text = NumberText.grouped(scaled(value), digits: digits)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A signed difference: "+1.2", "-0.4", "0.0".
    public func formatDifference(_ value: Double) -> String {
        let text = NumberText.grouped(scaled(value), digits: digits)
        if text.hasPrefix("-") { return "−" + text.dropFirst() }
        let zero = NumberText.grouped(0, digits: digits)
        return text == zero ? text : "+" + text
    }
}

/// A row of a comparison table: an indicator (or derived figure) with its label.
public struct TableRow: Sendable {
    public var label: String
    public var indicator: String
    public var breakdown: String
    public var group: String
    public init(label: String, indicator: String, breakdown: String = "total", group: String = "all") {
        self.label = label
        self.indicator = indicator
        self.breakdown = breakdown
        self.group = group
    }
}

/// The headline figures in the order a policy adviser reads them; rows whose indicator the
/// comparison did not produce are left out. `coverage_gender_gap` is derived (men − women).
public enum HeadlineRows {
    public static let all: [TableRow] = [
        TableRow(label: "Government cost", indicator: "government_cost_pct_gdp"),
        TableRow(label: "Government cost", indicator: "government_cost"),
        TableRow(label: "Coverage, SDG 1.3.1 (total)", indicator: "coverage_rate"),
        TableRow(label: "Coverage, women", indicator: "coverage_rate_women"),
        TableRow(label: "Coverage, men", indicator: "coverage_rate_men"),
        TableRow(label: "Gender gap in coverage (men − women)", indicator: FigureLookup.genderGap),
        TableRow(label: "Old-age coverage (pensions)", indicator: "old_age_coverage"),
        TableRow(label: "Coverage of informal workers", indicator: "informal_worker_coverage"),
        TableRow(label: "Contributors among the employed", indicator: "contributor_share_of_employed"),
        TableRow(label: "Poverty headcount (after benefits)", indicator: "poverty_headcount_policy"),
        TableRow(label: "Poverty gap (after benefits)", indicator: "poverty_gap_policy"),
        TableRow(label: "Old-age poverty (aged 65+, after benefits)", indicator: "poverty_headcount_policy", breakdown: "age_group", group: "65+"),
        TableRow(label: "Gini (after benefits)", indicator: "gini_policy"),
        TableRow(label: "Women's share of benefits", indicator: "women_benefit_share"),
    ]
}

/// Lookups that also know the derived figures.
public enum FigureLookup {
    /// Men's coverage minus women's (a share; shown in percentage points).
    public static let genderGap = "coverage_gender_gap"

    public static func value(_ results: ComparisonResults, scenario: String, year: Int, row: TableRow) -> Double? {
        if row.indicator == genderGap {
            guard let men = coverage(results, scenario: scenario, year: year, sex: "M"),
                  let women = coverage(results, scenario: scenario, year: year, sex: "F") else { return nil }
            return men - women
        }
        return results.value(scenario: scenario, year: year, indicator: row.indicator, breakdown: row.breakdown, group: row.group)
    }

    /// The 90% interval of a figure over the replicates (nil for one replicate or a derived
    /// figure such as the gender gap); with `difference`, of the scenario minus the baseline
    /// from the paired replicates.
    public static func interval(_ results: ComparisonResults, scenario: String, year: Int, row: TableRow, difference: Bool = false) -> (lower: Double, upper: Double)? {
        guard row.indicator != genderGap else { return nil }
        return difference
            ? results.differenceInterval(scenario: scenario, year: year, indicator: row.indicator, breakdown: row.breakdown, group: row.group)
            : results.interval(scenario: scenario, year: year, indicator: row.indicator, breakdown: row.breakdown, group: row.group)
    }

    /// " [LOWER–UPPER]" formatted by `format` (" [LOWER to UPPER]" when a bound carries a
    /// sign, so a minus is not read as the dash), or "" without an interval.
    public static func intervalText(_ interval: (lower: Double, upper: Double)?, _ format: (Double) -> String) -> String {
        guard let interval else { return "" }
        return " [\(rangeText(format(interval.lower), format(interval.upper)))]"
    }

    /// "LOWER–UPPER", or "LOWER to UPPER" when either carries a sign.
    public static func rangeText(_ lower: String, _ upper: String) -> String {
        let signed = [lower, upper].contains { $0.hasPrefix("−") || $0.hasPrefix("-") || $0.hasPrefix("+") }
        return signed ? "\(lower) to \(upper)" : "\(lower)–\(upper)"
    }

    /// Coverage of one sex: the R1 key (`coverage_rate_women`/`_men`), else the `sex` breakdown.
    public static func coverage(_ results: ComparisonResults, scenario: String, year: Int, sex: String) -> Double? {
        results.value(scenario: scenario, year: year, indicator: sex == "F" ? "coverage_rate_women" : "coverage_rate_men")
            ?? results.value(scenario: scenario, year: year, indicator: "coverage_rate", breakdown: "sex", group: sex)
    }

    public static func unit(_ results: ComparisonResults, row: TableRow) -> String? {
        if row.indicator == genderGap {
            return (results.has("coverage_rate_women") || results.has("coverage_rate", breakdown: "sex")) ? "/1" : nil
        }
        return results.unit(of: row.indicator, breakdown: row.breakdown)
    }

    public static func kind(_ results: ComparisonResults, row: TableRow) -> DisplayKind? {
        unit(results, row: row).map { DisplayKind.of(indicator: row.indicator == genderGap ? "coverage_rate" : row.indicator, unit: $0) }
    }
}

/// Plain-language names for scheme and payer codes.
public enum GroupNames {
    public static func scheme(_ code: String) -> String {
        SchemeLabels.label(code) ?? code.replacingOccurrences(of: "_", with: " ").capitalizedFirst
    }

    public static func payer(_ code: String) -> String {
        switch code {
        case "budget": return "Government budget"
        case "employers": return "Employers"
        case "workers": return "Workers"
        default: return code.capitalizedFirst
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
