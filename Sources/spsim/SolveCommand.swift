import ArgumentParser
import Foundation
import Indicators
import PolicyRules
import PopulationData
import Projection
import ResultsFormat
import SpsimSupport

extension SPSim {
    /// `spsim solve SCENARIO`: the value of one parameter that makes an indicator hit a
    /// target in a year (or a sweep of the indicator over the parameter's values).
    struct Solve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solve",
            abstract: "Find the parameter value that makes an indicator hit a target in a year (\"what it takes\").",
            discussion: """
            Each evaluation loads the scenario with --set PARAMETER=VALUE and runs the year on the \
            same population (built once), as spsim run does. The search is GSL's Brent method on \
            --bracket LOW:HIGH; without a bracket it expands from the scenario's own value x0: \
            [x0/2, 2·x0], then halving the low end and doubling the high end, up to 8 expansions, \
            never leaving the parameter's valid range, until the indicator crosses the target. \
            Writes solve.json (or, with --sweep, sweep.csv) to --out.

            Examples:
              spsim solve scenarios/baseline.yaml --parameter household_transfer.amount \\
                  --indicator poverty_gap_policy --relative-to-baseline -0.10 --year 2026
              spsim solve scenarios/baseline.yaml --parameter household_transfer.amount \\
                  --indicator poverty_gap_policy --target 0.25 --year 2026 --bracket 3000:30000
              spsim solve scenarios/baseline.yaml --parameter household_transfer.amount \\
                  --indicator transfer_cost --sweep 3000:20000:8
            """
        )

        @Argument(help: "Scenario or parameter file (YAML).")
        var scenario: String

        @OptionGroup var source: PopulationSource

        @OptionGroup var timing: ProjectionOptions

        @Option(name: .long, help: ArgumentHelp("The parameter to solve for: any name --set accepts (e.g. household_transfer.amount, phases.NAME.take_up.ceiling).", valueName: "name"))
        var parameter: String

        @Option(name: .long, help: ArgumentHelp("A total indicator key (docs/results-format.md), e.g. poverty_gap_policy.", valueName: "key"))
        var indicator: String

        @Option(name: .long, parsing: .unconditional, help: "The indicator's target value.")
        var target: Double?

        @Option(name: .customLong("relative-to-baseline"), parsing: .unconditional, help: ArgumentHelp("Target as a change from the indicator at the scenario's own value: -0.10 = 10% below it.", valueName: "fraction"))
        var relativeToBaseline: Double?

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Search the parameter between LOW and HIGH (the indicator must cross the target there).", valueName: "LOW:HIGH"))
        var bracket: String?

        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Instead of solving, evaluate the indicator at N values from LOW to HIGH (sweep.csv).", valueName: "LOW:HIGH:N"))
        var sweep: String?

        @Option(name: .long, help: "Simulation year Y: values in effect on 1 July Y.")
        var year: Int = 2025

        @Option(name: .customLong("set"), help: ArgumentHelp("Override another parameter first: name=value (repeatable).", valueName: "name=value"))
        var overrides: [String] = []

        @Option(name: .long, help: "Folder for solve.json (or sweep.csv).")
        var out: String = "results/solve"

        func validate() throws {
            guard (1900...2200).contains(year) else {
                throw ValidationError("--year \(year) is not a simulation year; give a year such as 2025")
            }
            if sweep == nil {
                guard (target == nil) != (relativeToBaseline == nil) else {
                    throw ValidationError("give exactly one of --target VALUE and --relative-to-baseline FRACTION (or --sweep LOW:HIGH:N)")
                }
            } else if target != nil || relativeToBaseline != nil || bracket != nil {
                throw ValidationError("--sweep evaluates a range and takes no --target, --relative-to-baseline or --bracket")
            }
        }

        func run() async throws {
            do {
                try solve()
            } catch let errors as InputErrors {
                FileHandle.standardError.write(Data("Error: \(scenario) was not solved: \(errors)\n".utf8))
                throw ExitCode.failure
            } catch let error as InputError {
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                throw ExitCode.failure
            }
        }

        /// `LOW:HIGH` or `LOW:HIGH:N` as numbers.
        static func parseRange(_ text: String, option: String, withCount: Bool) throws -> (range: ClosedRange<Double>, count: Int?) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let example = withCount ? "3000:20000:8" : "3000:20000"
            guard parts.count == (withCount ? 3 : 2), let low = Double(parts[0]), let high = Double(parts[1]), low.isFinite, high.isFinite else {
                throw InputError(file: option, problem: "expected \(withCount ? "LOW:HIGH:N" : "LOW:HIGH") with numbers", value: text, fix: "write e.g. \(option) \(example)")
            }
            guard low < high else {
                throw InputError(file: option, problem: "the low end must be below the high end", value: text, fix: "write LOW:HIGH with LOW < HIGH, e.g. \(example)")
            }
            guard withCount else { return (low...high, nil) }
            guard let count = Int(parts[2]), (2...1000).contains(count) else {
                throw InputError(file: option, problem: "the number of values must be a whole number from 2 to 1000", value: parts[2], fix: "write e.g. \(option) \(example)")
            }
            return (low...high, count)
        }

        func solve() throws {
            let bracketRange = try bracket.map { try Self.parseRange($0, option: "--bracket", withCount: false).range }
            let sweepRange = try sweep.map { try Self.parseRange($0, option: "--sweep", withCount: true) }
            if let target, !target.isFinite { throw InputError(file: "--target", problem: "not a finite number", value: "\(target)", fix: "give a number") }
            if let relativeToBaseline, !(relativeToBaseline.isFinite && relativeToBaseline > -1e6 && relativeToBaseline < 1e6) {
                throw InputError(file: "--relative-to-baseline", problem: "not a finite fraction", value: "\(relativeToBaseline)", fix: "give a fraction such as -0.10")
            }
            // The output folder is checked and locked first: a bad --out is refused before any work.
            let writer = try ResultsFolderWriter.begin(out)
            defer { writer.finish() }
            let url = URL(fileURLWithPath: scenario)
            // Names and ranges are checked before the population is built (scenario loaded once here).
            let described = try SolveParameters.describe(parameter, in: ScenarioLoader.load(url, overrides: overrides), year: year)
            if let bracketRange { try ParameterSolver.check(bracket: bracketRange, parameter: described) }
            if let sweepRange { try ParameterSolver.check(bracket: sweepRange.range, parameter: described, option: "--sweep") }

            let plan = try timing.singleYear(year, besides: scenario, imported: source.populationFile != nil)
            let population = try source.load()
            let evaluation = try ScenarioEvaluation(scenario: url, overrides: overrides, parameter: parameter, indicator: indicator,
                                                    evaluation: plan.make(population))
            let folder = URL(fileURLWithPath: out)
            let f = ParameterSolver.number
            if let sweepRange {
                let values = ParameterSolver.sweepValues(sweepRange.range, count: sweepRange.count ?? 2)
                var table = TextTable(headers: [parameter, indicator])
                var csv = CSVText.row(["value", "indicator_value"])
                for x in values {
                    let y = try evaluation.evaluate(x)
                    table.add([f(x), f(y)])
                    csv += CSVText.row([f(x), f(y)])
                    print("\(parameter) = \(f(x)): \(indicator) = \(f(y))")
                }
                try writer.replace { temporary in
                    try AtomicFile.write(csv, to: temporary.appendingPathComponent("sweep.csv"))
                }
                print(table.render())
                print("Wrote \(folder.appendingPathComponent("sweep.csv").path) (\(values.count) values).")
                return
            }

            var reference: Double?
            let goal: Double
            if let relativeToBaseline {
                let base = try evaluation.reference()
                reference = base
                goal = base * (1 + relativeToBaseline)
                print("\(indicator) at the scenario's own \(parameter) (\(described.currentValue.map(f) ?? "not set")) in \(year): \(f(base)); target \(f(goal)) (\(relativeToBaseline >= 0 ? "+" : "")\(relativeToBaseline * 100)%)")
            } else {
                goal = target ?? 0
                _ = try evaluation.reference() // an unknown indicator is named before the search
            }
            var count = 0
            let result = try ParameterSolver.solve(parameter: evaluation.parameter, indicator: indicator, target: goal, bracket: bracketRange,
                                                   onIteration: { step in
                                                       count += 1
                                                       print("iteration \(count): \(parameter) = \(f(step.value)), \(indicator) = \(f(step.indicatorValue))")
                                                   }, evaluation.evaluate)
            let output = SolveOutput(parameter: parameter, value: result.value, indicator: indicator, indicatorValue: result.indicatorValue,
                                     target: goal, relativeToBaseline: relativeToBaseline, baselineIndicatorValue: reference,
                                     baselineParameterValue: described.currentValue, year: year, bracket: [result.bracket.lowerBound, result.bracket.upperBound],
                                     iterations: result.iterations.map { .init(value: $0.value, indicatorValue: $0.indicatorValue) },
                                     scenario: scenario, overrides: overrides, population: source.summary, seed: source.seed,
                                     spsimVersion: SpsimVersion.current)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(output)
            try writer.replace { temporary in
                try AtomicFile.write(data, to: temporary.appendingPathComponent("solve.json"))
            }
            print("\(parameter) = \(f(result.value)) gives \(indicator) = \(f(result.indicatorValue)) (target \(f(goal))) in \(year), after \(result.iterations.count) evaluations.")
            let gap = abs(result.indicatorValue - goal)
            if gap > 1e-6 * max(abs(goal), abs(result.indicatorValue)) && gap > 1e-12 {
                print("Note: \(indicator) changes in steps near this value (a headcount, or take-up draws on a small population): no value gives the target exactly; this is where it crosses it.")
            }
            print("Check: spsim run \(scenario) --year \(year) --set \(parameter)=\(f(result.value))\(overrides.map { " --set \($0)" }.joined())")
            print("Wrote \(folder.appendingPathComponent("solve.json").path).")
        }
    }
}

