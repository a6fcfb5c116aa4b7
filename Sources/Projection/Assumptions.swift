import Foundation
import GSLStatistics
import PolicyRules
import SpsimSupport
import Yams

/// One uncertain assumption (`compare --assumptions FILE`): a numeric parameter whose
/// value from a date on is not known, given as a bounded distribution with its unit and
/// source. Each replicate draws a value; replicate 0 takes the central value.
public struct UncertainAssumption: Sendable {
    public var parameter: String
    public var unit: String
    /// The value applies from this date on; earlier dated values stay as published.
    public var from: EffectiveDate
    public var distribution: BoundedDistribution
    public var source: String
    /// When the assumption was made (as written in the file).
    public var date: String
    public var location: SourceLocation

    /// One line for manifests and reports: "economy.cpi_inflation (/year) from 2026-07-01:
    /// triangular (low 0.05, mode 0.065, high 0.1); source …".
    public var summary: String {
        "\(parameter) (\(unit)) from \(from): \(distribution.describe { ParameterValue.number($0).description }); source: \(source) (\(date))"
    }
}

/// The assumptions of one file, in file order.
public struct UncertainAssumptions: Sendable {
    public var file: String
    public var title: String
    public var assumptions: [UncertainAssumption]

    /// The value of each assumption in `replicate` of a run whose replicate seeds are
    /// `Replicates.seeds`: the central value for replicate 0 (so one replicate is the
    /// plain run at central values), otherwise the quantile at a uniform number that is a
    /// pure function of (the replicate's seed, the assumption's position).
    public func values(replicate: Int, seed: UInt64) throws -> [Double] {
        try assumptions.enumerated().map { index, assumption in
            guard replicate > 0 else { return assumption.distribution.central }
            return try assumption.distribution.quantile(Self.uniform(seed: seed, index: index))
        }
    }

    /// A uniform number in (0, 1) from (seed, index): SplitMix64's finaliser, 53 bits.
    static func uniform(seed: UInt64, index: Int) -> Double {
        let z = SplitMix64.finalise(seed &+ UInt64(index + 1) &* 0xD1B5_4A32_D192_ED03)
        return (Double(z >> 11) + 0.5) * 0x1p-53
    }

    /// `scenario` with every assumption at `values` (same order as `assumptions`).
    public func apply(_ values: [Double], to scenario: Scenario) throws -> Scenario {
        var result = scenario
        for (assumption, value) in zip(assumptions, values) {
            result = try result.settingNumber(assumption.parameter, to: value, from: assumption.from, location: assumption.location)
        }
        return result
    }

    /// The central values.
    public var centralValues: [Double] { assumptions.map(\.distribution.central) }

    // MARK: - Reading

    static let distributionFields: [String: [String]] = [
        "uniform": ["low", "high"],
        "triangular": ["low", "mode", "high"],
        "normal": ["mean", "sd", "low", "high"],
        "beta": ["alpha", "beta", "low", "high"],
    ]
    static let otherFields = ["parameter", "unit", "from", "distribution", "source", "date", "description"]

