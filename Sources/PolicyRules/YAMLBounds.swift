// Limits checked on the raw text of a scenario file (or a `--set` value) BEFORE Yams sees
// it, so that no input can make parsing slow or large. See docs/scenario-format.md,
// "YAML limits".
//
// Why: Yams composes aliases by reference, which is cheap, but it hashes every mapping key
// to find duplicates, so an alias used as a key (or inside a key) is expanded in full. Nine
// levels of anchors each referring to the previous twice make a 600-byte file that takes
// minutes. The scan below is a single linear pass over the bytes; it understands just
// enough YAML (comments, quoted strings, block scalars, flow collections) to find aliases
// and keys, and errs on the side of counting too many aliases, never too few.

/// The limits and the scanner.
enum YAMLBounds {
    /// Largest file read (1 MiB): scenario files are a few kilobytes.
    static let maximumBytes = 1 << 20
    /// Most aliases (`*name`) a file may use.
    static let maximumAliases = 100
    /// Deepest nesting of collections (flow brackets, block indentation levels, `- - -`).
    static let maximumDepth = 64

    /// A refused input: where, what, and how to fix it (one line each).
    struct Violation: Equatable, Error {
        var line: Int
        var column: Int
        var problem: String
        var value: String?
        var fix: String
    }

    /// The first problem of `text`, or nil when it is within bounds. Linear in the text.
    static func check(_ text: String) -> Violation? {
        if let violation = controlCharacter(in: text) { return violation }
        var scanner = Scanner(bytes: Array(text.utf8))
        return scanner.run()
    }

