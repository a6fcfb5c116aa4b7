// "What it takes": the value of one numeric parameter that makes an indicator hit a
// target in a year (`spsim solve`), and a sweep of an indicator over a parameter's values.
// The search is a pure function of an evaluation closure, so it is tested without a
// population; `ScenarioEvaluation` supplies the closure for a scenario and a population.
import Foundation
import GSLStatistics
import Indicators
import PolicyRules
import PopulationData
import SpsimSupport

/// One evaluation of the search: a parameter value and the indicator's value there.
public struct SolveIteration: Sendable, Equatable {
    public var value: Double
    public var indicatorValue: Double
    public init(value: Double, indicatorValue: Double) { self.value = value; self.indicatorValue = indicatorValue }
}

/// The answer of a search.
public struct SolveResult: Sendable, Equatable {
    /// The parameter value found.
    public var value: Double
    /// The indicator at that value.
    public var indicatorValue: Double
    /// The bracket the root was found in.
    public var bracket: ClosedRange<Double>
    /// Every evaluation in the order made (bracketing, then Brent's iterations).
    public var iterations: [SolveIteration]
}

/// Limits of the search (docs/results-format.md, "solve.json", and README).
public struct SolveLimits: Sendable, Equatable {
    /// Without a bracket the search starts from [x0 ÷ factor, x0 × factor] around the
    /// parameter's current value x0, and each expansion divides the low end and multiplies
    /// the high end by the factor again (clamped to the parameter's valid range).
    public var expansionFactor: Double = 2
    /// Most expansions after the first bracket (8: from x0/512 to 512·x0 at most).
    public var maximumExpansions: Int = 8
    /// Brent stops when the bracket is narrower than `relativeTolerance × |x|` plus
    /// `absoluteTolerance × (bracket width)`.
    public var relativeTolerance: Double = 1e-6
    public var absoluteTolerance: Double = 1e-9
    /// Brent also stops at a value where the indicator is within this fraction of the
    /// target (|indicator − target| ≤ 1e-10 × |target|): more digits of the parameter change nothing.
    public var indicatorTolerance: Double = 1e-10
    /// Most Brent iterations.
    public var maximumIterations: Int = 100

    public init() {}
}

/// The parameter being solved for: its name, unit, valid range, and its value in the
/// scenario for the year (nil when the scenario leaves it unset, e.g. an unlimited capacity).
public struct SolveParameter: Sendable, Equatable {
    public var name: String
    public var unit: String
    public var validRange: ClosedRange<Double>
    public var currentValue: Double?
    public init(name: String, unit: String, validRange: ClosedRange<Double>, currentValue: Double?) {
        self.name = name; self.unit = unit; self.validRange = validRange; self.currentValue = currentValue
    }
}

/// The search: bracketing (given, or expanded from the current value), then GSL's Brent.
public enum ParameterSolver {
    /// The value of `parameter` in its valid range where `evaluate` equals `target`.
    ///
    /// - Parameters:
    ///   - bracket: `LOW:HIGH` given by the user (checked: low < high, inside the valid
    ///     range); nil to expand from the parameter's current value (`limits`).
    ///   - indicator: the indicator's name, for messages.
    ///   - evaluate: the indicator at a parameter value (each value is evaluated once; the
    ///     results are remembered).
    ///   - onIteration: called after each new evaluation (to print progress).
    /// - Throws: `InputError` for a bad bracket, a parameter without a current value and
    ///   no bracket, a target not reached inside the bracket or the limits (naming the
    ///   indicator's values at both ends), a non-finite indicator value, or no convergence;
    ///   errors thrown by `evaluate` propagate.
    public static func solve(parameter: SolveParameter, indicator: String, target: Double,
                             bracket: ClosedRange<Double>? = nil, limits: SolveLimits = SolveLimits(),
                             onIteration: (SolveIteration) -> Void = { _ in },
                             _ evaluate: (Double) throws -> Double) throws -> SolveResult {
        guard target.isFinite else {
            throw InputError(file: "--target", column: indicator, problem: "the target is not a finite number", value: "\(target)", fix: "give a number, e.g. --target 0.25")
        }
        return try withoutActuallyEscaping(evaluate) { evaluate in
            try withoutActuallyEscaping(onIteration) { onIteration in
                var memo = Evaluations(indicator: indicator, evaluate: evaluate, onIteration: onIteration)
                return try search(parameter: parameter, indicator: indicator, target: target, bracket: bracket, limits: limits, memo: &memo)
            }
        }
    }

