import Foundation
import Indicators
import ResultsFormat
import SpsimSupport

/// A table ready to print as Markdown or HTML: a caption, header cells and rows of cells
/// (the first two columns are the figure and its unit; numbers are right-aligned).
public struct ReportTable: Sendable, Equatable {
    public var caption: String
    public var headers: [String]
    public var rows: [[String]]
    /// Columns of text, aligned left (the first two always are; the others are numbers,
    /// aligned right).
    public var textColumns: Set<Int>
    public init(caption: String, headers: [String], rows: [[String]], textColumns: Set<Int> = []) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.textColumns = textColumns.union([0, 1])
    }

    @inline(__always) func isNumber(_ column: Int) -> Bool { !textColumns.contains(column) }

    public func markdown() -> String {
        func escape(_ cell: String) -> String { cell.replacingOccurrences(of: "|", with: "\\|") }
        var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
        lines.append("| " + headers.indices.map { isNumber($0) ? "---:" : "---" }.joined(separator: " | ") + " |")
        for row in rows { lines.append("| " + row.map(escape).joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n") + "\n"
    }

    public func html() -> String {
        var out = ["<table>", "<caption>\(xmlEscaped(caption))</caption>", "<thead><tr>" + headers.enumerated().map { "<th scope=\"col\"\(isNumber($0.offset) ? " class=\"num\"" : "")>\(xmlEscaped($0.element))</th>" }.joined() + "</tr></thead>", "<tbody>"]
        for row in rows {
            out.append("<tr>" + row.enumerated().map { i, cell in
                i == 0 ? "<th scope=\"row\">\(xmlEscaped(cell))</th>" : "<td\(isNumber(i) ? " class=\"num\"" : "")>\(xmlEscaped(cell))</td>"
            }.joined() + "</tr>")
        }
        out.append("</tbody></table>")
        return out.joined(separator: "\n") + "\n"
    }
}

/// The comparison tables of a report: the headline figures in the horizon's first,
/// middle and last years, each scenario's difference from the baseline, and the budget
/// view (cost by scheme, who pays) in the last year.
public enum ComparisonTables {
    /// The first, middle and last years of the horizon, without repeats. The middle is the
    /// year at index (count − 1) / 2 (2030 for 2025–2035).
    public static func reportYears(_ results: ComparisonResults) -> [Int] {
        let years = results.years
        guard let first = years.first, let last = years.last else { return [] }
        var out: [Int] = []
        for y in [first, years[(years.count - 1) / 2], last] where !out.contains(y) { out.append(y) }
        return out
    }

    /// The headline figures of every scenario in one year.
    public static func levels(_ results: ComparisonResults, year: Int) -> ReportTable {
        var rows: [[String]] = []
        for row in HeadlineRows.all {
            guard let unit = FigureLookup.unit(results, row: row), let kind = FigureLookup.kind(results, row: row) else { continue }
            let unitText = row.indicator == FigureLookup.genderGap ? "pp" : kind.unitLabel(unit)
            let cells = results.scenarios.map { s in
                FigureLookup.value(results, scenario: s.name, year: year, row: row).map {
                    kind.format($0) + FigureLookup.intervalText(FigureLookup.interval(results, scenario: s.name, year: year, row: row), kind.format)
                } ?? "–"
            }
            if cells.allSatisfy({ $0 == "–" }) { continue }
            rows.append([row.label, unitText] + cells)
        }
        return ReportTable(caption: "Headline figures in \(year)\(rows.contains { $0[1] == "pp" } ? "; pp: percentage points" : "")", headers: ["Figure", "Unit"] + results.scenarios.map(\.name), rows: rows)
    }

    /// Each scenario minus the baseline in one year (percentage points for shares).
    public static func differences(_ results: ComparisonResults, year: Int) -> ReportTable? {
        guard let baseline = results.baseline, results.scenarios.count > 1 else { return nil }
        let others = Array(results.scenarios.dropFirst())
        var rows: [[String]] = []
        for row in HeadlineRows.all {
            guard let unit = FigureLookup.unit(results, row: row), let kind = FigureLookup.kind(results, row: row) else { continue }
            guard let base = FigureLookup.value(results, scenario: baseline.name, year: year, row: row) else { continue }
            let cells = others.map { s in
                FigureLookup.value(results, scenario: s.name, year: year, row: row).map {
                    kind.formatDifference($0 - base) + FigureLookup.intervalText(FigureLookup.interval(results, scenario: s.name, year: year, row: row, difference: true), kind.formatDifference)
                } ?? "–"
            }
            rows.append([row.label, kind.differenceUnitLabel(unit)] + cells)
        }
        let which = baseline.name == "baseline" ? "the baseline" : "the baseline (\(baseline.name))"
        return ReportTable(caption: "Difference from \(which) in \(year); pp: percentage points", headers: ["Figure", "Unit"] + others.map { "\($0.name) − \(baseline.name)" }, rows: rows)
    }

    /// Cost by scheme and who pays, per scenario, in one year (PKR billion, and % of GDP for schemes when available).
    public static func budget(_ results: ComparisonResults, year: Int) -> ReportTable? {
        var rows: [[String]] = []
        func add(label: String, unit: String, values: (String) -> Double?, format: (Double) -> String) {
            let cells = results.scenarios.map { values($0.name).map(format) ?? "–" }
            if !cells.allSatisfy({ $0 == "–" }) { rows.append([label, unit] + cells) }
        }
        let billions = DisplayKind.rupeesPerYear
        for scheme in results.groups(of: "scheme_cost", breakdown: "scheme") {
            add(label: GroupNames.scheme(scheme), unit: "PKR billion/year", values: { results.value(scenario: $0, year: year, indicator: "scheme_cost", breakdown: "scheme", group: scheme) }, format: billions.format)
        }
        add(label: "Government cost, total", unit: "PKR billion/year", values: { results.value(scenario: $0, year: year, indicator: "government_cost") }, format: billions.format)
        add(label: "Government cost, total", unit: "% of GDP", values: { results.value(scenario: $0, year: year, indicator: "government_cost_pct_gdp") }, format: DisplayKind.percentOfGDP.format)
        for payer in results.groups(of: "financing", breakdown: "payer") {
            add(label: "Paid by: \(GroupNames.payer(payer))", unit: "PKR billion/year", values: { results.value(scenario: $0, year: year, indicator: "financing", breakdown: "payer", group: payer) }, format: billions.format)
        }
        // Cost per beneficiary: a scheme's yearly budget cost ÷ its beneficiaries ÷ 12.
        let perBeneficiary: [(String, String, String)] = SchemeLabels.budgetSchemes.compactMap { s in
            guard let indicator = s.beneficiaryIndicator else { return nil }
            return ("\(s.label) per \(s.perHousehold ? "receiving household" : "beneficiary")", s.code, indicator)
        } + [("Contribution subsidy per enrolled worker", "contribution_subsidy", "extension_enrollees")]
        for (label, scheme, count) in perBeneficiary {
            add(label: label, unit: "PKR/month", values: { name in
                guard let cost = results.value(scenario: name, year: year, indicator: "scheme_cost", breakdown: "scheme", group: scheme),
                      let n = results.value(scenario: name, year: year, indicator: count), n > 0 else { return nil }
                return cost / n / 12
            }, format: DisplayKind.rupeesPerMonth.format)
        }
        guard !rows.isEmpty else { return nil }
        return ReportTable(caption: "Budget view in \(year): cost by scheme and who pays", headers: ["Figure", "Unit"] + results.scenarios.map(\.name), rows: rows)
    }

    /// Plain sentences with each option's headline figures in the final year, baseline first.
    public static func headlines(_ results: ComparisonResults) -> [String] {
        guard let year = results.years.last, let baseline = results.baseline else { return [] }
        var out: [String] = []
        for s in results.scenarios {
            var parts: [String] = []
            let isBaseline = s.name == baseline.name
            func figure(_ indicator: String, withDifference: Bool = true, _ describe: (String) -> String) {
                let row = TableRow(label: "", indicator: indicator)
                guard let kind = FigureLookup.kind(results, row: row), let v = FigureLookup.value(results, scenario: s.name, year: year, row: row) else { return }
                var text = describe(kind.format(v)) + FigureLookup.intervalText(FigureLookup.interval(results, scenario: s.name, year: year, row: row), kind.format)
                if withDifference, !isBaseline, let b = FigureLookup.value(results, scenario: baseline.name, year: year, row: row) {
                    let unit = kind == .share || kind == .percentOfGDP ? " pp" : ""
                    text += " (\(kind.formatDifference(v - b))\(unit)\(FigureLookup.intervalText(FigureLookup.interval(results, scenario: s.name, year: year, row: row, difference: true), kind.formatDifference)))"
                }
                parts.append(text)
            }
            figure("government_cost_pct_gdp") { "costs the government \($0)% of GDP" }
            figure("coverage_rate") { "covers \($0)% of the population" }
            var bySex: [String] = []
            let partsBefore = parts
            parts = []
            figure("coverage_rate_women", withDifference: false) { "women \($0)%" }
            figure("coverage_rate_men", withDifference: false) { "men \($0)%" }
            bySex = parts
            parts = partsBefore
            if !bySex.isEmpty, !parts.isEmpty, parts.last?.hasPrefix("covers") == true {
                let last = parts[parts.count - 1]
                parts[parts.count - 1] = last.hasSuffix(")") ? String(last.dropLast()) + "; " + bySex.joined(separator: ", ") + ")" : last + " (" + bySex.joined(separator: ", ") + ")"
            } else {
                parts += bySex.map { "covers " + $0 }
            }
            figure("poverty_headcount_policy") { "leaves \($0)% of people below the poverty line" }
            guard !parts.isEmpty else { continue }
            let lead = isBaseline ? "**\(s.shortTitle)** (`\(s.name)`, the baseline)" : "**\(s.shortTitle)** (`\(s.name)`)"
            out.append("\(lead) in \(year) " + joinedClauses(parts) + ".")
        }
        return out
    }

    static func joinedClauses(_ parts: [String]) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "")
    }
}

