// The evaluation `spsim solve` searches over: load the scenario with one more `--set`
// override (the parameter at a value) and compute the year as `compare` does (SingleYear)
// on a population built once.
import Foundation
import Indicators
import PolicyRules
import PopulationData
import SpsimSupport

/// One scenario, one year, one population and one indicator, as a function of one parameter.
public struct ScenarioEvaluation {
    public let scenarioURL: URL
    /// `--set` overrides applied before the parameter's.
    public let overrides: [String]
    public let year: Int
    public let indicator: String
    public let parameter: SolveParameter
    /// How the year is computed (projected as `compare` does, or the population as given).
    let evaluation: SingleYear

    /// Loads and checks the scenario (with `overrides`) and describes the parameter.
    ///
    /// - Throws: `InputErrors` from loading the scenario; `InputError` for an unknown,
    ///   non-numeric or whole-number parameter (`SolveParameters.describe`).
    public init(scenario: URL, overrides: [String] = [], parameter name: String, indicator: String, evaluation: SingleYear) throws {
        let year = evaluation.year
        let loaded = try ScenarioLoader.load(scenario, overrides: overrides)
        _ = try loaded.policy(year: year)
        self.scenarioURL = scenario
        self.overrides = overrides
        self.year = year
        self.indicator = indicator
        self.parameter = try SolveParameters.describe(name, in: loaded, year: year)
        self.evaluation = evaluation
    }

    /// The year on the population as given (no projection).
    public init(scenario: URL, overrides: [String] = [], parameter name: String, indicator: String, year: Int, population: Population) throws {
        try self.init(scenario: scenario, overrides: overrides, parameter: name, indicator: indicator,
                      evaluation: SingleYear(population: population, year: year, projector: nil))
    }

    /// Every indicator of the scenario (with `overrides` and `extra`) in the year.
    public func indicators(extra: [String] = []) throws -> IndicatorSet {
        let scenario = try ScenarioLoader.load(scenarioURL, overrides: overrides + extra)
        return try evaluation.indicators(scenario)
    }

    /// The indicator of the scenario as given (its own value of the parameter).
    /// - Throws: `InputError` naming the nearest indicator when the name is unknown.
    public func reference() throws -> Double {
        try value(in: indicators())
    }

    /// The indicator with the parameter set to `x` (`--set NAME=x`).
    public func evaluate(_ x: Double) throws -> Double {
        try value(in: indicators(extra: ["\(parameter.name)=\(ParameterSolver.number(x))"]))
    }

    func value(in set: IndicatorSet) throws -> Double {
        if let x = set[indicator] { return x }
        let names = set.totalValues.keys.sorted()
        let near = SpsimSupport.nearest(to: indicator, among: names).map { "did you mean '\($0)'? " } ?? ""
        throw InputError(file: "--indicator", problem: "unknown indicator", value: indicator,
                         fix: "\(near)use a total indicator key of docs/results-format.md, e.g. poverty_gap_policy, transfer_cost, coverage_rate")
    }
}

/// Which parameters `spsim solve` can search over, and their valid ranges.
public enum SolveParameters {
    /// Numeric phase fields that `--set phases.NAME.FIELD` accepts, with unit and range.
    static let phaseFields: [(field: String, unit: String, range: ClosedRange<Double>)] = [
        ("take_up.initial", "/1", 0...1), ("take_up.ceiling", "/1", 0...1), ("compliance", "/1", 0...1), ("subsidy_share", "/1", 0...1),
        ("registration_capacity", "persons per year", 0...1e9), ("admin_cost_per_registered", "PKR/year", 0...1e15),
    ]

