// Adequacy of benefits (ILO C102 reference levels, R202 floor) and enrollees of the
// coverage-extension phases. Every key is documented in docs/results-format.md.
import PolicyRules
import PopulationData
import SpsimSupport

/// The adequacy records and the phase enrollee records of one rules result.
///
/// Adequacy, for every scheme of the registry that pays benefits (a payer) and ran with
/// beneficiaries this year, generically (no scheme is named):
/// - the *paid unit* is the receiving household for household payments, the person
///   paid (received > 0) for person payments;
/// - `benefit_per_beneficiary` (breakdown `scheme`) is the weighted mean monthly amount
///   per paid unit, while paid: the monthly column ÷ the scheme's `paymentPeriodShare`
///   (the maternity benefit is paid for its weeks only);
/// - `adequacy_ratio` (breakdown = the reference, group = the scheme) divides it by
///   `poverty_line`: the poverty line per adult equivalent × the adult equivalents of the
///   receiving household (household payments: Σ w·amount ÷ (z · Σ w·AE)), or the line for
///   one adult equivalent (person payments); ≥ 1 meets the R202 floor check;
///   `minimum_wage`: the minimum wage in force (`minimum_wage.amount`; absent without one);
///   `mean_wage`: the weighted mean monthly earnings of employees after the minimum-wage
///   floor (before contributions);
///   `c102`: for schemes paid from social insurance whose contingency has a C102 level
///   (`adequacy.c102_*`), the benefit ÷ the C102 reference wage: the minimum wage when the
///   contributory scheme's contribution base is the minimum wage (EOBI), else the mean
///   wage of employees. `adequacy_standard` (breakdown `c102`) is the level it is judged
///   against, `adequacy_reference_wage` (breakdown `c102`) that wage.
///
/// Phases: `phase_enrollees` (breakdown `phase`, group = the phase's name) counts the
/// weighted persons registered under each phase in the scenario (0 when not yet in
/// force): extension enrollees of `contributory` phases, registrants of
/// `minimum_wage_registration` phases; `phase_sex` splits them by sex (`name:F`, `name:M`).
enum AdequacyRecords {
    static func compute(population: Population, result: PolicyResult, policy: PolicyParameters,
                        add: (String, Double, String, String, String) -> Void) {
        let n = population.personCount, hCount = population.householdCount
        var weight = [Double](repeating: 0, count: n)
        for h in 0..<hCount { for p in population.personRange(h) { weight[p] = population.householdWeight[h] } }

        // The references.
        let z = policy.povertyLine
        let minimumWage = policy[MinimumWageFloor.self]?.amount
        var employees = 0.0, wages = 0.0
        for p in 0..<n where population.labourStatus[p] == .employee {
            employees += weight[p]
            wages += weight[p] * result.earningsAfterFloor[p]
        }
        let meanWage: Double? = employees > 0 ? wages / employees : nil
        add("poverty_line", z, "PKR/month", "total", "all")
        if let minimumWage { add("minimum_wage", minimumWage, "PKR/month", "total", "all") }
        if let meanWage { add("mean_employee_earnings", meanWage, "PKR/month", "total", "all") }
        let c102Wage: Double? = policy[ContributoryInsurance.self]?.contributionBase == .minimumWage ? minimumWage : meanWage

        let declarations = SchemeRegistry.declarations
        for s in declarations.indices {
            let declaration = declarations[s]
            let columns = result.schemes[s]
            guard let payer = declaration.payer, payer != .employers, columns.isOn else { continue }
            var units = 0.0, paid = 0.0, equivalents = 0.0
            if declaration.paidPerHousehold {
                for h in 0..<hCount where columns.householdReceives[h] && columns.householdAmount[h] > 0 {
                    let w = population.householdWeight[h]
                    units += w
                    paid += w * columns.householdAmount[h]
                    equivalents += w * result.adultEquivalents[h]
                }
            } else {
                for p in 0..<n where columns.received[p] > 0 {
                    units += weight[p]
                    paid += weight[p] * columns.received[p]
                    equivalents += weight[p]
                }
            }
            guard units > 0 else { continue }
            let share = policy.schemes[s]?.paymentPeriodShare ?? 1
            let periodShare = share > 0 ? share : 1
            let benefit = paid / units / periodShare
            let code = declaration.name
            add("benefit_per_beneficiary", benefit, "PKR/month", "scheme", code)
            // Household payments: line × AE of the receiving households; persons: one AE.
            let line = declaration.paidPerHousehold ? z * equivalents / units : z
            if line > 0 { add("adequacy_ratio", benefit / line, "/1", "poverty_line", code) }
            if let minimumWage, minimumWage > 0 { add("adequacy_ratio", benefit / minimumWage, "/1", "minimum_wage", code) }
            if let meanWage, meanWage > 0 { add("adequacy_ratio", benefit / meanWage, "/1", "mean_wage", code) }
            if payer == .socialInsurance, let level = policy.c102Levels[declaration.contingency], let c102Wage, c102Wage > 0 {
                add("adequacy_ratio", benefit / c102Wage, "/1", "c102", code)
                add("adequacy_standard", level, "/1", "c102", code)
                add("adequacy_reference_wage", c102Wage, "PKR/month", "c102", code)
            }
        }

        // Enrollees of the coverage-extension phases, by phase and by sex.
        let registration = result.registration
        guard !policy.phases.isEmpty else { return }
        var byPhase = [[Double]](repeating: [0, 0], count: policy.phases.count)
        let contributory = registration.contributoryPhase.count == n, minimum = registration.minimumWagePhase.count == n
        for p in 0..<n {
            let sex = Int(population.sex[p].rawValue)
            if contributory, result.contributorStatus[p] == .extensionEnrollee {
                let k = Int(registration.contributoryPhase[p])
                if k >= 0, k < byPhase.count { byPhase[k][sex] += weight[p] }
            }
            if minimum, result.minimumWageRegistered[p] {
                let k = Int(registration.minimumWagePhase[p])
                if k >= 0, k < byPhase.count { byPhase[k][sex] += weight[p] }
            }
        }
        for (k, phase) in policy.phases.enumerated() {
            add("phase_enrollees", byPhase[k][0] + byPhase[k][1], "persons", "phase", phase.name)
        }
        for (k, phase) in policy.phases.enumerated() {
            for sex in Sex.allCases {
                add("phase_enrollees", byPhase[k][Int(sex.rawValue)], "persons", "phase_sex", "\(phase.name):\(sex.code)")
            }
        }
    }
}