/// The Markdown summary (`summary.md`).
public enum MarkdownSummary {
    public static func render(_ results: ComparisonResults) -> String {
        let m = results.manifest
        var out: [String] = []
        let horizon = results.horizon
        out.append("# Comparison of social protection options, \(horizon)\n")
        let headlines = ComparisonTables.headlines(results)
        if !headlines.isEmpty {
            out.append("## Headline\n")
            out.append(headlines.map { "- " + $0 }.joined(separator: "\n") + "\n")
            out.append("Differences from the baseline are in brackets (pp: percentage points).\n")
        }
        out.append("## Scenarios\n")
        out.append(results.scenarios.enumerated().map { i, s in "- `\(s.name)`: \(s.title)\(i == 0 ? " (baseline)" : "")" }.joined(separator: "\n") + "\n")
        for year in ComparisonTables.reportYears(results) {
            out.append("## \(year)\n")
            let levels = ComparisonTables.levels(results, year: year)
            out.append("\(levels.caption).\n")
            out.append(levels.markdown())
            if let diff = ComparisonTables.differences(results, year: year) {
                out.append("\(diff.caption).\n")
                out.append(diff.markdown())
            }
        }
        if let year = results.years.last, let budget = ComparisonTables.budget(results, year: year) {
            out.append("## Budget view, \(year)\n")
            out.append("\(budget.caption).\n")
            out.append(budget.markdown())
        }
        out += AdequacySection.markdown(results)
        if let fit = FitSection.table(results) {
            out.append("## \(FitSection.title)\n")
            out.append(FitSection.paragraphs(results).joined(separator: "\n\n") + "\n")
            out.append(fit.markdown())
        }
        out.append("## Sources and assumptions\n")
        out.append(SourcesNote.paragraphs(results).joined(separator: "\n\n") + "\n")
        var run: [String] = []
        if !m.spsimVersion.isEmpty { run.append("spsim \(m.spsimVersion)") }
        if !m.date.isEmpty { run.append("run \(m.date)") }
        run.append("seed \(m.seedText)")
        if !m.populationText.isEmpty { run.append("population: \(m.populationText)") }
        if !run.isEmpty { out.append("_\(run.joined(separator: "; "))._\n") }
        return out.joined(separator: "\n")
    }
}