/// `solve.json` (docs/results-format.md).
struct SolveOutput: Encodable {
    struct Iteration: Encodable {
        var value: Double
        var indicatorValue: Double
        enum CodingKeys: String, CodingKey { case value, indicatorValue = "indicator_value" }
    }
    var parameter: String
    var value: Double
    var indicator: String
    var indicatorValue: Double
    var target: Double
    var relativeToBaseline: Double?
    var baselineIndicatorValue: Double?
    var baselineParameterValue: Double?
    var year: Int
    var bracket: [Double]
    var iterations: [Iteration]
    var scenario: String
    var overrides: [String]
    var population: String
    var seed: UInt64
    var spsimVersion: String

    enum CodingKeys: String, CodingKey {
        case parameter, value, indicator, target, year, bracket, iterations, scenario, overrides, population, seed
        case indicatorValue = "indicator_value"
        case relativeToBaseline = "relative_to_baseline"
        case baselineIndicatorValue = "baseline_indicator_value"
        case baselineParameterValue = "baseline_parameter_value"
        case spsimVersion = "spsim_version"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parameter, forKey: .parameter)
        try c.encode(value, forKey: .value)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(indicatorValue, forKey: .indicatorValue)
        try c.encode(target, forKey: .target)
        // Always present: null when the target was given directly / the scenario leaves the parameter unset.
        try c.encode(relativeToBaseline, forKey: .relativeToBaseline)
        try c.encode(baselineIndicatorValue, forKey: .baselineIndicatorValue)
        try c.encode(baselineParameterValue, forKey: .baselineParameterValue)
        try c.encode(year, forKey: .year)
        try c.encode(bracket, forKey: .bracket)
        try c.encode(iterations, forKey: .iterations)
        try c.encode(scenario, forKey: .scenario)
        try c.encode(overrides, forKey: .overrides)
        try c.encode(population, forKey: .population)
        try c.encode(seed, forKey: .seed)
        try c.encode(spsimVersion, forKey: .spsimVersion)
    }
}
