// Checks over the whole loaded scenario: complete schemes and rules across parameters.
import Foundation
import SpsimSupport

extension Loader {
    /// A scheme the scenario uses (it gives at least one of its parameters) needs every
    /// parameter of the scheme that has no default.
    mutating func checkSchemesComplete(_ scenario: Scenario) {
        for declaration in SchemeRegistry.declarations where scenario.usesScheme(declaration) {
            let given = declaration.parameters.compactMap { scenario.parameters[$0.name] }
            let firstGiven = given.min { ($0.location.line ?? 0) < ($1.location.line ?? 0) }
            for definition in declaration.parameters where definition.defaultValue == nil {
                if let parameter = scenario.parameters[definition.name], !parameter.values.isEmpty { continue }
                if errors.contains(where: { $0.column == definition.name }) { continue }
                let at = firstGiven?.location
                error(at?.file ?? scenario.sources.first?.path ?? "scenario", at?.line, definition.name,
                      "the scenario uses the \(declaration.label.lowercased()) scheme (\(declaration.name).*) but does not give \(definition.name)",
                      fix: "define \(definition.name) (\(definition.unit): \(definition.meaning)), or remove the scheme's other parameters to leave it off")
            }
        }
        for phase in scenario.phases {
            let needed: SchemeDeclaration = phase.scheme == .contributory ? ContributoryInsurance.declaration : MinimumWageFloor.declaration
            if !scenario.usesScheme(needed) {
                error(phase.location.file, phase.location.line, "phases.\(phase.name).scheme",
                      "a \(phase.scheme.rawValue) phase extends the \(needed.name) scheme, which the scenario does not use", phase.scheme.rawValue,
                      fix: "define the \(needed.name).* parameters in the parameter file")
            }
        }
        if let base = scenario.parameters["contributory.contribution_base"], scenario.parameters["minimum_wage.amount"] == nil,
           base.values.contains(where: { $0.value == .text(ContributionBase.minimumWage.rawValue) }) {
            error(base.location.file, base.location.line, "contributory.contribution_base", "contributions are a share of the minimum wage, but the scenario has no minimum wage",
                  "minimum_wage", fix: "define minimum_wage.amount, or write 'earnings' as the contribution base")
        }
    }

    // MARK: Checks across parameters

    /// Checks that involve several parameters, on every dated value.
    mutating func crossCheck(_ scenario: Scenario) {
        if let weight = scenario.parameters["poverty.child_weight"] {
            for dated in weight.values {
                if case .number(let x) = dated.value, x <= 0 {
                    error(dated.location.file, dated.location.line, "poverty.child_weight", "a child's adult-equivalence weight must be above 0", "\(x)",
                          fix: "write a weight above 0 and at most 1 (0.8 in R1)")
                }
            }
        }
        guard let rate = scenario.parameters["contributory.contribution_rate"], let employee = scenario.parameters["contributory.employee_rate"] else { return }
        for dated in employee.values {
            guard case .number(let e) = dated.value, let total = rate.value(on: dated.date), case .number(let t) = total.value else { continue }
            if e > t {
                error(dated.location.file, dated.location.line, "contributory.employee_rate", "the employee's part exceeds the total contribution rate (\(t))", "\(e)",
                      fix: "make contributory.employee_rate ≤ contributory.contribution_rate")
            }
        }
    }
}
