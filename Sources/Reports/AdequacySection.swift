import Foundation
import Indicators
import ResultsFormat
import SpsimSupport

/// "Adequacy of benefits" and the breakdowns beside it, in the summary and the HTML
/// report, for the horizon's last year: each scheme's monthly amount against the poverty
/// line, the minimum wage, the mean wage and its standard (ILO C102 for benefits paid
/// from social insurance when the scenario gives the level, the R202 floor otherwise);
/// poverty by age group; enrollees of the coverage-extension phases by sex. Generic over
/// whatever schemes and phases the folder's records hold.
public enum AdequacySection {
    public static let title = "Adequacy of benefits"

    /// The verdict of a ratio against its standard.
    public static func flag(ratio: Double, standard: Double) -> String {
        AdequacyVerdict.flag(ratio: ratio, standard: standard)
    }

    /// Each scheme × scenario in one year (nil when the folder has no adequacy records).
    public static func table(_ results: ComparisonResults, year: Int) -> ReportTable? {
        let schemes = results.groups(of: "benefit_per_beneficiary", breakdown: "scheme")
        guard !schemes.isEmpty else { return nil }
        func percent(_ x: Double?) -> String { x.map { NumberText.fixed(100 * $0, digits: 0) } ?? "–" }
        var rows: [[String]] = []
        for scheme in schemes {
            for s in results.scenarios {
                guard let amount = results.value(scenario: s.name, year: year, indicator: "benefit_per_beneficiary", breakdown: "scheme", group: scheme) else { continue }
                func ratio(_ reference: String) -> Double? {
                    results.value(scenario: s.name, year: year, indicator: "adequacy_ratio", breakdown: reference, group: scheme)
                }
                let standard: String, verdict: String
                if let replacement = ratio("c102"),
                   let level = results.value(scenario: s.name, year: year, indicator: "adequacy_standard", breakdown: "c102", group: scheme) {
                    let wage = results.value(scenario: s.name, year: year, indicator: "adequacy_reference_wage", breakdown: "c102", group: scheme)
                    let minimum = results.value(scenario: s.name, year: year, indicator: "minimum_wage")
                    let which = wage != nil && wage == minimum ? "minimum wage" : "mean wage"
                    standard = "C102: \(NumberText.fixed(100 * level, digits: 0))% of the \(which) (has \(NumberText.fixed(100 * replacement, digits: 0))%)"
                    verdict = flag(ratio: replacement, standard: level)
                } else if let line = ratio("poverty_line") {
                    standard = "R202: the poverty line"
                    verdict = flag(ratio: line, standard: 1)
                } else {
                    standard = "–"; verdict = "–"
                }
                rows.append([GroupNames.scheme(scheme), s.name, NumberText.grouped(amount, digits: 0), percent(ratio("poverty_line")),
                             percent(ratio("minimum_wage")), percent(ratio("mean_wage")), standard, verdict])
            }
        }
        guard !rows.isEmpty else { return nil }
        return ReportTable(caption: "Adequacy of benefits in \(year): monthly amount per beneficiary and as % of each reference",
                           headers: ["Scheme", "Scenario", "PKR/month", "% of poverty line", "% of minimum wage", "% of mean wage", "Standard", "Flag"],
                           rows: rows, textColumns: [6, 7])
    }

    /// How to read the table, and the standards' source.
    public static let paragraph = "How to read it: the amount is the mean monthly benefit per beneficiary while paid (per receiving household for household payments, per person paid otherwise). The poverty line it is set against is the line per adult equivalent times the adult equivalents of the receiving households for household payments, the line for one adult equivalent for payments to persons; 100% or more meets the R202 check that the benefit alone lifts a beneficiary at the poverty line to it. Benefits paid from social insurance are judged against ILO Convention 102's minimum for a standard beneficiary (old-age and invalidity 40%, maternity 45% of the reference wage: the minimum wage when contributions are levied on it, as EOBI's, else the mean earnings of employees), read from the scenario's adequacy.c102_* parameters; the standards are summarised in shared/reference/administrative-data.md (\"ILO standards used to judge adequacy\"). Mean wage: the mean monthly earnings of employees after the minimum-wage floor. \"below\" flags a benefit under its standard."