    static func search(parameter: SolveParameter, indicator: String, target: Double, bracket: ClosedRange<Double>?,
                       limits: SolveLimits, memo: inout Evaluations) throws -> SolveResult {
        let found: ClosedRange<Double>
        if let bracket {
            try check(bracket: bracket, parameter: parameter)
            let low = try memo.value(at: bracket.lowerBound), high = try memo.value(at: bracket.upperBound)
            guard (low - target).sign != (high - target).sign || low == target || high == target else {
                throw unreachable(parameter: parameter, indicator: indicator, target: target, ends: (bracket.lowerBound, low), (bracket.upperBound, high),
                                  fix: "give a --bracket over which \(indicator) crosses \(number(target)), or another --target")
            }
            found = bracket
        } else {
            found = try expand(parameter: parameter, indicator: indicator, target: target, limits: limits, memo: &memo)
        }
        if found.lowerBound == found.upperBound {
            let exact = try memo.value(at: found.lowerBound)
            return SolveResult(value: found.lowerBound, indicatorValue: exact, bracket: found, iterations: memo.order)
        }
        let root: Double
        do {
            let width = found.upperBound - found.lowerBound
            var evaluations = memo
            defer { memo = evaluations }
            let closeEnough = limits.indicatorTolerance * abs(target)
            root = try RootFinder.brent(bracket: found, absoluteTolerance: limits.absoluteTolerance * max(width, .leastNormalMagnitude),
                                        relativeTolerance: limits.relativeTolerance, maxIterations: limits.maximumIterations) { x in
                let difference = try evaluations.value(at: x) - target
                if abs(difference) <= closeEnough { throw CloseEnough(value: x) }
                return difference
            }
        } catch let hit as CloseEnough {
            root = hit.value
        } catch let error as GSLError {
            throw InputError(file: "--parameter", column: parameter.name, problem: "the search did not converge (\(error))",
                             value: "\(number(found.lowerBound)):\(number(found.upperBound))",
                             fix: "give a narrower --bracket, or check that \(indicator) changes continuously with \(parameter.name)")
        }
        let atRoot = try memo.value(at: root)
        return SolveResult(value: root, indicatorValue: atRoot, bracket: found, iterations: memo.order)
    }

