import Foundation
import SpsimSupport

/// One row of `fit.csv`: a published figure (or a calibration target) and the baseline's
/// value for it (`spsim fit`, and `compare`, which writes it beside the comparison).
public struct FitRow: Sendable, Equatable {
    public var figure: String
    public var source: String
    /// As published: a year ("2023", "2024-25") or the simulation year.
    public var year: String
    public var published: Double
    public var model: Double
    public var unit: String
    public var fitted: Bool
    public var note: String
    /// model ÷ published (NaN when the published value is 0).
    public var ratio: Double { published != 0 ? model / published : .nan }

    public init(figure: String, source: String, year: String, published: Double, model: Double, unit: String, fitted: Bool, note: String) {
        self.figure = figure; self.source = source; self.year = year; self.published = published; self.model = model
        self.unit = unit; self.fitted = fitted; self.note = note
    }
}

/// `fit.csv`: `figure,source,year,published,model,ratio,fitted,unit,note` in the one CSV
/// dialect (`CSVText`); numbers with 17 significant digits, so the file reads back exactly.
public enum FitRecords {
    public static let fileName = "fit.csv"
    public static let columns = ["figure", "source", "year", "published", "model", "ratio", "fitted", "unit", "note"]

    public static func csv(_ rows: [FitRow]) -> String {
        func number(_ x: Double) -> String { x.isFinite ? String(format: "%.17g", x) : "" }
        var out = CSVText.row(columns)
        for row in rows {
            out += CSVText.row([row.figure, row.source, row.year, number(row.published), number(row.model),
                                number(row.ratio), row.fitted ? "true" : "false", row.unit, row.note])
        }
        return out
    }

    /// Reads `fit.csv` (`file` names it in errors): the header, one row per figure, finite
    /// published values, `true`/`false` in `fitted`. The first problem is thrown with its line.
    public static func readCSV(_ data: Data, file: String) throws -> [FitRow] {
        let rerun = "re-run `spsim compare` (or `spsim fit`) to rewrite it"
        guard let content = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, problem: "the file is not UTF-8 text", fix: rerun)
        }
        let lines = CSVText.lines(content)
        guard let header = lines.first, header.fields == columns else {
            throw InputError(file: file, line: 1, problem: "the header is not \(columns.joined(separator: ","))", value: lines.first?.raw ?? "", fix: rerun)
        }
        var rows: [FitRow] = []
        for line in lines.dropFirst() {
            let f = line.fields
            guard !line.unterminatedQuote, f.count == columns.count else {
                throw InputError(file: file, line: line.line, problem: "the row does not have the \(columns.count) fields of the header (the file may be truncated)", value: line.raw, fix: rerun)
            }
            guard let published = Double(f[3]), published.isFinite else {
                throw InputError(file: file, line: line.line, column: "published", problem: "not a finite number", value: f[3], fix: rerun)
            }
            let model = f[4].isEmpty ? Double.nan : Double(f[4])
            guard let model, model.isNaN || model.isFinite else {
                throw InputError(file: file, line: line.line, column: "model", problem: "not a number", value: f[4], fix: rerun)
            }
            guard f[6] == "true" || f[6] == "false" else {
                throw InputError(file: file, line: line.line, column: "fitted", problem: "neither true nor false", value: f[6], fix: rerun)
            }
            rows.append(FitRow(figure: f[0], source: f[1], year: f[2], published: published, model: model, unit: f[7], fitted: f[6] == "true", note: f[8]))
        }
        return rows
    }

    /// One sentence: how many figures were fitted and the largest gap among them; how many
    /// were only checked and how many of those are off by more than 15%.
    public static func summary(_ rows: [FitRow]) -> String {
        let fitted = rows.filter(\.fitted), checked = rows.filter { !$0.fitted }
        let gap = fitted.map { abs($0.ratio - 1) }.filter(\.isFinite).max() ?? 0
        let far = checked.filter { abs($0.ratio - 1) > 0.15 }.count
        return "Fitted figures: \(fitted.count), largest gap \(NumberText.percent(gap)); checked only: \(checked.count), \(far) off by more than 15% (see the notes in fit.csv)."
    }
}
