import Foundation
import PolicyRules
import PopulationData
import Projection
import SpsimSupport
import Testing

/// `spsim solve`'s search: analytic roots, bracketing limits, and the errors users see.
@Suite struct SolverTests {
    static func amount(_ current: Double? = 1000) -> SolveParameter {
        SolveParameter(name: "household_transfer.amount", unit: "PKR/month", validRange: 0...1e15, currentValue: current)
    }

    @Test func findsTheRootOfALinearFunctionInAGivenBracket() throws {
        let result = try ParameterSolver.solve(parameter: Self.amount(), indicator: "f", target: 5, bracket: 0...10) { 3 * $0 - 7 }
        #expect(abs(result.value - 4) <= 1e-5)
        #expect(abs(result.indicatorValue - 5) <= 1e-4)
        #expect(result.iterations.first?.value == 0 && result.iterations.dropFirst().first?.value == 10)
        // Without the indicator tolerance the search runs until the bracket is narrow.
        var strict = SolveLimits()
        strict.indicatorTolerance = 0
        let narrow = try ParameterSolver.solve(parameter: Self.amount(), indicator: "f", target: 5, bracket: 0...10, limits: strict) { 3 * $0 - 7 }
        #expect(abs(narrow.value - 4) <= 4e-6)
        // It stops at the first value within 1e-10 × |target| of the target.
        let loose = try ParameterSolver.solve(parameter: Self.amount(), indicator: "f", target: 5, bracket: 0...10) { 3 * $0 - 7 }
        #expect(abs(loose.indicatorValue - 5) <= 5e-10)
        #expect(loose.iterations.count <= narrow.iterations.count)
    }

    @Test func expandsFromTheCurrentValueUntilTheTargetIsCrossed() throws {
        // x² = 2 from x0 = 1: the first bracket [0.5, 2] already holds √2.
        let square = try ParameterSolver.solve(parameter: Self.amount(1), indicator: "f", target: 2) { $0 * $0 }
        #expect(abs(square.value - 2.0.squareRoot()) <= 1e-5)
        // f(x) = x from 100 to 3000: 200, 400, … 3200 need four expansions; the bracket is
        // the narrowest evaluated pair around the root.
        var seen: [Double] = []
        let linear = try ParameterSolver.solve(parameter: Self.amount(100), indicator: "f", target: 3000, onIteration: { seen.append($0.value) }) { $0 }
        #expect(abs(linear.value - 3000) <= 3000 * 1e-6)
        #expect(linear.bracket == 1600...3200)
        #expect(seen.prefix(3) == [100, 50, 200])
        // Bracketing stops at the first crossing: for 60, 100 then 50 bracket it and 200 is never run.
        var near: [Double] = []
        let sixty = try ParameterSolver.solve(parameter: Self.amount(100), indicator: "f", target: 60, onIteration: { near.append($0.value) }) { $0 }
        #expect(abs(sixty.value - 60) <= 60 * 1e-6)
        #expect(sixty.bracket == 50...100)
        #expect(near.prefix(2) == [100, 50] && !near.contains(200))
        #expect(seen == linear.iterations.map(\.value))
        #expect(Set(seen).count == seen.count) // each value evaluated once
    }

    @Test func aTargetOutsideTheLimitsNamesTheIndicatorAtBothEnds() throws {
        // 100 × 2⁹ = 51,200 is the farthest the expansion goes: 1e6 is out of reach.
        let error = #expect(throws: InputError.self) {
            try ParameterSolver.solve(parameter: Self.amount(100), indicator: "transfer_cost", target: 1e6) { $0 }
        }
        #expect(error?.file == "--target")
        #expect(error?.value == "1000000")
        #expect(error?.description.contains("it is 0.1953125 at 0.1953125 and 51200 at 51200") == true)
        #expect(error?.description.contains("\n") == false)

