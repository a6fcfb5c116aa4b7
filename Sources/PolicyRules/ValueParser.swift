// Parsing and range checks of one value written as text.
import Foundation
import SpsimSupport

/// Parsing and range checks of a value written as text, by kind.
enum ValueParser {
    struct Failure: Error {
        var problem: String
        var fix: String
    }

    /// The valid ranges (docs/scenario-format.md, "Valid ranges"). Values outside them are
    /// errors when a file or `--set` is loaded, so that no later arithmetic can overflow.
    /// The largest money amount: no policy can mean more (Pakistan's GDP is about 1e14 PKR).
    static let maximumAmount = 1e15
    /// The largest growth rate per year: +100% a year.
    static let maximumGrowth = 1.0
    /// The largest number of years (minimum contributory years, a phase's ramp).
    static let maximumYears = 100.0
    /// The accrual divisor and other counts: from 1 to 10,000.
    static let countRange = 1.0...10_000.0
    /// The largest index (a multiplier of amounts in payment).
    static let maximumIndex = 1000.0
    /// Simulation years, phase start years and subsidy years.
    static let yearRange = 2000...2100
    /// Persons registered per year by a phase (weighted): at most a billion.
    static let maximumCapacity = 1e9

    /// The range problem of a number of `kind`, or nil when it is valid.
    static func check(_ x: Double, kind: ParameterKind, unit: String, text: String) -> Failure? {
        switch kind {
        case .amount:
            if x < 0 { return Failure(problem: "a negative amount", fix: "write an amount of 0 or more (\(unit)), at most 1e15") }
            if x > maximumAmount {
                return Failure(problem: "an amount above 1e15 \(unit) (no policy can mean more)", fix: "write an amount from 0 to 1e15 (\(unit))")
            }
        case .share:
            if x < 0 || x > 1 {
                let percentHint = x > 1 && x <= 100 ? " (if you meant \(text)%, write \(trimmed(NumberText.fixed(x / 100, digits: 6))))" : ""
                return Failure(problem: "a share must be between 0 and 1", fix: "write a fraction from 0 to 1\(percentHint)")
            }
        case .growth:
            if x <= -1 { return Failure(problem: "a growth rate must be above −1", fix: "write the growth as a fraction per year above −1 and at most 1, e.g. 0.07 for 7%") }
            if x > maximumGrowth {
                let percentHint = x <= 100 ? " (if you meant \(text)%, write \(trimmed(NumberText.fixed(x / 100, digits: 6))))" : ""
                return Failure(problem: "a growth rate above 1 (+100% a year)",
                               fix: "write the growth as a fraction per year above −1 and at most 1, e.g. 0.07 for 7%\(percentHint)")
            }
        case .years:
            if x < 0 || x > maximumYears || x != x.rounded() {
                return Failure(problem: "a number of years must be a whole number from 0 to 100", fix: "write a whole number of years from 0 to 100")
            }
        case .age:
            if x < 0 || x > 120 || x != x.rounded() { return Failure(problem: "an age must be a whole number from 0 to 120", fix: "write an age from 0 to 120") }
        case .score:
            if x < 0 || x > 100 { return Failure(problem: "a PMT score must be between 0 and 100", fix: "write a score from 0 to 100") }
        case .index:
            if !(x > 0 && x <= maximumIndex) { return Failure(problem: "an index must be above 0 and at most 1,000", fix: "write an index above 0 and at most 1,000 (1 = the base date, 1.15 = 15% more)") }
        case .positiveCount:
            if !countRange.contains(x) { return Failure(problem: "must be from 1 to 10,000", fix: "write a number from 1 to 10,000 (EOBI's divisor is 50)") }
        case .flag, .choice: break
        }
        return nil
    }

    /// A number written as text: no percentages, no commas, finite; `_` may group digits.
    static func number(_ raw: String, unit: String, example: String) -> Result<Double, Failure> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") {
            let inner = text.dropLast().trimmingCharacters(in: .whitespaces)
            let hint = Double(inner).map { " (\(trimmed(NumberText.fixed($0 / 100, digits: 6))))" } ?? ""
            return .failure(Failure(problem: "percentages are written as fractions here", fix: "write the share as a fraction of 1\(hint)"))
        }
        if text.contains(",") {
            return .failure(Failure(problem: "thousands separators are not allowed in numbers", fix: "write \(text.replacingOccurrences(of: ",", with: "")) (no commas; '_' is allowed: 37_000)"))
        }
        guard let x = Double(text.replacingOccurrences(of: "_", with: "")), x.isFinite else {
            return .failure(Failure(problem: "expected a number (\(unit))", fix: "write a number such as \(example)"))
        }
        return .success(x)
    }

    /// A number in `range` (whole when `whole`), for phase fields that are not parameters.
    static func number(_ raw: String, in range: ClosedRange<Double>, whole: Bool, what: String, unit: String, example: String) -> Result<Double, Failure> {
        switch number(raw, unit: unit, example: example) {
        case .failure(let failure): return .failure(failure)
        case .success(let x):
            if !range.contains(x) || (whole && x != x.rounded()) {
                let bounds = "from \(rangeText(range.lowerBound)) to \(rangeText(range.upperBound))"
                return .failure(Failure(problem: "\(what) must be \(whole ? "a whole number " : "")\(bounds)", fix: "write \(whole ? "a whole number " : "a number ")\(bounds) (\(unit)), e.g. \(example)"))
            }
            return .success(x)
        }
    }

    /// 2000 → "2000", 1e9 → "1e9", 1e15 → "1e15".
    static func rangeText(_ x: Double) -> String {
        if x >= 1e6, x == x.rounded() {
            var exponent = 0
            var m = x
            while m >= 10, m.truncatingRemainder(dividingBy: 10) == 0 { m /= 10; exponent += 1 }
            if m < 10 { return "\(Int(m) == 1 ? "" : "\(Int(m))×")1e\(exponent)" }
        }
        return trimmed(NumberText.fixed(x, digits: 6))
    }

    static func parse(_ raw: String, kind: ParameterKind, unit: String) -> Result<ParameterValue, Failure> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .flag:
            switch text.lowercased() {
            case "true", "yes": return .success(.flag(true))
            case "false", "no": return .success(.flag(false))
            default: return .failure(Failure(problem: "expected true or false", fix: "write true or false"))
            }
        case .choice(let options):
            if options.contains(text) { return .success(.text(text)) }
            let near = SpsimSupport.nearest(to: text, among: options).map { " (did you mean '\($0)'?)" } ?? ""
            return .failure(Failure(problem: "not one of the allowed words", fix: "write one of \(options.joined(separator: ", "))\(near)"))
        default:
            break
        }
        let x: Double
        switch number(text, unit: unit, example: example(kind)) {
        case .success(let parsed): x = parsed
        case .failure(let failure): return .failure(failure)
        }
        if let failure = check(x, kind: kind, unit: unit, text: text) { return .failure(failure) }
        return .success(.number(x))
    }

    /// "0.015000" → "0.015".
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = text
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out
    }

    static func example(_ kind: ParameterKind) -> String {
        switch kind {
        case .amount: return "37000"
        case .share: return "0.25"
        case .growth: return "0.07"
        case .years: return "15"
        case .age: return "60"
        case .score: return "32"
        case .positiveCount: return "50"
        case .index: return "1.15"
        case .flag: return "true"
        case .choice(let options): return options.first ?? ""
        }
    }
}