    /// "U+0007" for a scalar.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The first character YAML does not allow (YAML 1.1/1.2 printable set: tab, line
    /// breaks, and printable characters), with its line and column.
    static func controlCharacter(in text: String) -> Violation? {
        var line = 1, column = 0
        for scalar in text.unicodeScalars {
            column += 1
            let v = scalar.value
            if v == 0x0A { line += 1; column = 0; continue }
            let allowed = v == 0x09 || v == 0x0D || (0x20...0x7E).contains(v) || v == 0x85
                || (0xA0...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
            if !allowed {
                return Violation(line: line, column: column,
                                 problem: "the control character \(codePoint(scalar)) is not allowed in a YAML file (column \(column))",
                                 value: codePoint(scalar),
                                 fix: "delete it (or retype the text around column \(column) of line \(line)); only tabs and line breaks are allowed among control characters")
            }
        }
        return nil
    }

    /// One pass over the UTF-8 bytes.
    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0
        var aliases = 0
        /// Open flow collections (`[`, `{`): whether an alias occurs inside each.
        var flow: [Bool] = []
        /// Indentation levels of the open block collections.
        var indents: [Int] = []
        /// Collections opened on the current line with `- ` (compact nested sequences).
        var dashes = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func byte(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }
        static func isSpace(_ b: UInt8?) -> Bool { b == nil || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        /// Characters of an anchor or alias name (libyaml: letters, digits, '_' and '-').
        static func isNameCharacter(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
        static func isFlowIndicator(_ b: UInt8?) -> Bool { b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}") }

        /// Column (1-based, in characters) of byte offset k on the current line.
        func column(_ k: Int) -> Int {
            var c = 1
            var j = lineStart
            while j < k && j < bytes.count { if bytes[j] & 0xC0 != 0x80 { c += 1 }; j += 1 }
            return c
        }

        func violation(at k: Int, _ problem: String, _ value: String?, fix: String) -> Violation {
            Violation(line: line, column: column(k), problem: problem, value: value, fix: fix)
        }

        /// Whether a `:` at k is a key/value indicator (followed by a space or line end, or a flow indicator in flow context).
        func isValueIndicator(_ k: Int) -> Bool {
            guard byte(k) == UInt8(ascii: ":") else { return false }
            let next = byte(k + 1)
            return Self.isSpace(next) || (!flow.isEmpty && Self.isFlowIndicator(next))
        }

        /// Whether the next non-blank character after k (on this line) is a key indicator `:`.
        func followedByKeyIndicator(_ k: Int) -> Bool {
            var j = k
            while byte(j) == 0x20 || byte(j) == 0x09 { j += 1 }
            return isValueIndicator(j)
        }

        mutating func newLine(at k: Int) {
            line += 1
            lineStart = k
            dashes = 0
        }

        /// Skips to the end of the line (not consuming the line break).
        mutating func skipToLineEnd() { while let b = byte(i), b != 0x0A { i += 1 } }

        mutating func run() -> Violation? {
            var tokenStart = true
            var inPlain = false
            var lineBeginning = true
            /// Inside a block scalar (`|`, `>`): the indentation its lines must exceed.
            var blockScalarParent: Int?
            /// Indentation of the current line's content after any '- ' (a block scalar's parent).
            var contentIndent = 0
            while i < bytes.count {
                if lineBeginning {
                    lineBeginning = false
                    var j = i
                    while byte(j) == 0x20 { j += 1 }
                    let indent = j - i
                    let blank = byte(j) == nil || byte(j) == 0x0A || byte(j) == 0x0D || byte(j) == UInt8(ascii: "#")
                    if let parent = blockScalarParent {
                        if blank || indent > parent { skipToLineEnd(); continue }
                        blockScalarParent = nil
                    }
                    if !blank && flow.isEmpty {
                        while let last = indents.last, last > indent { indents.removeLast() }
                        if indents.last != indent { indents.append(indent) }
                        if indents.count > maximumDepth {
                            return violation(at: j, "the YAML is nested more than \(maximumDepth) levels deep", nil,
                                             fix: "scenario files need only a few levels; check the indentation")
                        }
                    }
                    contentIndent = indent
                    i = j
                    tokenStart = true
                    inPlain = false
                    // Document markers: a node may follow '--- ' on the same line.
                    if indent == 0, let c = byte(j), c == UInt8(ascii: "-") || c == UInt8(ascii: "."),
                       byte(j + 1) == c, byte(j + 2) == c, Self.isSpace(byte(j + 3)) {
                        i = j + 3
                    }
                    continue
                }
                let b = bytes[i]
                switch b {
                case 0x0A:
                    i += 1
                    newLine(at: i)
                    lineBeginning = true
                    continue
                case 0x20, 0x09, 0x0D:
                    i += 1
                    if byte(i) == UInt8(ascii: "#") { skipToLineEnd() }
                    if !inPlain { tokenStart = true }
                    continue
                case UInt8(ascii: "#") where tokenStart:
                    skipToLineEnd()
                    continue
                default:
                    break
                }
                if inPlain {
                    if isValueIndicator(i) { inPlain = false; tokenStart = true; i += 1; continue }
                    if !flow.isEmpty && Self.isFlowIndicator(b) { inPlain = false; tokenStart = true; continue }
                    i += 1
                    continue
                }
                if !flow.isEmpty && (b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) {
                    let hadAlias = flow.removeLast()
                    i += 1
                    if hadAlias && followedByKeyIndicator(i) {
                        return violation(at: i - 1, "an alias inside a mapping key is not allowed", nil,
                                         fix: "write the key as plain text; anchors and aliases may be used only as values")
                    }
                    tokenStart = false
                    continue
                }
                if !flow.isEmpty && b == UInt8(ascii: ",") { i += 1; tokenStart = true; continue }
                if isValueIndicator(i) { i += 1; tokenStart = true; continue }
                guard tokenStart else { i += 1; continue }
                switch b {
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    if let problem = skipQuoted(b) { return problem }
                    tokenStart = false
                case UInt8(ascii: "*"):
                    let start = i
                    i += 1
                    while let c = byte(i), Self.isNameCharacter(c) { i += 1 }
                    aliases += 1
                    let name = String(decoding: bytes[start..<min(i, start + 40)], as: UTF8.self)
                    if aliases > maximumAliases {
                        return violation(at: start, "more than \(maximumAliases) aliases (*name) in one file", name,
                                         fix: "write the values out; a scenario file needs few or no anchors and aliases")
                    }
                    if followedByKeyIndicator(i) {
                        return violation(at: start, "an alias used as a mapping key is not allowed", name,
                                         fix: "write the key as plain text; anchors and aliases may be used only as values")
                    }
                    for k in flow.indices { flow[k] = true }
                    tokenStart = false
                case UInt8(ascii: "&"):
                    // An anchor: the node follows.
                    i += 1
                    while let c = byte(i), Self.isNameCharacter(c) { i += 1 }
                    tokenStart = true
                case UInt8(ascii: "!"):
                    // A tag: the node follows.
                    while let c = byte(i), !Self.isSpace(c), !(flow.isEmpty ? false : Self.isFlowIndicator(c)) { i += 1 }
                    tokenStart = true
                case UInt8(ascii: "?") where Self.isSpace(byte(i + 1)):
                    var j = i + 1
                    while byte(j) == 0x20 || byte(j) == 0x09 { j += 1 }
                    if byte(j) == UInt8(ascii: "*") {
                        return violation(at: i, "an alias used as a mapping key is not allowed", "? *…",
                                         fix: "write the key as plain text; anchors and aliases may be used only as values")
                    }
                    return violation(at: i, "explicit mapping keys ('? ') are not allowed", "?",
                                     fix: "write 'key: value' with a plain key")
                case UInt8(ascii: "-") where Self.isSpace(byte(i + 1)) && flow.isEmpty:
                    dashes += 1
                    if indents.count + dashes > maximumDepth {
                        return violation(at: i, "the YAML is nested more than \(maximumDepth) levels deep", nil,
                                         fix: "scenario files need only a few levels; check the '- ' items")
                    }
                    i += 1
                    var j = i
                    while byte(j) == 0x20 { j += 1 }
                    contentIndent = j - lineStart
                    tokenStart = true
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flow.append(false)
                    if flow.count + indents.count > maximumDepth {
                        return violation(at: i, "the YAML is nested more than \(maximumDepth) levels deep", nil,
                                         fix: "scenario files need only a few levels; check the brackets")
                    }
                    i += 1
                    tokenStart = true
                case UInt8(ascii: "|") where flow.isEmpty, UInt8(ascii: ">") where flow.isEmpty:
                    blockScalarParent = contentIndent
                    skipToLineEnd()
                    tokenStart = false
                default:
                    inPlain = true
                    tokenStart = false
                    i += 1
                }
            }
            return nil
        }

        /// Skips a quoted scalar starting at i (which may span lines).
        mutating func skipQuoted(_ quote: UInt8) -> Violation? {
            i += 1
            while let c = byte(i) {
                if c == 0x0A { i += 1; newLine(at: i); continue }
                if quote == UInt8(ascii: "\"") && c == UInt8(ascii: "\\") { i += 2; continue }
                if c == quote {
                    if quote == UInt8(ascii: "'") && byte(i + 1) == quote { i += 2; continue }
                    i += 1
                    return nil
                }
                i += 1
            }
            return nil // an unclosed quote: Yams reports it
        }
    }
}
