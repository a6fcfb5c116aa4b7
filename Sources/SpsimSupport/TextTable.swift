/// A plain-text table for terminals: a header row, aligned columns (numbers right-aligned),
/// and a rule under the header. Used by every command that prints results.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }
    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    public func render() -> String {
        let columnCount = headers.count
        var widths = headers.map { $0.count }
        for row in rows {
            for (i, cell) in row.prefix(columnCount).enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<columnCount {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(alignments[i] == .left ? cell + pad : pad + cell)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(headers), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n") + "\n"
    }
}

/// Number formatting shared by tables and reports, independent of the locale.
public enum NumberText {
    /// Largest magnitude written digit by digit; beyond it (and for any value too large for
    /// exact integer digits) numbers are written in exponent form, e.g. "1e+29". Every
    /// function here is total: any Double, finite or not, gives text and never traps.
    static let largestPlain = 1e15

    /// Groups thousands with commas: 1234567.8 → "1,234,568" (digits = 0). Magnitudes of
    /// 1e15 and more are written as "1e+29"; NaN as "n/a", infinities as "∞" and "-∞".
    public static func grouped(_ value: Double, digits: Int = 0) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        let digits = min(max(digits, 0), 9)
        if abs(value) >= largestPlain { return exponent(value) }
        let negative = value < 0
        let scale = pow10(digits)
        let rounded = (abs(value) * scale).rounded() / scale
        let integerPart = rounded.rounded(.down)
        var digitsText = String(Int64(integerPart))
        var grouped = ""
        while digitsText.count > 3 {
            grouped = "," + digitsText.suffix(3) + grouped
            digitsText.removeLast(3)
        }
        grouped = digitsText + grouped
        if digits > 0 {
            let fraction = min(Int64(((rounded - integerPart) * scale).rounded()), Int64(scale) - 1)
            var fractionText = String(fraction)
            while fractionText.count < digits { fractionText = "0" + fractionText }
            grouped += "." + fractionText
        }
        return (negative && rounded != 0 ? "-" : "") + grouped
    }

    /// Exponent form, locale-independent: 1e29 → "1e+29", -2.5e20 → "-2.5e+20".
    static func exponent(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "∞" : "-∞") }
        // Mantissa in [1, 10) with three significant digits, by plain arithmetic (≤ 308 steps).
        var mantissa = abs(value)
        var power = 0
        while mantissa >= 10 { mantissa /= 10; power += 1 }
        while mantissa > 0 && mantissa < 1 { mantissa *= 10; power -= 1 }
        mantissa = (mantissa * 100).rounded() / 100
        if mantissa >= 10 { mantissa /= 10; power += 1 }
        var text = fixed(mantissa, digits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return (value < 0 ? "-" : "") + text + "e" + (power < 0 ? "-" : "+") + String(abs(power))
    }

    /// A fraction as a percentage: 0.4312 → "43.1%".
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        guard fraction.isFinite else { return "n/a" }
        return fixed(fraction * 100, digits: digits) + "%"
    }

    /// Fixed decimals without grouping: 3.14159 → "3.14". Magnitudes of 1e15 and more are
    /// written as "1e+29"; non-finite values as "n/a".
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        let digits = min(max(digits, 0), 9)
        if abs(value) >= largestPlain { return exponent(value) }
        let scale = pow10(digits)
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let integerPart = magnitude.rounded(.down)
        var text = String(Int64(integerPart))
        if digits > 0 {
            var fraction = String(min(Int64(((magnitude - integerPart) * scale).rounded()), Int64(scale) - 1))
            while fraction.count < digits { fraction = "0" + fraction }
            text += "." + fraction
        }
        return (negative ? "-" : "") + text
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }
}
