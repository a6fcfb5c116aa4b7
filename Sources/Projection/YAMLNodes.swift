import Foundation
import PolicyRules
import SpsimSupport
import Yams

/// Small helpers for reading YAML files node by node, so every problem can name the
/// file, the line and the key (Yams nodes carry their position).
struct YAMLReader {
    let file: String
    var errors: [InputError] = []

    init(file: String) { self.file = file }

    /// Parses the text into a root node, or records a located error.
    mutating func root(_ text: String) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                errors.append(InputError(file: file, line: 1, problem: "the file is empty", fix: "write the file as described in its header (see scenarios/demography/pakistan-projection.yaml)"))
                return nil
            }
            return node
        } catch let error as YamlError {
            errors += YAMLErrorMessages.located(error, file: file, text: text)
            return nil
        } catch {
            errors.append(InputError(file: file, problem: "cannot read YAML: \(error)", fix: "check the file is valid YAML"))
            return nil
        }
    }

    static func line(_ node: Node) -> Int? { node.mark?.line }

    mutating func fail(_ node: Node?, _ key: String, _ problem: String, value: String? = nil, fix: String) {
        errors.append(InputError(file: file, line: node.flatMap(Self.line), column: key, problem: problem, value: value, fix: fix))
    }

    /// The pairs of a mapping node in file order, or nil with an error.
    mutating func mapping(_ node: Node, _ key: String) -> [(String, Node, Node)]? {
        guard case .mapping(let mapping) = node else {
            fail(node, key, "expected a mapping (key: value lines)", value: node.scalar?.string, fix: "indent the entries under '\(key)' as 'name: value'")
            return nil
        }
        var pairs: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard let name = k.scalar?.string else {
                fail(k, key, "a key is not plain text", fix: "use simple names as keys")
                continue
            }
            pairs.append((name, k, v))
        }
        return pairs
    }

    mutating func number(_ node: Node, _ key: String, fix: String) -> Double? {
        guard let text = node.scalar?.string, let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite else {
            fail(node, key, "expected a number", value: node.scalar?.string ?? "(not a single value)", fix: fix)
            return nil
        }
        return value
    }

    mutating func text(_ node: Node, _ key: String) -> String? {
        guard let text = node.scalar?.string else {
            fail(node, key, "expected text", fix: "write the value on the same line after the colon")
            return nil
        }
        return text
    }
}

/// A file of named numeric parameters, each with a description, unit, source and value
/// (the demography and fund assumption files): read whole, every problem located.
struct NumericParameterFile {
    var file: String
    var title: String
    var baseYear: Int?
    var values: [String: Double]
    var sources: [String: String]

    /// - Parameters: `units`: every parameter (all required) and its unit; `range`: its
    ///   valid values; `what`/`shipped`: how messages name the file and the shipped one.
    static func load(_ url: URL, units: [String: String], range: (String) -> ClosedRange<Double>, what: String, shipped: String,
                     needsBaseYear: Bool) throws(InputErrors) -> NumericParameterFile {
        let file = url.path
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputErrors([InputError(file: file, problem: "cannot read \(what)", fix: "check the path (the shipped one is \(shipped))")])
        }
        var reader = YAMLReader(file: file)
        guard let root = reader.root(text), let top = reader.mapping(root, "(top level)") else { throw InputErrors(reader.errors) }
        var title = "", baseYear: Int?
        var values: [String: Double] = [:], sources: [String: String] = [:]
        for (key, keyNode, value) in top {
            switch key {
            case "title": title = reader.text(value, key) ?? ""
            case "reference", "description": _ = reader.text(value, key)
            case "base_year" where needsBaseYear:
                if let n = reader.number(value, key, fix: "give the year of the figures, e.g. 2020"), n == n.rounded(), (1900...2200).contains(n) { baseYear = Int(n) }
                else { reader.fail(value, key, "not a year", value: value.scalar?.string, fix: "give the year of the figures, e.g. 2020") }
            case "parameters":
                guard let parameters = reader.mapping(value, key) else { continue }
                for (name, nameNode, body) in parameters {
                    let path = "parameters.\(name)"
                    guard let unit = units[name] else {
                        let hint = nearest(to: name, among: Array(units.keys)).map { "did you mean '\($0)'? " } ?? ""
                        reader.fail(nameNode, path, "unknown parameter", value: name, fix: "\(hint)the parameters are \(units.keys.sorted().joined(separator: ", "))")
                        continue
                    }
                    guard let fields = reader.mapping(body, path) else { continue }
                    var valueNode: Node?, hasUnit = false
                    for (field, fieldNode, fieldValue) in fields {
                        switch field {
                        case "description": _ = reader.text(fieldValue, "\(path).description")
                        case "unit":
                            hasUnit = true
                            if let given = reader.text(fieldValue, "\(path).unit"), given != unit {
                                reader.fail(fieldValue, "\(path).unit", "wrong unit", value: given, fix: "this parameter is in '\(unit)'")
                            }
                        case "source": sources[name] = reader.text(fieldValue, "\(path).source")
                        case "value": valueNode = fieldValue
                        default: reader.fail(fieldNode, "\(path).\(field)", "unknown field", value: field, fix: "use description, unit, source and value")
                        }
                    }
                    if !hasUnit { reader.fail(nameNode, path, "the unit is missing", fix: "add 'unit: \(unit)'") }
                    if (sources[name] ?? "").isEmpty { reader.fail(nameNode, path, "the source is missing", fix: "add 'source: …' naming the publication or saying it is an assumption") }
                    guard let valueNode else { reader.fail(nameNode, path, "the value is missing", fix: "add 'value: …' in \(unit)"); continue }
                    guard let v = reader.number(valueNode, "\(path).value", fix: "write a number in \(unit)") else { continue }
                    let valid = range(name)
                    if !valid.contains(v) {
                        reader.fail(valueNode, "\(path).value", "out of range", value: valueNode.scalar?.string,
                                    fix: "give a value from \(valid.lowerBound) to \(valid.upperBound) \(unit)\(unit.hasPrefix("/") ? " (rates as fractions: 0.056 for 56 per 1,000)" : "")")
                    } else { values[name] = v }
                }
            default:
                let keys = ["title", "reference", "description"] + (needsBaseYear ? ["base_year"] : []) + ["parameters"]
                reader.fail(keyNode, key, "unknown top-level key", value: key, fix: "the keys are \(keys.joined(separator: ", "))")
            }
        }
        if needsBaseYear && baseYear == nil { reader.fail(root, "base_year", "the base year is missing", fix: "add 'base_year: YEAR' (the year of the figures)") }
        for name in units.keys.sorted() where values[name] == nil && !reader.errors.contains(where: { $0.column == "parameters.\(name)" || $0.column?.hasPrefix("parameters.\(name).") == true }) {
            reader.fail(root, "parameters.\(name)", "the parameter is missing", fix: "add '\(name)' with unit \(units[name] ?? "") and its source")
        }
        if !reader.errors.isEmpty { throw InputErrors(reader.errors) }
        return NumericParameterFile(file: file, title: title, baseYear: baseYear, values: values, sources: sources)
    }
}