    /// Values from `range.lowerBound` to `range.upperBound` in `count` equal steps (count ≥ 2).
    public static func sweepValues(_ range: ClosedRange<Double>, count: Int) -> [Double] {
        guard count >= 2 else { return [range.lowerBound] }
        let step = (range.upperBound - range.lowerBound) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? range.upperBound : range.lowerBound + Double($0) * step }
    }

    /// Checks a user's bracket (or sweep range) against the parameter's valid range.
    public static func check(bracket: ClosedRange<Double>, parameter: SolveParameter, option: String = "--bracket") throws {
        let text = "\(number(bracket.lowerBound)):\(number(bracket.upperBound))"
        guard bracket.lowerBound.isFinite, bracket.upperBound.isFinite, bracket.lowerBound < bracket.upperBound else {
            throw InputError(file: option, column: parameter.name, problem: "the low end must be below the high end", value: text,
                             fix: "write LOW:HIGH with LOW < HIGH, e.g. 3000:20000")
        }
        guard parameter.validRange.contains(bracket.lowerBound), parameter.validRange.contains(bracket.upperBound) else {
            throw InputError(file: option, column: parameter.name,
                             problem: "outside the valid range of \(parameter.name) (\(number(parameter.validRange.lowerBound)) to \(number(parameter.validRange.upperBound)) \(parameter.unit))",
                             value: text, fix: "give ends from \(number(parameter.validRange.lowerBound)) to \(number(parameter.validRange.upperBound))")
        }
    }

    /// Expands from the current value until the indicator crosses the target between two
    /// evaluated values; the narrowest such pair is returned.
    static func expand(parameter: SolveParameter, indicator: String, target: Double, limits: SolveLimits,
                       memo: inout Evaluations) throws -> ClosedRange<Double> {
        guard let x0 = parameter.currentValue, x0 != 0, x0.isFinite else {
            throw InputError(file: "--parameter", column: parameter.name,
                             problem: "the scenario's value is \(parameter.currentValue.map(number) ?? "not set"), so there is nothing to scale the search from",
                             value: parameter.currentValue.map(number) ?? "", fix: "give --bracket LOW:HIGH")
        }
        let range = parameter.validRange
        func clamp(_ x: Double) -> Double { min(max(x, range.lowerBound), range.upperBound) }
        var low = clamp(min(x0 / limits.expansionFactor, x0 * limits.expansionFactor))
        var high = clamp(max(x0 / limits.expansionFactor, x0 * limits.expansionFactor))
        _ = try memo.value(at: clamp(x0))
        if let pair = memo.crossing(target) { return pair }
        for expansion in 0...limits.maximumExpansions {
            // Checked after each evaluation: a crossing found needs no further runs.
            _ = try memo.value(at: low)
            if let pair = memo.crossing(target) { return pair }
            _ = try memo.value(at: high)
            if let pair = memo.crossing(target) { return pair }
            let atLimits = low == range.lowerBound && high == range.upperBound
            if expansion == limits.maximumExpansions || atLimits { break }
            // Expanding a negative value: dividing moves towards 0, multiplying away from it.
            low = clamp(low < 0 ? low * limits.expansionFactor : low / limits.expansionFactor)
            high = clamp(high < 0 ? high / limits.expansionFactor : high * limits.expansionFactor)
        }
        let lowValue = try memo.value(at: low), highValue = try memo.value(at: high)
        throw unreachable(parameter: parameter, indicator: indicator, target: target, ends: (low, lowValue), (high, highValue),
                          fix: "give a wider --bracket LOW:HIGH (within \(number(range.lowerBound)) to \(number(range.upperBound))), or another --target")
    }

    static func unreachable(parameter: SolveParameter, indicator: String, target: Double, ends low: (Double, Double), _ high: (Double, Double),
                            fix: String) -> InputError {
        InputError(file: "--target", column: indicator,
                   problem: "\(indicator) does not reach the target between \(parameter.name) = \(number(low.0)) and \(number(high.0)): it is \(number(low.1)) at \(number(low.0)) and \(number(high.1)) at \(number(high.0))",
                   value: number(target), fix: fix)
    }

    /// The shortest text that reads back to the same number ("5000", "0.25", "1e-06").
    public static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) <= 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}

/// Stops Brent at a value whose indicator is within `SolveLimits.indicatorTolerance` of the target.
struct CloseEnough: Error { var value: Double }

/// The evaluations made so far, each value once, in order.
struct Evaluations {
    let indicator: String
    let evaluate: (Double) throws -> Double
    let onIteration: (SolveIteration) -> Void
    var order: [SolveIteration] = []
    var known: [Double: Double] = [:]

    init(indicator: String, evaluate: @escaping (Double) throws -> Double, onIteration: @escaping (SolveIteration) -> Void) {
        self.indicator = indicator; self.evaluate = evaluate; self.onIteration = onIteration
    }

    mutating func value(at x: Double) throws -> Double {
        if let y = known[x] { return y }
        let y = try evaluate(x)
        guard y.isFinite else {
            throw InputError(file: "--indicator", column: indicator, problem: "\(indicator) is undefined at \(ParameterSolver.number(x))",
                             value: "\(y)", fix: "choose an indicator defined for this scenario and year, or another bracket")
        }
        known[x] = y
        let iteration = SolveIteration(value: x, indicatorValue: y)
        order.append(iteration)
        onIteration(iteration)
        return y
    }

    /// The narrowest pair of neighbouring evaluated values between which the indicator
    /// crosses (or touches) `target`.
    func crossing(_ target: Double) -> ClosedRange<Double>? {
        let points = known.sorted { $0.key < $1.key }
        if let exact = points.first(where: { $0.value == target }) { return exact.key...exact.key }
        var best: ClosedRange<Double>?
        for (a, b) in zip(points, points.dropFirst()) where (a.value - target).sign != (b.value - target).sign {
            let pair = a.key...b.key
            if best == nil || pair.upperBound - pair.lowerBound < (best?.upperBound ?? 0) - (best?.lowerBound ?? 0) { best = pair }
        }
        return best
    }
}