/// The note on sources and assumptions shared by the summary and the HTML report.
public enum SourcesNote {
    public static func paragraphs(_ results: ComparisonResults) -> [String] {
        let m = results.manifest
        var population = "the population in the manifest"
        if !m.populationText.isEmpty { population = m.populationText }
        var paragraphs = [
            "These are projections, not forecasts: each figure follows from the parameters in the scenario files (each with its unit, source and effective date), applied to \(population). The manifest lists every scenario file with its SHA-256, so any figure can be traced and reproduced with the same seed.",
            "Costs are in nominal Pakistani rupees of each year; % of GDP divides them by the projected nominal GDP of the year. Government cost is the budget's cost of all schemes: household transfers, social pensions, child and disability benefits, the subsidy of contributions of workers enrolled under an extension phase, and administration. Employers' and workers' contributions are shown separately as who pays.",
            "Coverage follows SDG indicator 1.3.1: the share of the population that is an active contributor, receives a contributory or social pension, or lives in a household receiving a transfer or benefit; it is computed for everyone, for women and for men. The gender gap is men's coverage minus women's, in percentage points. Poverty is the share of persons whose household consumption per adult equivalent (the official method; income when the scenario sets poverty.welfare_measure to income), after benefits and contributions, is below the national poverty line (the 2015-16 line uprated by CPI); deciles rank persons by the same measure before the modelled schemes.",
        ]
        if results.hasIntervals { paragraphs.append(ReportCharts.intervalNote(results)) }
        paragraphs += (m.notes ?? []).map { "Note on indexation: \($0)" }
        return paragraphs
    }
}
