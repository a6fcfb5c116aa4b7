/// An error in a file a person wrote or exported (scenario, parameter file, microdata CSV).
///
/// It always says where (file, line, and column or key when known), what was found,
/// and what would fix it, so a policy user can correct the file without reading code.
/// `description` is one line: `file:line:column: problem; found 'value'. Fix: …`.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int?
    /// A column name (CSV) or a key path (YAML, e.g. `parameters.minimum_wage`).
    public var column: String?
    public var problem: String
    public var value: String?
    public var fix: String

    public init(file: String, line: Int? = nil, column: String? = nil, problem: String, value: String? = nil, fix: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.value = value
        self.fix = fix
    }

    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += " [\(column)]" }
        return text
    }

    public var description: String {
        var text = "\(location): \(problem)"
        if let value { text += "; found '\(InputError.printable(value))'" }
        text += ". Fix: \(fix)"
        return text
    }

    /// Shows control characters and overly long values safely in a one-line message.
    static func printable(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\u{\(String(scalar.value, radix: 16))}" } else { out.unicodeScalars.append(scalar) }
            }
            if out.count > 80 { return out + "…" }
        }
        return out
    }
}

/// Several input errors found in one pass (a scenario is validated whole before anything runs).
public struct InputErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String {
        let head = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
        return "\(head):\n" + errors.map { "  " + $0.description }.joined(separator: "\n")
    }
}
