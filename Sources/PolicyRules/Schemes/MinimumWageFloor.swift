// The statutory minimum wage as a floor under employees' earnings.
import PopulationData

/// How the minimum-wage floor is applied to employees earning less than the minimum wage.
public enum ComplianceMode: String, Sendable, CaseIterable {
    /// Expected value (R1): earnings + compliance × shortfall.
    case expected
    /// The full floor when the person's stored compliance draw is below the compliance rate.
    case stochastic
}

/// Minimum-wage floor. An employee earning e below the minimum wage MW is paid
/// - `expected` mode: e′ = e + c × max(0, MW − e);
/// - `stochastic` mode: e′ = MW when the person's compliance draw < c, else e;
/// with c the formal or informal compliance. An informal employee registered under a
/// `minimum_wage_registration` phase has c raised to the phase's compliance (never
/// lowered). Everyone else keeps e′ = e. Employers pay; no budget cost.
public struct MinimumWageFloor: Scheme {
    public static let declaration = SchemeDeclaration(
        name: "minimum_wage", label: "Minimum wage",
        summary: "raises employees' earnings towards the statutory minimum wage, paid by employers",
        parameters: [
            .init(name: "minimum_wage.enabled", unit: "bool", kind: .flag, meaning: "whether the floor applies", defaultValue: .flag(true)),
            .init(name: "minimum_wage.amount", unit: "PKR/month", kind: .amount, meaning: "statutory monthly minimum wage"),
            .init(name: "minimum_wage.compliance_formal", unit: "/1", kind: .share, meaning: "share of the shortfall to the minimum wage paid to formal employees"),
            .init(name: "minimum_wage.compliance_informal", unit: "/1", kind: .share, meaning: "the same for informal employees"),
            .init(name: "minimum_wage.compliance_mode", unit: "text", kind: .choice(ComplianceMode.allCases.map(\.rawValue)),
                  meaning: "`expected` (earnings + c × shortfall) or `stochastic` (the full floor when the stored compliance draw < c); employees only", defaultValue: .text(ComplianceMode.expected.rawValue)),
        ],
        payer: .employers, contingency: .employment, costIndicator: nil)

    public var enabled: Bool
    /// Statutory monthly minimum wage MW, PKR/month.
    public var amount: Double
    /// Share of the shortfall to MW paid to formal employees.
    public var complianceFormal: Double
    /// Share of the shortfall to MW paid to informal employees.
    public var complianceInformal: Double
    public var complianceMode: ComplianceMode

    public init(enabled: Bool = true, amount: Double, complianceFormal: Double, complianceInformal: Double, complianceMode: ComplianceMode) {
        self.enabled = enabled; self.amount = amount; self.complianceFormal = complianceFormal
        self.complianceInformal = complianceInformal; self.complianceMode = complianceMode
    }

    public init(_ values: inout SchemeValues) {
        self.init(enabled: values.flag("enabled"), amount: values.number("amount"), complianceFormal: values.number("compliance_formal"),
                  complianceInformal: values.number("compliance_informal"), complianceMode: values.choice("compliance_mode", ComplianceMode.expected))
    }

    public func apply(_ context: RuleContext, block: HouseholdBlock, columns: inout SchemeColumns, result: inout PolicyResult) {
        let population = context.population, phases = context.policy.phases, registration = context.registration
        for p in block.persons {
            let earnings = population.monthlyEarnings[p]
            guard population.labourStatus[p] == .employee else { continue }
            var compliance = population.formal[p] ? complianceFormal : complianceInformal
            let phase = Int(registration.minimumWagePhase[p])
            if phase >= 0 {
                result.minimumWageRegistered[p] = true
                if let raised = phases[phase].compliance { compliance = max(compliance, raised) }
                result.adminCostPerYear[p] = phases[phase].adminCostPerRegistered
            }
            let shortfall = max(0, amount - earnings)
            switch complianceMode {
            case .expected:
                result.earningsAfterFloor[p] = earnings + compliance * shortfall
            case .stochastic:
                result.earningsAfterFloor[p] = shortfall > 0 && takesUp(population.complianceDraw[p], compliance) ? amount : earnings
            }
        }
    }
}
