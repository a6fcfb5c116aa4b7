import Foundation
import ResultsFormat
import SpsimSupport

/// The self-contained HTML report: one file with inline CSS and inline SVG charts, no
/// scripts, no external fonts, images or style sheets, so it opens offline and can be
/// e-mailed as is. The headline comes first, then the charts, the tables, the manifest,
/// and the note on sources and assumptions.
public enum HTMLReport {
    public static func render(_ results: ComparisonResults, charts: [Chart]) -> String {
        let m = results.manifest
        let horizon = results.horizon
        var out: [String] = []
        out.append("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Social protection options compared, \(xmlEscaped(horizon))</title>
        <style>
        \(css)
        </style>
        </head>
        <body>
        <main>
        <h1>Social protection options compared, \(xmlEscaped(horizon))</h1>
        """)
        var meta: [String] = []
        if !m.spsimVersion.isEmpty { meta.append("spsim \(m.spsimVersion)") }
        if !m.date.isEmpty { meta.append("run \(m.date)") }
        meta.append("\(results.scenarios.count) scenario\(results.scenarios.count == 1 ? "" : "s"), baseline: \(results.baseline?.title ?? "")")
        out.append("<p class=\"meta\">\(xmlEscaped(meta.joined(separator: " · ")))</p>")

        let headlines = ComparisonTables.headlines(results)
        if !headlines.isEmpty, let year = results.years.last {
            out.append("<section class=\"headline\" id=\"headline\">\n<h2>Headline, \(year)</h2>\n<ul>")
            out.append(contentsOf: headlines.map { "<li>\(inlineMarkdown($0))</li>" })
            out.append("</ul>\n<p class=\"small\">Differences from the baseline in brackets; pp: percentage points.</p>")
            out.append(ComparisonTables.levels(results, year: year).html())
            if let diff = ComparisonTables.differences(results, year: year) { out.append(diff.html()) }
            out.append("</section>")
        }

        out.append("<section id=\"charts\">\n<h2>Charts</h2>")
        let coverageBySex = charts.filter { $0.id.hasPrefix("coverage-") && $0.id != "coverage-total" && $0.id != "coverage-gender-gap" }
        var placedSmallMultiples = false
        for chart in charts {
            if coverageBySex.contains(where: { $0.id == chart.id }) {
                guard !placedSmallMultiples else { continue }
                placedSmallMultiples = true
                out.append("<h3>Coverage of women and men, by option</h3>\n<div class=\"grid\">")
                for c in coverageBySex { out.append(figure(c)) }
                out.append("</div>")
                continue
            }
            out.append(figure(chart))
        }
        out.append("</section>")

        out.append("<section id=\"tables\">\n<h2>Comparison tables</h2>")
        for year in ComparisonTables.reportYears(results) {
            out.append(ComparisonTables.levels(results, year: year).html())
            if let diff = ComparisonTables.differences(results, year: year) { out.append(diff.html()) }
        }
        if let year = results.years.last, let budget = ComparisonTables.budget(results, year: year) { out.append(budget.html()) }
        out.append("</section>")
        out += AdequacySection.html(results)

        if let fit = FitSection.table(results) {
            out.append("<section id=\"fit\">\n<h2>\(FitSection.title)</h2>")
            out.append(contentsOf: FitSection.paragraphs(results).map { "<p>\(xmlEscaped($0))</p>" })
            out.append(fit.html())
            out.append("</section>")
        }

        out.append("<section id=\"manifest\">\n<h2>What was run</h2>")
        var facts: [(String, String)] = []
        if !m.spsimVersion.isEmpty { facts.append(("spsim version", m.spsimVersion)) }
        if !m.date.isEmpty { facts.append(("Date", m.date)) }
        facts.append(("Seed", m.seedText))
        if !m.populationText.isEmpty { facts.append(("Population", m.populationText)) }
        if !horizon.isEmpty { facts.append(("Years", horizon)) }
        let projection = m.populationProjection
        facts.append(("Population projection", projection.file + (projection.sha256.isEmpty ? "" : " (SHA-256 \(projection.sha256))")))
        facts.append(("Parameter overrides (--set)", m.overrides.isEmpty ? "none" : m.overrides.joined(separator: ", ")))
        out.append("<dl>" + facts.map { "<dt>\(xmlEscaped($0.0))</dt><dd>\(xmlEscaped($0.1))</dd>" }.joined() + "</dl>")
        let scenarioTable = ReportTable(caption: "Scenarios (baseline first)", headers: ["Name", "Title", "File", "SHA-256"],
                                        rows: results.scenarios.map { [$0.name, $0.title, $0.file, $0.sha256] })
        out.append(scenarioTable.html().replacingOccurrences(of: " class=\"num\"", with: ""))
        out.append("</section>")

        out.append("<section id=\"sources\">\n<h2>Sources and assumptions</h2>")
        out.append(contentsOf: SourcesNote.paragraphs(results).map { "<p>\(xmlEscaped($0))</p>" })
        out.append("</section>\n</main>\n</body>\n</html>\n")
        return out.joined(separator: "\n")
    }

    /// A chart inside a `<figure>`: the SVG inlined without its namespace declaration
    /// (HTML5 needs none), so the page holds no URL at all.
    static func figure(_ chart: Chart) -> String {
        let svg = chart.svg().replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        return "<figure id=\"figure-\(xmlEscaped(chart.id))\">\n\(svg)</figure>"
    }

    /// `**bold**` and `` `code` `` in headline sentences, with everything else escaped.
    static func inlineMarkdown(_ text: String) -> String {
        var out = ""
        var bold = false, code = false
        var chars = Array(text)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "*", chars.first == "*" {
                chars = chars.dropFirst()
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
            } else if c == "`" {
                out += code ? "</code>" : "<code>"
                code.toggle()
            } else {
                out += xmlEscaped(String(c))
            }
        }
        if code { out += "</code>" }
        if bold { out += "</strong>" }
        return out
    }

    static let css = """
    body { margin: 0; background: #f4f4f2; color: #1a1a1a; font-family: sans-serif; font-size: 16px; line-height: 1.5; }
    main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 48px; background: #ffffff; }
    h1 { font-size: 28px; margin: 8px 0 4px; }
    h2 { font-size: 21px; margin: 36px 0 12px; border-bottom: 2px solid #1a1a1a; padding-bottom: 4px; }
    .meta, .small { color: #4d4d4d; font-size: 14px; }
    .headline ul { padding-left: 20px; }
    .headline li { margin: 6px 0; }
    figure { margin: 20px 0 28px; }
    figure svg { width: 100%; max-width: 900px; height: auto; display: block; }
    h3 { font-size: 18px; margin: 28px 0 4px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 8px 20px; }
    .grid figure svg { max-width: 560px; }
    .grid figure { margin: 8px 0; }
    table { border-collapse: collapse; margin: 12px 0 24px; font-size: 14px; width: 100%; }
    caption { text-align: left; font-weight: bold; padding: 4px 0 8px; font-size: 15px; }
    th, td { border-bottom: 1px solid #d0d0d0; padding: 5px 8px; text-align: left; vertical-align: top; }
    thead th { border-bottom: 2px solid #1a1a1a; background: #f0f0ee; }
    tbody th { min-width: 15em; }
    tbody td:nth-child(2) { white-space: nowrap; color: #4d4d4d; }
    #manifest tbody td:nth-child(2) { color: #1a1a1a; white-space: normal; }
    #manifest td:last-child { font-family: monospace; font-size: 12px; word-break: break-all; color: #1a1a1a; white-space: normal; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    thead th.num { white-space: normal; overflow-wrap: anywhere; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: bold; }
    dd { margin: 0; word-break: break-all; }
    code { font-family: monospace; font-size: 0.92em; background: #f0f0ee; padding: 0 3px; }
    @media print { body { background: #ffffff; } main { padding: 0; } figure, table { break-inside: avoid; } }
    """
}

/// Writes a report into a results folder: `summary.md`, `charts/*.svg` and `report.html`.
public enum ReportWriter {
    /// Adds the report to a results folder as a whole: under the folder's lock the folder is
    /// copied to a temporary sibling, read and checked there (`ResultsFolderReader`), the
    /// report written into the copy, and the copy swapped in (`ResultsFolderWriter`), so the
    /// folder is never seen half-reported and a failure leaves it as it was. Nothing is
    /// written when the folder cannot be read. Returns the written files (under
    /// `resultsDirectory`): summary, charts (in report order), HTML.
    @discardableResult
    public static func write(resultsDirectory: URL) throws -> [URL] {
        // Check the folder before taking its lock, so a wrong path gets the reader's message.
        _ = try ResultsFolderReader.read(resultsDirectory)
        let writer = try ResultsFolderWriter.begin(resultsDirectory.path, option: "RESULTS_DIR")
        defer { writer.finish() }
        var names: [String] = []
        try writer.replace(copyingExisting: true) { folder in
            names = try writeFiles(into: folder).map { url in
                let base = folder.standardizedFileURL.path + "/"
                let path = url.standardizedFileURL.path
                return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
            }
        }
        return names.map { resultsDirectory.appendingPathComponent($0) }
    }

    /// Reads the results folder `folder`, builds every output in memory, then writes each
    /// file into `folder` (no lock, no swap: for a folder being built, such as the temporary
    /// folder of `compare --report`). Chart files of an earlier report that this one no
    /// longer draws are removed.
    @discardableResult
    public static func writeFiles(into folder: URL) throws -> [URL] {
        let results = try ResultsFolderReader.read(folder)
        let charts = ReportCharts.all(results)
        let summary = MarkdownSummary.render(results)
        let html = HTMLReport.render(results, charts: charts)
        let chartsDirectory = folder.appendingPathComponent("charts")
        var written: [URL] = []
        let summaryURL = folder.appendingPathComponent("summary.md")
        try AtomicFile.write(summary, to: summaryURL)
        written.append(summaryURL)
        for chart in charts {
            let url = chartsDirectory.appendingPathComponent("\(chart.id).svg")
            try AtomicFile.write(chart.svg(), to: url)
            written.append(url)
        }
        let keep = Set(charts.map { "\($0.id).svg" })
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: chartsDirectory.path) {
            for name in existing where name.hasSuffix(".svg") && !keep.contains(name) {
                try? FileManager.default.removeItem(at: chartsDirectory.appendingPathComponent(name))
            }
        }
        let htmlURL = folder.appendingPathComponent("report.html")
        try AtomicFile.write(html, to: htmlURL)
        written.append(htmlURL)
        return written
    }
}
