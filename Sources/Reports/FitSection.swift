import Foundation
import ResultsFormat
import SpsimSupport

/// "How well the baseline fits": the baseline's value for every calibration target and
/// published figure the model represents (`fit.csv`, written by `compare`), in the
/// summary and the HTML report, with the notes that explain figures far off.
public enum FitSection {
    public static let title = "How well the baseline fits"

    /// The table (nil when the folder has no fit).
    public static func table(_ results: ComparisonResults) -> ReportTable? {
        guard !results.fit.isEmpty else { return nil }
        func number(_ x: Double) -> String {
            guard x.isFinite else { return "n/a" }
            return NumberText.grouped(x, digits: x.magnitude < 100 ? 3 : 0)
        }
        return ReportTable(caption: "The baseline against published figures: ratio = model ÷ published; fitted = the model was calibrated to the figure, otherwise it is a check",
                           headers: ["Figure", "Year", "Published", "Model", "Ratio", "Fitted"],
                           rows: results.fit.map { [$0.figure, $0.year, number($0.published), number($0.model), $0.ratio.isFinite ? NumberText.fixed($0.ratio, digits: 2) : "n/a", $0.fitted ? "yes" : "no"] },
                           textColumns: [5])
    }

    /// The summary sentence, then one sentence per checked figure off by more than 15%
    /// with its note.
    public static func paragraphs(_ results: ComparisonResults) -> [String] {
        guard !results.fit.isEmpty else { return [] }
        var out = [FitRecords.summary(results.fit).replacingOccurrences(of: " (see the notes in fit.csv).", with: ".")
                   + " Figures are computed on the baseline projected to their year, as in the comparison; fit.csv in this folder has every source."]
        for row in results.fit where !row.fitted && abs(row.ratio - 1) > 0.15 {
            // A population check's explanation is in its source (the calibration file's words).
            let why = row.note.hasPrefix("population check") ? "\(row.note): \(row.source)" : row.note
            out.append("\(row.figure) (\(row.year)): model ÷ published = \(NumberText.fixed(row.ratio, digits: 2)). \(why)")
        }
        return out
    }
}