    /// Reads and checks the whole file: every problem with its line and key, nothing
    /// returned unless every assumption is valid (known numeric parameter, matching unit,
    /// a date, a known distribution with valid parameters, bounds inside the parameter's
    /// valid range, a source and a date).
    public static func load(_ url: URL) throws(InputErrors) -> UncertainAssumptions {
        let file = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputErrors([InputError(file: file, problem: "cannot read the assumptions file", fix: "check the path (an example: scenarios/assumptions/uncertain-assumptions.yaml)")])
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(InputErrors) -> UncertainAssumptions {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(text), let top = reader.mapping(root, "(top level)") else { throw InputErrors(reader.errors) }
        var title = ""
        var list: [UncertainAssumption] = []
        var seen: [String: Int] = [:]
        var foundList = false
        for (key, keyNode, value) in top {
            switch key {
            case "title": title = reader.text(value, key) ?? ""
            case "description", "reference": _ = reader.text(value, key)
            case "assumptions":
                foundList = true
                guard case .sequence(let items) = value, !items.isEmpty else {
                    reader.fail(value, key, "expected a list of assumptions", fix: "write each assumption as an item starting with '- parameter: NAME'")
                    continue
                }
                for (position, item) in items.enumerated() {
                    let path = "assumptions[\(position + 1)]"
                    guard let fields = reader.mapping(item, path) else { continue }
                    let before = reader.errors.count
                    var nodes: [String: Node] = [:]
                    for (field, fieldNode, fieldValue) in fields {
                        if otherFields.contains(field) || distributionFields.values.contains(where: { $0.contains(field) }) {
                            nodes[field] = fieldValue
                        } else {
                            let all = otherFields + Set(distributionFields.values.joined()).sorted()
                            let hint = nearest(to: field, among: all).map { "did you mean '\($0)'? " } ?? ""
                            reader.fail(fieldNode, "\(path).\(field)", "unknown field", value: field, fix: "\(hint)the fields are \(all.joined(separator: ", "))")
                        }
                    }
                    guard let nameNode = nodes["parameter"], let name = reader.text(nameNode, "\(path).parameter") else {
                        reader.fail(item, path, "the parameter is missing", fix: "add 'parameter: NAME', e.g. parameter: economy.cpi_inflation")
                        continue
                    }
                    let at = "\(path) \(name)"
                    guard let definition = ParameterCatalog.byName[name] else {
                        let hint = nearest(to: name, among: ParameterCatalog.definitions.map(\.name)).map { "did you mean '\($0)'? " } ?? ""
                        reader.fail(nameNode, "\(path).parameter", "unknown parameter", value: name, fix: "\(hint)the list is in docs/scenario-format.md (phase fields cannot be uncertain yet)")
                        continue
                    }
                    guard ParameterCatalog.acceptsDrawnValues(definition.kind) else {
                        reader.fail(nameNode, "\(path).parameter", "\(name) takes \(definition.validValues), not a continuous number, so it cannot be drawn", value: name,
                                    fix: "give an amount, share, growth rate, index or score parameter")
                        continue
                    }
                    if let other = seen[name] {
                        reader.fail(nameNode, "\(path).parameter", "the parameter is already uncertain in assumption \(other)", value: name, fix: "give each parameter once")
                    }
                    seen[name] = position + 1
                    // Unit: must be the parameter's own (values are not converted).
                    if let unitNode = nodes["unit"], let unit = reader.text(unitNode, "\(at).unit") {
                        if unit != definition.unit {
                            reader.fail(unitNode, "\(at).unit", "the unit does not match the parameter's unit '\(definition.unit)'", value: unit,
                                        fix: "give the bounds in \(definition.unit) and write 'unit: \(definition.unit)'\(definition.unit == "/1" || definition.unit == "/year" ? " (fractions: 0.07 for 7%)" : "")")
                        }
                    } else if nodes["unit"] == nil {
                        reader.fail(nameNode, "\(at).unit", "the unit is missing", fix: "add 'unit: \(definition.unit)'")
                    }
                    var from: EffectiveDate?
                    if let fromNode = nodes["from"], let fromText = reader.text(fromNode, "\(at).from") {
                        from = EffectiveDate(text: fromText)
                        if from == nil { reader.fail(fromNode, "\(at).from", "not a date", value: fromText, fix: "write the date the uncertain value applies from as YYYY-MM-DD, e.g. 2026-07-01") }
                    } else if nodes["from"] == nil {
                        reader.fail(nameNode, "\(at).from", "the date from which the value is uncertain is missing", fix: "add 'from: YYYY-MM-DD' (values dated before it stay as in the scenario), e.g. from: 2026-07-01")
                    }
                    var source = "", date = ""
                    if let node = nodes["source"] { source = (reader.text(node, "\(at).source") ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
                    if source.isEmpty { reader.fail(nodes["source"] ?? nameNode, "\(at).source", "the source is missing", fix: "add 'source: …' naming the publication, or saying it is an assumption and why") }
                    if let node = nodes["date"] { date = (reader.text(node, "\(at).date") ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
                    if date.isEmpty { reader.fail(nodes["date"] ?? nameNode, "\(at).date", "the date of the assumption is missing", fix: "add 'date: YYYY-MM' (when the range was set or published)") }

                    guard let kindNode = nodes["distribution"], let kind = reader.text(kindNode, "\(at).distribution") else {
                        reader.fail(nameNode, "\(at).distribution", "the distribution is missing", fix: "add 'distribution:' uniform, triangular, normal or beta")
                        continue
                    }
                    guard let needed = distributionFields[kind] else {
                        reader.fail(kindNode, "\(at).distribution", "unknown distribution", value: kind, fix: "use uniform (low, high), triangular (low, mode, high), normal (mean, sd, low, high) or beta (alpha, beta, low, high)")
                        continue
                    }
                    var numbers: [String: Double] = [:]
                    for field in needed {
                        guard let node = nodes[field] else {
                            reader.fail(kindNode, "\(at).\(field)", "\(kind) needs '\(field)'", fix: "give \(needed.joined(separator: ", ")) in \(definition.unit)")
                            continue
                        }
                        numbers[field] = reader.number(node, "\(at).\(field)", fix: "write a number in \(definition.unit)")
                    }
                    for field in Set(distributionFields.values.joined()) where nodes[field] != nil && !needed.contains(field) {
                        reader.fail(nodes[field], "\(at).\(field)", "\(kind) takes no '\(field)'", value: field, fix: "\(kind) takes \(needed.joined(separator: ", "))")
                    }
                    guard reader.errors.count == before, let from else { continue }
                    let distribution: BoundedDistribution
                    switch kind {
                    case "uniform": distribution = .uniform(low: numbers["low"]!, high: numbers["high"]!)
                    case "triangular": distribution = .triangular(low: numbers["low"]!, mode: numbers["mode"]!, high: numbers["high"]!)
                    case "normal": distribution = .normal(mean: numbers["mean"]!, sd: numbers["sd"]!, low: numbers["low"]!, high: numbers["high"]!)
                    default: distribution = .beta(alpha: numbers["alpha"]!, beta: numbers["beta"]!, low: numbers["low"]!, high: numbers["high"]!)
                    }
                    if let problem = distribution.problem {
                        reader.fail(kindNode, "\(at).distribution", "the \(kind) distribution is not valid: \(problem)", fix: "give \(needed.joined(separator: ", ")) with low below high")
                        continue
                    }
                    var boundsValid = true
                    for (field, bound) in [("low", distribution.low), ("high", distribution.high)] {
                        if let (problem, fix) = ParameterCatalog.rangeProblem(name, bound) {
                            reader.fail(nodes[field], "\(at).\(field)", problem, value: bound.description, fix: fix)
                            boundsValid = false
                        }
                    }
                    guard boundsValid else { continue }
                    list.append(UncertainAssumption(parameter: name, unit: definition.unit, from: from, distribution: distribution, source: source, date: date,
                                                    location: SourceLocation(file: file, line: YAMLReader.line(nameNode))))
                }
            default:
                let keys = ["title", "description", "reference", "assumptions"]
                let hint = nearest(to: key, among: keys).map { "did you mean '\($0)'? " } ?? ""
                reader.fail(keyNode, key, "unknown top-level key", value: key, fix: "\(hint)the keys are \(keys.joined(separator: ", "))")
            }
        }
        if !foundList { reader.fail(root, "assumptions", "the list of assumptions is missing", fix: "add 'assumptions:' with one item per uncertain parameter (see scenarios/assumptions/uncertain-assumptions.yaml)") }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return UncertainAssumptions(file: file, title: title, assumptions: list)
    }
}
