/// The one CSV dialect of spsim's outputs (RFC 4180): fields separated by commas, a field
/// that holds a comma, a quote, a line break or surrounding spaces is quoted, quotes are
/// doubled inside quotes; rows end with LF (CRLF is read too). `row` and `lines` are
/// inverses: `lines(rows.map(row).joined())` gives back the same fields.
public enum CSVText {
    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One row with its line feed.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// One parsed CSV record: its fields, the line number where it starts, and its raw text.
    public struct Line: Sendable, Equatable {
        public var fields: [String]
        public var line: Int
        public var raw: String
        /// The text ended inside a quoted field that this record opened (a truncated file).
        public var unterminatedQuote: Bool
    }

    /// Splits CSV text into records of fields, remembering the line each record starts on.
    /// A quoted field may span lines; a file that ends inside quotes yields a last record
    /// marked `unterminatedQuote`.
    public static func lines(_ text: String) -> [Line] {
        var result: [Line] = []
        var fields: [String] = []
        var field = ""
        var raw = ""
        var inQuotes = false
        var line = 1
        var startLine = 1
        var atFieldStart = true
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\""); raw.append("\"\""); continue }
                        pending = following
                    }
                    inQuotes = false
                    raw.append(c)
                    continue
                }
                if c == "\n" || c == "\r\n" || c == "\r" { line += 1 }
                field.append(c)
                raw.append(c)
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                atFieldStart = false
                raw.append(c)
            case ",":
                fields.append(field)
                field = ""
                atFieldStart = true
                raw.append(c)
            case "\n", "\r\n", "\r":
                fields.append(field)
                result.append(Line(fields: fields, line: startLine, raw: raw, unterminatedQuote: false))
                fields = []
                field = ""
                raw = ""
                atFieldStart = true
                line += 1
                startLine = line
            default:
                field.append(c)
                atFieldStart = false
                raw.append(c)
            }
        }
        if inQuotes || !field.isEmpty || !fields.isEmpty || !raw.isEmpty {
            fields.append(field)
            result.append(Line(fields: fields, line: startLine, raw: raw, unterminatedQuote: inQuotes))
        }
        return result
    }
}