    /// The parameter `name` (a catalog name or `phases.NAME.FIELD`) of `scenario` in `year`.
    public static func describe(_ name: String, in scenario: Scenario, year: Int) throws -> SolveParameter {
        if name.hasPrefix("phases.") { return try phase(name, in: scenario, year: year) }
        guard let definition = ParameterCatalog.byName[name] else {
            let near = SpsimSupport.nearest(to: name, among: ParameterCatalog.definitions.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
            throw InputError(file: "--parameter", problem: "unknown parameter", value: name,
                             fix: "\(near)the names are listed in docs/scenario-format.md (or phases.NAME.FIELD)")
        }
        let range: ClosedRange<Double>
        switch definition.kind {
        case .amount: range = 0...1e15
        case .share: range = 0...1
        case .growth: range = (-1.0).nextUp...1
        case .score: range = 0...100
        case .positiveCount: range = 1...10_000
        case .index: range = Double.leastNonzeroMagnitude...1000
        case .years, .age:
            throw InputError(file: "--parameter", column: name, problem: "\(name) takes whole numbers (\(definition.validValues)), so no value makes an indicator hit a target exactly",
                             value: name, fix: "compare a few values with spsim run --set \(name)=VALUE")
        case .flag, .choice:
            throw InputError(file: "--parameter", column: name, problem: "\(name) is not a number (\(definition.validValues))", value: name,
                             fix: "choose a numeric parameter, e.g. household_transfer.amount")
        }
        func number(_ other: String) -> Double? {
            if case .number(let x)? = try? scenario.value(of: other, year: year) { return x }
            return nil
        }
        // Ranges narrowed by the loader's checks across parameters (ScenarioLoader+Checks).
        var valid = range
        switch name {
        case "poverty.child_weight": valid = Double.leastNonzeroMagnitude...1
        case "contributory.employee_rate": if let total = number("contributory.contribution_rate") { valid = 0...total }
        case "contributory.contribution_rate": if let employee = number("contributory.employee_rate") { valid = employee...1 }
        default: break
        }
        return SolveParameter(name: name, unit: definition.unit, validRange: valid, currentValue: number(name))
    }

    static func phase(_ name: String, in scenario: Scenario, year: Int) throws -> SolveParameter {
        let parts = name.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count == 3 else {
            throw InputError(file: "--parameter", problem: "a phase field is written phases.NAME.FIELD", value: name,
                             fix: "write e.g. phases.extension.take_up.ceiling")
        }
        guard let phase = scenario.phases.first(where: { $0.name == parts[1] }) else {
            let names = scenario.phases.map(\.name)
            let near = SpsimSupport.nearest(to: parts[1], among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw InputError(file: "--parameter", column: name, problem: "no phase of that name", value: parts[1],
                             fix: names.isEmpty ? "this scenario has no phases" : "use one of \(names.joined(separator: ", "))\(near)")
        }
        guard let field = phaseFields.first(where: { $0.field == parts[2] }) else {
            let numeric = phaseFields.map(\.field)
            let whole = ["start_year", "take_up.ramp_years"]
            let problem = whole.contains(parts[2]) ? "\(parts[2]) takes whole numbers, so no value makes an indicator hit a target exactly"
                : ["name", "label", "scheme", "source", "take_up"].contains(parts[2]) || parts[2].hasPrefix("target.") ? "\(parts[2]) is not a number"
                : "unknown numeric phase field"
            let near = SpsimSupport.nearest(to: parts[2], among: numeric).map { " (did you mean '\($0)'?)" } ?? ""
            throw InputError(file: "--parameter", column: name, problem: problem, value: parts[2], fix: "use one of \(numeric.joined(separator: ", "))\(near)")
        }
        let resolved = phase.resolved(year: year)
        let current: Double?
        switch field.field {
        case "take_up.initial": current = phase.takeUp.initial
        case "take_up.ceiling": current = phase.takeUp.ceiling
        case "compliance": current = phase.compliance
        case "subsidy_share": current = resolved.subsidyShare
        case "registration_capacity": current = phase.registrationCapacity
        default: current = phase.adminCostPerRegistered ?? 0
        }
        // Take-up rises from initial to ceiling: each bounds the other (the loader refuses ceiling < initial).
        var range = field.range
        if field.field == "take_up.ceiling" { range = phase.takeUp.initial...1 }
        if field.field == "take_up.initial" { range = 0...phase.takeUp.ceiling }
        return SolveParameter(name: name, unit: field.unit, validRange: range, currentValue: current)
    }
}
