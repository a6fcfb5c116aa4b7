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
