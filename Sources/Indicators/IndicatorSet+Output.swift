// Writing an indicator set: tidy CSV, JSON (records and the flat R1 object), and a
// readable terminal table with units. See docs/results-format.md.
import Foundation
import PopulationData
import PolicyRules
import SpsimSupport

/// Describes a run for the headers of its outputs.
public struct RunDescription: Sendable {
    public var scenario: String
    public var title: String
    public var scenarioFile: String
    public var year: Int
    /// e.g. "file r1-population-small.csv" or "synthetic, 20,000 households, seed 1".
    public var population: String
    public var overrides: [String]

    public init(scenario: String, title: String, scenarioFile: String, year: Int, population: String, overrides: [String]) {
        self.scenario = scenario; self.title = title; self.scenarioFile = scenarioFile; self.year = year
        self.population = population; self.overrides = overrides
    }
}

extension IndicatorSet {
    /// A group's name for people: "Women", "Age 65+", "Punjab", "Urban", "Informal workers".
    static func groupLabel(_ breakdown: String, _ group: String) -> String {
        switch breakdown {
        case "sex": return Sex(code: group).map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() } ?? group
        case "age_group": return "Age \(group)"
        case "province": return Province(code: group)?.label ?? group
        case "area": return group.prefix(1).uppercased() + group.dropFirst()
        case "worker_type": return "\(group.prefix(1).uppercased() + group.dropFirst()) workers"
        case "contingency":
            switch group {
            case "old_age": return "Older persons (pensionable age) with a pension"
            case "children": return "Children under 15 in families with a child/family benefit"
            case "disability": return "Persons with a disability receiving a disability benefit"
            case "maternity": return "Mothers of newborns receiving a maternity benefit"
            case "vulnerable": return "Poor before benefits, covered by social assistance"
            default: return group
            }
        default: return "\(breakdown) \(group)"
        }
    }

    /// A number as written in CSV and JSON: the shortest text that reads back to the same
    /// double (full precision); empty in CSV / `null` in JSON when undefined (NaN).
    static func exact(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        return "\(value)"
    }

    /// Tidy CSV: a header row, then one row per record (indicator, breakdown, group, value, unit).
    public func csv() -> String {
        var out = "indicator,breakdown,group,value,unit\n"
        for r in records {
            out += CSVText.row([r.indicator, r.breakdown, r.group, Self.exact(r.value) ?? "", r.unit])
        }
        return out
    }

    /// JSON: the run's description, the flat `indicators` object (every `total` key, the
    /// R1 keys exactly as in R1.md) and every record.
    public func json(_ run: RunDescription) -> String {
        func string(_ s: String) -> String { JSONText.string(s) }
        func number(_ x: Double) -> String { Self.exact(x) ?? "null" }
        var lines: [String] = ["{"]
        lines.append("  \"scenario\": \(string(run.scenario)),")
        lines.append("  \"title\": \(string(run.title)),")
        lines.append("  \"scenario_file\": \(string(run.scenarioFile)),")
        lines.append("  \"year\": \(run.year),")
        lines.append("  \"population\": \(string(run.population)),")
        lines.append("  \"overrides\": [\(run.overrides.map(string).joined(separator: ", "))],")
        lines.append("  \"spsim_version\": \(string(SpsimVersion.current)),")
        let totals = records.filter { $0.breakdown == "total" }
        lines.append("  \"indicators\": {")
        lines.append(totals.enumerated().map { i, r in "    \(string(r.indicator)): \(number(r.value))" }.joined(separator: ",\n"))
        lines.append("  },")
        lines.append("  \"records\": [")
        lines.append(records.map { r in
            "    {\"indicator\": \(string(r.indicator)), \"breakdown\": \(string(r.breakdown)), \"group\": \(string(r.group)), \"value\": \(number(r.value)), \"unit\": \(string(r.unit))}"
        }.joined(separator: ",\n"))
        lines.append("  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A readable summary for the terminal: money in PKR million a year (grouped), counts
    /// of persons grouped, shares as percentages; coverage by group and the decile table.
    public func table(_ run: RunDescription) -> String {
        func value(_ key: String) -> Double { self[key] ?? .nan }
        func millions(_ key: String) -> String { NumberText.grouped(value(key) / 1e6) }
        func count(_ key: String) -> String { NumberText.grouped(value(key)) }
        func percent(_ key: String) -> String { NumberText.percent(value(key)) }
        func record(_ key: String, _ breakdown: String, _ group: String) -> Double {
            records.first { $0.indicator == key && $0.breakdown == breakdown && $0.group == group }?.value ?? .nan
        }

        var out = "\(run.title)\n"
        out += "Scenario \(run.scenario) (\(run.scenarioFile)), year \(run.year)–\(String(run.year + 1).suffix(2)); population: \(run.population)\n"
        if !run.overrides.isEmpty { out += "Overrides: \(run.overrides.joined(separator: ", "))\n" }
        out += "\n"

        var cost = TextTable(headers: ["Budget cost", "PKR million/year", "% of GDP"])
        for declaration in SchemeRegistry.declarations where declaration.payer == .budget {
            guard let key = declaration.costIndicator else { continue }
            cost.add([declaration.label, millions(key), NumberText.fixed(record("scheme_cost_pct_gdp", "scheme", declaration.name), digits: 3) + "%"])
        }
        cost.add(["Contribution subsidy (extension)", millions("contribution_subsidy_cost"), NumberText.fixed(record("scheme_cost_pct_gdp", "scheme", "contribution_subsidy"), digits: 3) + "%"])
        cost.add(["Registration admin", millions("admin_cost"), NumberText.fixed(record("scheme_cost_pct_gdp", "scheme", "admin"), digits: 3) + "%"])
        cost.add(["Total government cost", millions("government_cost"), NumberText.fixed(value("government_cost_pct_gdp"), digits: 3) + "%"])
        out += cost.render() + "\n"

        var contributory = TextTable(headers: ["Contributory scheme (EOBI)", "value", "unit"])
        contributory.add(["Contribution revenue", millions("contribution_revenue"), "PKR million/year"])
        contributory.add(["  paid by employers", millions("employer_contributions"), "PKR million/year"])
        contributory.add(["  paid by workers", millions("worker_contributions"), "PKR million/year"])
        contributory.add(["  paid by the budget (subsidy)", millions("contribution_subsidy_cost"), "PKR million/year"])
        for declaration in SchemeRegistry.declarations where declaration.payer == .socialInsurance {
            guard let key = declaration.costIndicator else { continue }
            contributory.add(["\(declaration.label) paid", millions(key), "PKR million/year"])
        }
        contributory.add(["Formal contributors", count("formal_contributors"), "persons"])
        contributory.add(["Extension enrollees", count("extension_enrollees"), "persons"])
        contributory.add(["Active contributors", count("active_contributors"), "persons"])
        contributory.add(["  share of the employed", percent("contributor_share_of_employed"), ""])
        contributory.add(["  share of employed women", percent("contributor_share_of_employed_women"), ""])
        contributory.add(["  share of employed men", percent("contributor_share_of_employed_men"), ""])
        for declaration in SchemeRegistry.declarations where declaration.payer == .socialInsurance {
            for b in declaration.beneficiaries { contributory.add([b.label, count(b.indicator), b.unit]) }
        }
        if value("minimum_wage_registered") > 0 {
            contributory.add(["Registered for the minimum wage", count("minimum_wage_registered"), "persons"])
        }
        out += contributory.render() + "\n"

        var coverage = TextTable(headers: ["Coverage (SDG 1.3.1)", "value", "unit"])
        coverage.add(["Population covered", percent("coverage_rate"), ""])
        coverage.add(["  women", percent("coverage_rate_women"), ""])
        coverage.add(["  men", percent("coverage_rate_men"), ""])
        coverage.add(["Older persons with a pension", percent("old_age_coverage"), ""])
        coverage.add(["Informal workers covered", percent("informal_worker_coverage"), ""])
        for declaration in SchemeRegistry.declarations where declaration.payer == .budget {
            for b in declaration.beneficiaries { coverage.add([b.label, count(b.indicator), b.unit]) }
        }
        coverage.add(["Women's share of benefits", percent("women_benefit_share"), ""])
        coverage.add(["Population", count("population"), "persons"])
        coverage.add(["Households", count("households"), "households"])
        out += coverage.render() + "\n"

        var poverty = TextTable(headers: ["Poverty and inequality", "before policy", "after policy"])
        poverty.add(["Poverty headcount", percent("poverty_headcount_market"), percent("poverty_headcount_policy")])
        poverty.add(["Poverty gap", "", percent("poverty_gap_policy")])
        poverty.add(["Gini (welfare measure per adult equivalent)", NumberText.fixed(value("gini_market"), digits: 3), NumberText.fixed(value("gini_policy"), digits: 3)])
        poverty.add(["Gini (income per adult equivalent)", NumberText.fixed(value("gini_income_market"), digits: 3), NumberText.fixed(value("gini_income_policy"), digits: 3)])
        poverty.add(["Mean household income, PKR/month", count("mean_household_income_market"), count("mean_household_income_policy")])
        poverty.add(["Mean household consumption, PKR/month", count("mean_household_consumption_market"), count("mean_household_consumption_policy")])
        out += poverty.render()
        out += "(Poverty and the first Gini are of the scenario's poverty.welfare_measure: consumption per adult equivalent in\n"
        out += " the baseline, as the official headcount. \"before policy\": before the modelled schemes (earnings, income beyond\n"
        out += " earnings and consumption as the population has them); \"after policy\": after the minimum wage, contributions,\n"
        out += " pensions and transfers, consumption changed by poverty.consumption_propensity × the change in income.)\n\n"

        var groups = TextTable(headers: ["Coverage by group", "covered"])
        for breakdown in ["contingency", "sex", "age_group", "province", "area", "worker_type"] {
            for r in records where r.indicator == "coverage_rate" && r.breakdown == breakdown {
                groups.add([Self.groupLabel(breakdown, r.group), NumberText.percent(r.value)])
            }
        }
        out += groups.render() + "\n"

        var deciles = TextTable(headers: ["Decile of market income per AE", "average benefit PKR/month", "share of spending", "net gain PKR/month"])
        for d in 1...10 {
            deciles.add(["\(d)", NumberText.grouped(record("average_benefit", "decile", "\(d)")),
                         NumberText.percent(record("benefit_share", "decile", "\(d)")),
                         NumberText.grouped(record("net_gain", "decile", "\(d)"))])
        }
        out += deciles.render()
        out += "(per person; net gain = income after policy minus income before, per household member)\n"
        let adequacy = adequacyTable()
        if !adequacy.isEmpty { out += "\n" + adequacy }
        return out
    }
}