/// Reading the adequacy records: the verdict against a standard, shared by the `run`
/// table and the reports.
public enum AdequacyVerdict {
    /// "meets" when the ratio reaches the standard (a relative hair of 1e-9 below counts,
    /// so that a benefit set exactly at the standard is not flagged by rounding), else "below".
    public static func flag(ratio: Double, standard: Double) -> String {
        ratio >= standard * (1 - 1e-9) ? "meets" : "below"
    }
}

extension IndicatorSet {
    /// The `run` table of adequacy: each scheme with a `benefit_per_beneficiary` record,
    /// its amount, its ratios to the references and its verdict (C102 for benefits from
    /// social insurance when the scenario gives the level, R202's poverty line otherwise);
    /// then enrollees by phase and sex. Empty when there are no such records.
    func adequacyTable() -> String {
        func record(_ key: String, _ breakdown: String, _ group: String) -> Double? {
            records.first { $0.indicator == key && $0.breakdown == breakdown && $0.group == group }?.value
        }
        func percent(_ x: Double?) -> String { x.map { NumberText.percent($0, digits: 0) } ?? "–" }
        var out = ""
        let schemes = records.filter { $0.indicator == "benefit_per_beneficiary" && $0.breakdown == "scheme" }
        if !schemes.isEmpty {
            var table = TextTable(headers: ["Adequacy (per beneficiary)", "PKR/month", "of poverty line", "of minimum wage", "of mean wage", "standard", "flag"])
            for r in schemes {
                let code = r.group
                let line = record("adequacy_ratio", "poverty_line", code)
                var standard = "R202: poverty line", verdict = line.map { AdequacyVerdict.flag(ratio: $0, standard: 1) } ?? "–"
                if let ratio = record("adequacy_ratio", "c102", code), let level = record("adequacy_standard", "c102", code) {
                    standard = "C102: \(NumberText.percent(level, digits: 0)) (has \(NumberText.percent(ratio, digits: 0)))"
                    verdict = AdequacyVerdict.flag(ratio: ratio, standard: level)
                }
                table.add([SchemeRegistry.declaration(code)?.label ?? code, NumberText.grouped(r.value), percent(line),
                           percent(record("adequacy_ratio", "minimum_wage", code)), percent(record("adequacy_ratio", "mean_wage", code)), standard, verdict])
            }
            out += table.render()
            out += "(mean monthly amount while paid, per receiving household or person paid; the poverty line is per adult equivalent ×\n"
            out += " the receiving households' adult equivalents for household payments; C102's reference wage is the minimum wage\n"
            out += " when contributions are levied on it, else the mean earnings of employees)\n"
        }
        let phases = records.filter { $0.indicator == "phase_enrollees" && $0.breakdown == "phase" }
        if !phases.isEmpty {
            var table = TextTable(headers: ["Enrollees by phase", "persons", "women", "men"])
            for r in phases {
                table.add([r.group, NumberText.grouped(r.value), NumberText.grouped(record("phase_enrollees", "phase_sex", "\(r.group):F") ?? .nan),
                           NumberText.grouped(record("phase_enrollees", "phase_sex", "\(r.group):M") ?? .nan)])
            }
            out += (out.isEmpty ? "" : "\n") + table.render()
        }
        return out
    }
}