    /// Poverty after the schemes by age group (headcount and gap), per scenario, in one year.
    public static func povertyByAge(_ results: ComparisonResults, year: Int) -> ReportTable? {
        let groups = results.groups(of: "poverty_headcount_policy", breakdown: "age_group")
        guard !groups.isEmpty else { return nil }
        var rows: [[String]] = []
        for group in groups {
            for (indicator, label) in [("poverty_headcount_policy", "headcount"), ("poverty_gap_policy", "gap")] {
                let cells = results.scenarios.map { s in
                    results.value(scenario: s.name, year: year, indicator: indicator, breakdown: "age_group", group: group).map { NumberText.fixed(100 * $0, digits: 1) } ?? "–"
                }
                if cells.allSatisfy({ $0 == "–" }) { continue }
                rows.append(["Aged \(group), poverty \(label)", "%"] + cells)
            }
        }
        guard !rows.isEmpty else { return nil }
        return ReportTable(caption: "Poverty after the schemes by age group in \(year) (65+: old-age poverty); gap: mean shortfall from the line as % of the line",
                           headers: ["Figure", "Unit"] + results.scenarios.map(\.name), rows: rows)
    }

    /// Enrollees of each coverage-extension phase, all and by sex, per scenario (nil when no
    /// scenario has phases).
    public static func enrolleesByPhase(_ results: ComparisonResults, year: Int) -> ReportTable? {
        let phases = results.groups(of: "phase_enrollees", breakdown: "phase")
        guard !phases.isEmpty else { return nil }
        var rows: [[String]] = []
        for phase in phases {
            for (breakdown, group, label) in [("phase", phase, phase), ("phase_sex", "\(phase):F", "\(phase), women"), ("phase_sex", "\(phase):M", "\(phase), men")] {
                let cells = results.scenarios.map { s in
                    results.value(scenario: s.name, year: year, indicator: "phase_enrollees", breakdown: breakdown, group: group).map { NumberText.grouped($0 / 1000, digits: 0) } ?? "–"
                }
                if cells.allSatisfy({ $0 == "–" }) { continue }
                rows.append([label, "thousand persons"] + cells)
            }
        }
        guard !rows.isEmpty else { return nil }
        return ReportTable(caption: "Enrollees of the coverage-extension phases in \(year), by sex (– : the scenario has no such phase)",
                           headers: ["Phase", "Unit"] + results.scenarios.map(\.name), rows: rows)
    }

    /// The Markdown section (empty when the folder has none of these records).
    public static func markdown(_ results: ComparisonResults) -> [String] {
        guard let year = results.years.last else { return [] }
        var out: [String] = []
        if let table = table(results, year: year) {
            out.append("## \(title), \(year)\n")
            out.append(paragraph + "\n")
            out.append("\(table.caption).\n")
            out.append(table.markdown())
        }
        let extra = [povertyByAge(results, year: year), enrolleesByPhase(results, year: year)].compactMap { $0 }
        if !extra.isEmpty {
            out.append("## Poverty by age and enrollees by phase, \(year)\n")
            for table in extra {
                out.append("\(table.caption).\n")
                out.append(table.markdown())
            }
        }
        return out
    }

    /// The HTML section (empty when the folder has none of these records).
    public static func html(_ results: ComparisonResults) -> [String] {
        guard let year = results.years.last else { return [] }
        let tables = [table(results, year: year), povertyByAge(results, year: year), enrolleesByPhase(results, year: year)].compactMap { $0 }
        guard !tables.isEmpty else { return [] }
        var out = ["<section id=\"adequacy\">\n<h2>\(title), \(year)</h2>"]
        if table(results, year: year) != nil { out.append("<p>\(xmlEscaped(paragraph))</p>") }
        out += tables.map { $0.html() }
        out.append("</section>")
        return out
    }
}
