// Parsing and range checks of one value written as text.
import Foundation
import SpsimSupport

/// Parsing and range checks of a value written as text, by kind.
enum ValueParser {
    struct Failure: Error {
        var problem: String
        var fix: String
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
            let near = ParameterCatalog.nearest(to: text, among: options).map { " (did you mean '\($0)'?)" } ?? ""
            return .failure(Failure(problem: "not one of the allowed words", fix: "write one of \(options.joined(separator: ", "))\(near)"))
        default:
            break
        }
        if text.hasSuffix("%") {
            let inner = text.dropLast().trimmingCharacters(in: .whitespaces)
            let hint = Double(inner).map { " (\(trimmed(NumberText.fixed($0 / 100, digits: 6))))" } ?? ""
            return .failure(Failure(problem: "percentages are written as fractions here", fix: "write the share as a fraction of 1\(hint)"))
        }
        if text.contains(",") {
            return .failure(Failure(problem: "thousands separators are not allowed in numbers", fix: "write \(text.replacingOccurrences(of: ",", with: "")) (no commas; '_' is allowed: 37_000)"))
        }
        guard let x = Double(text.replacingOccurrences(of: "_", with: "")), x.isFinite else {
            return .failure(Failure(problem: "expected a number (\(unit))", fix: "write a number such as \(example(kind))"))
        }
        switch kind {
        case .amount:
            if x < 0 { return .failure(Failure(problem: "a negative amount", fix: "write an amount of 0 or more (\(unit))")) }
        case .share:
            if x < 0 || x > 1 {
                let percentHint = x > 1 && x <= 100 ? " (if you meant \(text)%, write \(trimmed(NumberText.fixed(x / 100, digits: 6))))" : ""
                return .failure(Failure(problem: "a share must be between 0 and 1", fix: "write a fraction from 0 to 1\(percentHint)"))
            }
        case .growth:
            if x <= -1 { return .failure(Failure(problem: "a growth rate must be above −1", fix: "write the growth as a fraction per year, e.g. 0.07 for 7%")) }
            if x > 10 { return .failure(Failure(problem: "a growth rate above 1000% a year", fix: "write the growth as a fraction per year, e.g. 0.07 for 7%")) }
        case .years:
            if x < 0 || x != x.rounded() { return .failure(Failure(problem: "a number of years must be a whole number ≥ 0", fix: "write a whole number of years")) }
        case .age:
            if x < 0 || x > 120 || x != x.rounded() { return .failure(Failure(problem: "an age must be a whole number from 0 to 120", fix: "write an age from 0 to 120")) }
        case .score:
            if x < 0 || x > 100 { return .failure(Failure(problem: "a PMT score must be between 0 and 100", fix: "write a score from 0 to 100")) }
        case .positiveCount:
            if x <= 0 { return .failure(Failure(problem: "must be above 0", fix: "write a positive number")) }
        case .flag, .choice: break
        }
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
        case .flag: return "true"
        case .choice(let options): return options.first ?? ""
        }
    }
}