        // A share never leaves [0, 1].
        let share = SolveParameter(name: "household_transfer.take_up", unit: "/1", validRange: 0...1, currentValue: 0.5)
        var seen: [Double] = []
        #expect(throws: InputError.self) {
            try ParameterSolver.solve(parameter: share, indicator: "f", target: 2, onIteration: { seen.append($0.value) }) { $0 }
        }
        #expect(seen.allSatisfy { (0...1).contains($0) })
        #expect(seen.contains(1))

        // A given bracket without a crossing.
        let bracketError = #expect(throws: InputError.self) {
            try ParameterSolver.solve(parameter: Self.amount(), indicator: "f", target: 50, bracket: 0...10) { $0 }
        }
        #expect(bracketError?.description.contains("it is 0 at 0 and 10 at 10") == true)
    }

    @Test func badBracketsAreRefused() throws {
        let reversed = #expect(throws: InputError.self) {
            try ParameterSolver.check(bracket: 5...5, parameter: Self.amount())
        }
        #expect(reversed?.problem == "the low end must be below the high end")
        let share = SolveParameter(name: "household_transfer.take_up", unit: "/1", validRange: 0...1, currentValue: 0.5)
        let outside = #expect(throws: InputError.self) {
            try ParameterSolver.solve(parameter: share, indicator: "f", target: 0.5, bracket: 0.2...1.5) { $0 }
        }
        #expect(outside?.problem.contains("outside the valid range") == true)
        // Nothing to scale from: the value is 0 and no bracket is given.
        let zero = #expect(throws: InputError.self) {
            try ParameterSolver.solve(parameter: Self.amount(0), indicator: "f", target: 1) { $0 }
        }
        #expect(zero?.fix == "give --bracket LOW:HIGH")
    }

    // MARK: a scenario on a hand-made population

    static let baseline = ScenarioFolder.repository.appendingPathComponent("scenarios/baseline.yaml")

    @Test func kafaalatAmountForAGivenTransferCost() throws {
        let population = TestPopulations.make(households: 300)
        let evaluation = try ScenarioEvaluation(scenario: Self.baseline, parameter: "household_transfer.amount", indicator: "transfer_cost",
                                                year: 2026, population: population)
        // transfer_cost is linear in the amount (same recipients, same take-up draws), so the
        // amount that gives 1.7 × the cost at 5,000 is 8,500.
        let at5000 = try evaluation.evaluate(5000)
        #expect(at5000 > 0)
        #expect(abs(try evaluation.evaluate(10_000) - 2 * at5000) <= 1e-9 * at5000)
        let result = try ParameterSolver.solve(parameter: evaluation.parameter, indicator: "transfer_cost", target: 1.7 * at5000,
                                               bracket: 1000...20_000, evaluation.evaluate)
        #expect(abs(result.value - 8500) <= 8500 * 1e-5)
        #expect(abs(result.indicatorValue - 1.7 * at5000) <= 1.7 * at5000 * 1e-5)
        // The same from the scenario's own amount, without a bracket.
        let expanded = try ParameterSolver.solve(parameter: evaluation.parameter, indicator: "transfer_cost", target: 1.7 * at5000, evaluation.evaluate)
        #expect(abs(expanded.value - 8500) <= 8500 * 1e-5)
    }

    @Test func theReferenceIsTheScenarioAtItsOwnValue() throws {
        let population = TestPopulations.make(households: 200)
        let evaluation = try ScenarioEvaluation(scenario: Self.baseline, parameter: "household_transfer.amount", indicator: "poverty_gap_policy",
                                                year: 2026, population: population)
        let current = try #require(evaluation.parameter.currentValue)
        let scenario = try ScenarioLoader.load(Self.baseline)
        guard case .number(let stated) = try scenario.value(of: "household_transfer.amount", year: 2026) else {
            Issue.record("household_transfer.amount is not a number"); return
        }
        #expect(current == stated)
        #expect(abs(try evaluation.reference() - evaluation.evaluate(current)) <= 1e-12)
        // A higher amount lowers the poverty gap.
        #expect(try evaluation.evaluate(2 * current) < evaluation.reference())
    }

    @Test func unknownAndNonNumericNamesSuggestTheNearest() throws {
        let population = TestPopulations.make(households: 20)
        let parameter = #expect(throws: InputError.self) {
            try ScenarioEvaluation(scenario: Self.baseline, parameter: "household_transfer.amout", indicator: "transfer_cost", year: 2026, population: population)
        }
        #expect(parameter?.file == "--parameter")
        #expect(parameter?.fix.contains("did you mean 'household_transfer.amount'?") == true)
        let flag = #expect(throws: InputError.self) {
            try ScenarioEvaluation(scenario: Self.baseline, parameter: "household_transfer.enabled", indicator: "transfer_cost", year: 2026, population: population)
        }
        #expect(flag?.problem.contains("is not a number") == true)
        let whole = #expect(throws: InputError.self) {
            try ScenarioEvaluation(scenario: Self.baseline, parameter: "household_transfer.recipient_minimum_age", indicator: "transfer_cost", year: 2026, population: population)
        }
        #expect(whole?.problem.contains("whole numbers") == true)
        let evaluation = try ScenarioEvaluation(scenario: Self.baseline, parameter: "household_transfer.amount", indicator: "poverty_gap_polcy",
                                                year: 2026, population: population)
        let indicator = #expect(throws: InputError.self) { try evaluation.reference() }
        #expect(indicator?.file == "--indicator")
        #expect(indicator?.fix.contains("did you mean 'poverty_gap_policy'?") == true)
    }

    @Test func rangesFollowTheLoadersChecksAcrossParameters() throws {
        let scenario = try ScenarioLoader.load(Self.baseline)
        guard case .number(let total) = try scenario.value(of: "contributory.contribution_rate", year: 2026),
              case .number(let employee) = try scenario.value(of: "contributory.employee_rate", year: 2026) else {
            Issue.record("contribution rates are not numbers"); return
        }
        #expect(try SolveParameters.describe("contributory.employee_rate", in: scenario, year: 2026).validRange == 0...total)
        #expect(try SolveParameters.describe("contributory.contribution_rate", in: scenario, year: 2026).validRange == employee...1)
        #expect(try SolveParameters.describe("poverty.child_weight", in: scenario, year: 2026).validRange.lowerBound > 0)
    }

    @Test func phaseFieldsAreParameters() throws {
        let file = ScenarioFolder.repository.appendingPathComponent("scenarios/contributory-extension.yaml")
        let scenario = try ScenarioLoader.load(file)
        let phase = try #require(scenario.phases.first)
        let ceiling = try SolveParameters.describe("phases.\(phase.name).take_up.ceiling", in: scenario, year: 2030)
        #expect(ceiling.currentValue == phase.takeUp.ceiling)
        // The ceiling cannot go below the initial take-up (nor the initial above the ceiling).
        #expect(ceiling.validRange == phase.takeUp.initial...1)
        let initial = try SolveParameters.describe("phases.\(phase.name).take_up.initial", in: scenario, year: 2030)
        #expect(initial.validRange == 0...phase.takeUp.ceiling)
        #expect(phase.takeUp.initial > 0 && phase.takeUp.ceiling < 1)
        let misspelt = #expect(throws: InputError.self) {
            try SolveParameters.describe("phases.\(phase.name).take_up.celing", in: scenario, year: 2030)
        }
        #expect(misspelt?.fix.contains("did you mean 'take_up.ceiling'?") == true)
        let noPhase = #expect(throws: InputError.self) {
            try SolveParameters.describe("phases.nonexistent.compliance", in: scenario, year: 2030)
        }
        #expect(noPhase?.problem == "no phase of that name")
    }
}
