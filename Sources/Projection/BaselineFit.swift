// How well the baseline fits what the ministry already knows: every calibration target of
// the population and every published figure the model represents, with the model's value,
// the ratio and whether the model was fitted to it.
import Foundation
import Indicators
import PolicyRules
import PopulationData
import ResultsFormat
import SpsimSupport
import Yams

/// A published figure and the indicator that represents it (`scenarios/validation/published-figures.yaml`).
public struct PublishedFigure: Sendable, Equatable {
    public var figure: String
    public var indicator: String
    public var breakdown: String
    public var group: String
    /// Simulation (fiscal) year Y: 1 July Y – 30 June Y+1.
    public var year: Int
    public var published: Double
    public var unit: String
    public var source: String
    public var fitted: Bool
    public var note: String
    /// When set, the model value is the indicator divided by this indicator (same
    /// breakdown and group), e.g. the average pension = pension spending ÷ pensioners.
    public var dividedBy: String? = nil
    /// When true, the model value (a yearly amount) is divided by 12.
    public var perMonth: Bool = false
}

public enum BaselineFit {
    /// Reads the published figures file; every problem names the file, the figure's line and key.
    public static func loadFigures(_ url: URL) throws -> [PublishedFigure] {
        let file = ScenarioFile.display(url)
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputError(file: file, problem: "cannot read the published figures file", fix: "check the path (the shipped one is scenarios/validation/published-figures.yaml)")
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw InputError(file: file, line: 1, problem: "the file is empty", fix: "list figures under 'figures:'") }
            root = node
        } catch let error as InputError { throw error } catch {
            throw InputError(file: file, problem: "not valid YAML: \(error)", fix: "check indentation, colons and quotes")
        }
        guard let list = root.mapping?["figures"]?.sequence else {
            throw InputError(file: file, line: root.mark?.line, column: "figures", problem: "the file has no 'figures:' list", fix: "list the figures under 'figures:' (see the shipped file)")
        }
        var figures: [PublishedFigure] = []
        var errors: [InputError] = []
        for item in list {
            let line = item.mark?.line
            func text(_ key: String, required: Bool = true) -> String? {
                guard let value = item.mapping?[key]?.string, !value.isEmpty else {
                    if required { errors.append(InputError(file: file, line: line, column: key, problem: "the figure has no \(key)", fix: "add '\(key): …' to the figure")) }
                    return nil
                }
                return value
            }
            func number(_ key: String) -> Double? {
                guard let raw = text(key) else { return nil }
                guard let value = Double(raw.replacingOccurrences(of: "_", with: "")), value.isFinite else {
                    errors.append(InputError(file: file, line: item.mapping?[key]?.mark?.line ?? line, column: key, problem: "not a number", value: raw, fix: "write a plain number such as 39.0e9"))
                    return nil
                }
                return value
            }
            guard let figure = text("figure"), let indicator = text("indicator"), let year = number("year"), let published = number("published"),
                  let unit = text("unit"), let source = text("source"), let fitted = text("fitted") else { continue }
            guard (2000...2100).contains(Int(year)), year == year.rounded() else {
                errors.append(InputError(file: file, line: line, column: "year", problem: "not a simulation year", value: String(year), fix: "write the fiscal year's first calendar year, e.g. 2023 for 2023-24"))
                continue
            }
            guard fitted == "true" || fitted == "false" else {
                errors.append(InputError(file: file, line: line, column: "fitted", problem: "expected true or false", value: fitted, fix: "write true when the model was fitted to the figure"))
                continue
            }
            let perMonth = text("per_month", required: false) ?? "false"
            guard perMonth == "true" || perMonth == "false" else {
                errors.append(InputError(file: file, line: item.mapping?["per_month"]?.mark?.line ?? line, column: "per_month", problem: "expected true or false", value: perMonth,
                                         fix: "write true to divide a yearly model value by 12, or leave the key out"))
                continue
            }
            figures.append(PublishedFigure(figure: figure, indicator: indicator, breakdown: text("breakdown", required: false) ?? "total",
                                           group: text("group", required: false) ?? "all", year: Int(year), published: published, unit: unit,
                                           source: source, fitted: fitted == "true", note: text("note", required: false) ?? "",
                                           dividedBy: text("divided_by", required: false), perMonth: perMonth == "true"))
        }
        if let first = errors.first { throw errors.count == 1 ? first : InputErrors(errors) }
        return figures
    }

    /// The fit table: the population's calibration targets (measured on `population` as
    /// generated), then each published figure against the baseline projected to its year
    /// by `projector` (weights reweighted, earnings uprated, as `compare` does).
    public static func rows(population: Population, calibration: CalibrationTargets, baseline: Scenario,
                            figures: [PublishedFigure], projector: Projector) throws -> [FitRow] {
        var rows: [FitRow] = PopulationMeasures.compare(population, with: calibration).map { c in
            FitRow(figure: c.target.label, source: c.target.source, year: c.target.year, published: c.target.value, model: c.measured,
                   unit: c.target.unit, fitted: c.target.calibrated, note: c.target.calibrated ? "population calibration target" : "population check (not calibrated)")
        }
        let projected = try projector.run(baseline)
        for figure in figures {
            guard let year = projected.first(where: { $0.year == figure.year }) else {
                throw InputError(file: "published figures", column: figure.figure, problem: "year \(figure.year) is outside the projected years", value: "\(figure.year)", fix: "project the years the figures need")
            }
            guard let record = year.indicators.records.first(where: { $0.indicator == figure.indicator && $0.breakdown == figure.breakdown && $0.group == figure.group }) else {
                throw InputError(file: "published figures", column: figure.figure, problem: "the model has no indicator '\(figure.indicator)' (\(figure.breakdown)/\(figure.group))",
                                 value: figure.indicator, fix: "name an indicator of docs/results-format.md")
            }
            var model = record.value
            if let divisor = figure.dividedBy {
                guard let denominator = year.indicators.records.first(where: { $0.indicator == divisor && $0.breakdown == figure.breakdown && $0.group == figure.group }) else {
                    throw InputError(file: "published figures", column: figure.figure, problem: "the model has no indicator '\(divisor)' (\(figure.breakdown)/\(figure.group)) to divide by",
                                     value: divisor, fix: "name an indicator of docs/results-format.md under divided_by")
                }
                model = denominator.value != 0 ? model / denominator.value : .nan
            }
            if figure.perMonth { model /= 12 }
            rows.append(FitRow(figure: figure.figure, source: figure.source, year: "\(figure.year)-\(String(figure.year + 1).suffix(2))",
                               published: figure.published, model: model, unit: figure.unit, fitted: figure.fitted, note: figure.note))
        }
        return rows
    }

    /// The whole fit of `baseline` on `population`: the figures of `figuresFile`, each on
    /// the baseline projected to its year as `compare` projects it (from `baseYear`, weights
    /// fitted to `projection`), after the population's calibration targets.
    /// With `year`, only the figures of that simulation year (the calibration targets are
    /// always there); a year without figures is an error listing the years that have some.
    public static func rows(population: Population, baseline: Scenario, figuresFile: URL, baseYear: Int,
                            projection: PopulationProjection, year: Int? = nil) throws -> [FitRow] {
        var published = try loadFigures(figuresFile)
        if let year {
            let years = Set(published.map(\.year)).sorted()
            published = published.filter { $0.year == year }
            if published.isEmpty {
                throw InputError(file: "--year", problem: "\(ScenarioFile.display(figuresFile)) has no figure for simulation year \(year)", value: String(year),
                                 fix: "give one of \(years.map(String.init).joined(separator: ", ")) (year Y is fiscal year Y–Y+1), or leave --year out for every figure")
            }
        }
        let years = Array(Set(published.map(\.year))).sorted()
        guard let first = years.first, let last = years.last else {
            throw InputError(file: ScenarioFile.display(figuresFile), problem: "the file lists no figures", fix: "list figures under 'figures:'")
        }
        let projector = try Projector(population: population, baseYear: baseYear, years: Array(first...last), projection: projection)
        return try rows(population: population, calibration: CalibrationTargets.pakistan(), baseline: baseline, figures: published, projector: projector)
    }

    /// `fit.csv` (`FitRecords`, the one writer and reader of the file).
    public static func csv(_ rows: [FitRow]) -> String { FitRecords.csv(rows) }

    /// The table printed by `spsim fit`.
    public static func table(_ rows: [FitRow]) -> String {
        var table = TextTable(headers: ["figure", "year", "published", "model", "ratio", "fitted"])
        for row in rows {
            table.add([row.figure, row.year, NumberText.grouped(row.published, digits: row.published.magnitude < 100 ? 3 : 0),
                       NumberText.grouped(row.model, digits: row.model.magnitude < 100 ? 3 : 0), NumberText.fixed(row.ratio, digits: 2),
                       row.fitted ? "yes" : "no"])
        }
        return table.render()
    }
}

/// How a file path reads in messages (relative to the working directory when inside it).
enum ScenarioFile {
    static func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
