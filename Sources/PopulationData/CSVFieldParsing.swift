// Population CSV import, 5 of 5: byte-level parsing of fields (numbers, flags, codes).
import Foundation


/// Byte-level parsing of CSV fields (no allocation on the common path).
enum NumberParsing {
    private static let powersOfTen: [Double] = (0...22).map { k in
        var value = 1.0
        for _ in 0..<k { value *= 10 }
        return value
    }

    /// A whole number written with digits only (a trailing ".0…" is accepted); nil otherwise.
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        guard e > s else { return nil }
        var value: Int64 = 0
        var i = s
        while i < e {
            let d = p[i] &- 48
            if d > 9 { break }
            if i - s >= 18 { return nil }
            value = value * 10 + Int64(d)
            i += 1
        }
        if i == s { return nil }
        if i < e {
            guard p[i] == 46 else { return nil }
            i += 1
            while i < e {
                guard p[i] == 48 else { return nil }
                i += 1
            }
        }
        return value
    }

    /// `0` or `1`.
    @inline(__always)
    static func flag(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool? {
        guard e - s == 1 else { return nil }
        switch p[s] {
        case 48: return false
        case 49: return true
        default: return nil
        }
    }

    /// The index of the code equal to the field's bytes. The candidate is picked by length
    /// and first and last byte, then compared in full (codes of one category differ in
    /// one of those three).
    @inline(__always)
    static func code(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ codes: [[UInt8]]) -> Int? {
        let length = e - s
        if length == 0 { return codes.firstIndex { $0.isEmpty } }
        let first = p[s], last = p[e - 1]
        for index in codes.indices {
            let code = codes[index]
            guard code.count == length, code[0] == first, code[length - 1] == last else { continue }
            for k in 1..<max(1, length - 1) where code[k] != p[s + k] { return nil }
            return index
        }
        return nil
    }

    /// A decimal number `[+-]digits[.digits][(e|E)[+-]digits]`, correctly rounded.
    /// Mantissas of up to 2^53 with a power of ten up to 22 take the exact fast path
    /// (Clinger 1990); anything else goes through `strtod`. NaN, infinities and hex are
    /// refused.
    static func double(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        guard e > s else { return nil }
        var i = s
        var negative = false
        if p[i] == 45 || p[i] == 43 { negative = p[i] == 45; i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var anyDigit = false
        var inexact = false
        while i < e {
            let d = p[i] &- 48
            if d > 9 { break }
            anyDigit = true
            if mantissa == 0 && d == 0 {
            } else if significant < 19 {
                mantissa = mantissa * 10 + UInt64(d); significant += 1
            } else {
                exponent += 1; if d != 0 { inexact = true }
            }
            i += 1
        }
        if i < e && p[i] == 46 {
            i += 1
            while i < e {
                let d = p[i] &- 48
                if d > 9 { break }
                anyDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(d); significant += 1; exponent -= 1
                } else if d != 0 {
                    inexact = true
                }
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < e && (p[i] == 101 || p[i] == 69) {
            i += 1
            var exponentNegative = false
            if i < e && (p[i] == 45 || p[i] == 43) { exponentNegative = p[i] == 45; i += 1 }
            var written = 0
            var digits = 0
            while i < e {
                let d = p[i] &- 48
                if d > 9 { break }
                if written < 100_000 { written = written * 10 + Int(d) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard i == e else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
            return negative ? -value : value
        }
        // Slow path: the C library's correctly rounded conversion.
        let length = e - s
        guard length < 400 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double? in
            for k in 0..<length { buffer[k] = CChar(bitPattern: p[s + k]) }
            buffer[length] = 0
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &endPointer)  // non-nil: capacity ≥ 1
            guard let endPointer, endPointer - buffer.baseAddress! == length, value.isFinite else { return nil }
            return value
        }
    }
}
