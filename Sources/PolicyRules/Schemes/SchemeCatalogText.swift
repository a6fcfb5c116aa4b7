// The registry as text: `spsim schemes` prints it, and docs/scenario-format.md embeds the
// Markdown form (a test keeps the two equal).

extension SchemeRegistry {
    /// The default of a parameter as written in a file ("—" when it must be given).
    static func defaultText(_ definition: ParameterDefinition) -> String {
        definition.defaultValue?.description ?? "—"
    }

    /// One Markdown table of every scheme and its parameters, in the order the rules run.
    public static func markdownTable() -> String {
        var out = "| scheme (payer, contingency) | parameter | unit | valid values | default | meaning |\n"
        out += "| --- | --- | --- | --- | --- | --- |\n"
        for declaration in declarations {
            for (i, definition) in declaration.parameters.enumerated() {
                let scheme = i == 0 ? "`\(declaration.name)` (\(declaration.payer?.rawValue ?? "none"), \(declaration.contingency.rawValue))" : ""
                out += "| \(scheme) | `\(definition.name)` | \(definition.unit) | \(definition.validValues) | \(defaultText(definition)) | \(definition.meaning) |\n"
            }
        }
        return out
    }

    /// A plain-text listing for the terminal: each scheme, what it does, who pays, what it
    /// reports, and its parameters.
    public static func listing() -> String {
        var out = ""
        for declaration in declarations {
            out += "\(declaration.name) — \(declaration.label)\n"
            out += "  \(declaration.summary)\n"
            out += "  paid by: \(declaration.payer?.rawValue ?? "nobody (no benefit)"); contingency: \(declaration.contingency.rawValue)"
            out += declaration.paidPerHousehold ? "; paid per household, to its recipient\n" : "\n"
            var reports: [String] = []
            if let cost = declaration.costIndicator { reports.append(cost) }
            reports += declaration.beneficiaries.map(\.indicator)
            if !reports.isEmpty { out += "  reports: \(reports.joined(separator: ", "))\n" }
            for definition in declaration.parameters {
                let fallback = definition.defaultValue.map { "default \($0)" } ?? "required"
                out += "    \(definition.name)  [\(definition.unit); \(definition.validValues); \(fallback)]  \(definition.meaning)\n"
            }
            out += "\n"
        }
        out += "A parameter file uses a scheme by giving at least one of its parameters; a scheme it does not mention is off.\n"
        out += "Every file also defines the core parameters: \(ParameterCatalog.core.map(\.name).joined(separator: ", ")).\n"
        return out
    }
}
