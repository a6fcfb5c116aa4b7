import Foundation
import SpsimSupport

/// A point of a line series.
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// One line of a line chart. `style` picks its colour, dash and marker (see `ChartStyle`),
/// so that the same scenario keeps the same look in every chart.
public struct LineSeries: Sendable, Equatable {
    public var key: String
    public var label: String
    public var style: Int
    public var points: [ChartPoint]
    /// The 90% interval around the line (a comparison with replicates), drawn as a shaded
    /// band in the series' colour; empty for none.
    public var band: [BandPoint]
    public init(key: String, label: String, style: Int, points: [ChartPoint], band: [BandPoint] = []) {
        self.key = key
        self.label = label
        self.style = style
        self.points = points
        self.band = band
    }
}

/// One x of a band: the interval from `lower` to `upper`.
public struct BandPoint: Sendable, Equatable {
    public var x: Double
    public var lower: Double
    public var upper: Double
    public init(x: Double, lower: Double, upper: Double) {
        self.x = x
        self.lower = lower
        self.upper = upper
    }
}

/// One series of a bar chart (a scenario in grouped bars, a scheme in stacked bars):
/// a value per category; categories without a value are drawn as no bar.
public struct BarSeries: Sendable, Equatable {
    public var key: String
    public var label: String
    public var style: Int
    public var values: [String: Double]
    public init(key: String, label: String, style: Int, values: [String: Double]) {
        self.key = key
        self.label = label
        self.style = style
        self.values = values
    }
}

/// A bar-chart category on the x axis (a scenario, a decile, a year).
public struct BarCategory: Sendable, Equatable {
    public var key: String
    public var label: String
    public init(key: String, label: String) {
        self.key = key
        self.label = label
    }
}

/// What every chart carries: a title, a subtitle (what is measured, in which unit), axis
/// labels with units, and a note on sources and assumptions.
public struct ChartText: Sendable, Equatable {
    public var title: String
    public var subtitle: String
    public var xLabel: String
    public var yLabel: String
    public var note: String
    public init(title: String, subtitle: String, xLabel: String, yLabel: String, note: String) {
        self.title = title
        self.subtitle = subtitle
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.note = note
    }
}

/// A chart, written as SVG by hand: no scripts, no external fonts (the generic
/// `sans-serif` family), ids prefixed by the chart's id so that several charts can be
/// inlined into one HTML page.
public struct Chart: Sendable {
    public enum Kind: Sendable {
        /// A line per series over years (x values are years, ticks at whole years).
        case line([LineSeries])
        /// Bars stacked per category (e.g. cost by scheme per scenario), with the total on top.
        case stackedBars(categories: [BarCategory], series: [BarSeries])
        /// Bars side by side per category (e.g. benefits by decile, a bar per scenario).
        case groupedBars(categories: [BarCategory], series: [BarSeries])
    }

    /// The file name without `.svg`, and the prefix of every id inside the chart.
    public var id: String
    public var text: ChartText
    public var kind: Kind
    /// Whether the value axis must include zero (amounts and rates: yes).
    public var includeZero: Bool
    /// The value axis reaches at least this value (a common scale for small multiples).
    public var valueAxisAtLeast: Double?
    /// The width in pixels (760 for a full-width chart; narrower for small multiples).
    public var width: Double

    public init(id: String, text: ChartText, kind: Kind, includeZero: Bool = true, valueAxisAtLeast: Double? = nil, width: Double = 760) {
        self.id = id
        self.text = text
        self.kind = kind
        self.includeZero = includeZero
        self.valueAxisAtLeast = valueAxisAtLeast
        self.width = width
    }

    /// The number of series drawn (lines, or bar series).
    public var seriesCount: Int {
        switch kind {
        case .line(let s): return s.count
        case .stackedBars(_, let s), .groupedBars(_, let s): return s.count
        }
    }

    /// The chart as a standalone SVG document (an `<svg>` element with the SVG namespace).
    public func svg() -> String {
        var canvas = ChartCanvas(id: id, text: text, width: width)
        switch kind {
        case .line(let series):
            canvas.drawLines(series, includeZero: includeZero, atLeast: valueAxisAtLeast)
        case .stackedBars(let categories, let series):
            canvas.drawBars(categories: categories, series: series, stacked: true)
        case .groupedBars(let categories, let series):
            canvas.drawBars(categories: categories, series: series, stacked: false)
        }
        return canvas.finish()
    }
}

/// Lays out and writes one chart. The plot area is fixed; the legend and note grow the
/// height below it.
struct ChartCanvas {
    let id: String
    let text: ChartText
    let width: Double
    let plotLeft = 78.0
    let plotTop = 70.0
    let plotHeight = 270.0
    var plotRight: Double { width - 24 }
    var plotBottom: Double { plotTop + plotHeight }
    var defs: [String] = []
    var body: [String] = []
    var legend: [(label: String, swatch: (Double, Double) -> String, key: String)] = []
    var xAxisExtra = 0.0

    init(id: String, text: ChartText, width: Double) {
        self.id = id
        self.text = text
        self.width = width
    }

    private let f = SVGNumber.format

    // MARK: axes

    mutating func drawYAxis(_ scale: NiceScale, map: LinearMap) {
        var lines = ["<g class=\"axis y-axis\">"]
        for tick in scale.ticks {
            let y = map(tick)
            let label = NumberText.groupedOrFixed(tick, digits: scale.decimals).replacingOccurrences(of: "-", with: "−")
            lines.append("<g class=\"tick y-tick\" data-value=\"\(tick)\"><line x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(tick == 0 ? ChartStyle.axisColour : ChartStyle.gridColour)\" stroke-width=\"\(tick == 0 ? "1.2" : "1")\"/><text x=\"\(f(plotLeft - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\" font-size=\"12\">\(xmlEscaped(label))</text></g>")
        }
        let midY = plotTop + plotHeight / 2
        lines.append("<text class=\"axis-label y-label\" transform=\"translate(18,\(f(midY))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12.5\">\(xmlEscaped(text.yLabel))</text>")
        lines.append("<line class=\"axis-line\" x1=\"\(f(plotLeft))\" x2=\"\(f(plotLeft))\" y1=\"\(f(plotTop))\" y2=\"\(f(plotBottom))\" stroke=\"\(ChartStyle.axisColour)\" stroke-width=\"1.2\"/>")
        lines.append("</g>")
        body.append(lines.joined(separator: "\n"))
    }

    mutating func drawXAxisLine() {
        body.append("<line class=\"axis-line x-axis-line\" x1=\"\(f(plotLeft))\" x2=\"\(f(plotRight))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom))\" stroke=\"\(ChartStyle.axisColour)\" stroke-width=\"1.2\"/>")
    }

    // MARK: lines

    mutating func drawLines(_ series: [LineSeries], includeZero: Bool, atLeast: Double?) {
        let all = series.flatMap(\.points)
        let ys = all.map(\.y) + series.flatMap { $0.band.flatMap { [$0.lower, $0.upper] } }
        let scale = NiceScale(minimum: ys.min() ?? 0, maximum: max(ys.max() ?? 1, atLeast ?? -Double.infinity), includeZero: includeZero)
        let yMap = LinearMap(domain: (scale.lower, scale.upper), range: (plotBottom, plotTop))
        let years = Array(Set(all.map(\.x))).sorted()
        let xMap = LinearMap(domain: (years.first ?? 0, years.last ?? 1), range: (plotLeft + 16, plotRight - 16))
        drawYAxis(scale, map: yMap)
        drawXAxisLine()
        var axis = ["<g class=\"axis x-axis\">"]
        let every = years.count > 14 ? 2 : 1
        for (i, year) in years.enumerated() {
            let x = xMap(year)
            let label = i % every == 0 ? "<text x=\"\(f(x))\" y=\"\(f(plotBottom + 20))\" text-anchor=\"middle\" font-size=\"12\">\(Int(year))</text>" : ""
            axis.append("<g class=\"tick x-tick\" data-value=\"\(Int(year))\"><line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom + 5))\" stroke=\"\(ChartStyle.axisColour)\"/>\(label)</g>")
        }
        axis.append("</g>")
        body.append(axis.joined(separator: "\n"))
        // Bands first, so every line is drawn over them.
        for s in series where s.band.count == 1 {
            // One year: the interval as a vertical bar.
            let b = s.band[0]
            body.append("<line class=\"band\" data-series=\"\(xmlEscaped(s.key))\" x1=\"\(f(xMap(b.x)))\" x2=\"\(f(xMap(b.x)))\" y1=\"\(f(yMap(b.lower)))\" y2=\"\(f(yMap(b.upper)))\" stroke=\"\(ChartStyle.colour(s.style))\" stroke-opacity=\"0.35\" stroke-width=\"8\"/>")
        }
        for s in series where s.band.count > 1 {
            let band = s.band.sorted { $0.x < $1.x }
            let outline = (band.map { (x: $0.x, y: $0.upper) } + band.reversed().map { (x: $0.x, y: $0.lower) })
                .map { "\(f(xMap($0.x))),\(f(yMap($0.y)))" }.joined(separator: " ")
            body.append("<polygon class=\"band\" data-series=\"\(xmlEscaped(s.key))\" points=\"\(outline)\" fill=\"\(ChartStyle.colour(s.style))\" fill-opacity=\"0.15\" stroke=\"none\"/>")
        }
        for s in series {
            let colour = ChartStyle.colour(s.style)
            let dash = ChartStyle.dash(s.style)
            let marker = ChartStyle.marker(s.style)
            let points = s.points.sorted { $0.x < $1.x }.map { "\(f(xMap($0.x))),\(f(yMap($0.y)))" }.joined(separator: " ")
            var group = ["<g class=\"series\" data-series=\"\(xmlEscaped(s.key))\" data-label=\"\(xmlEscaped(s.label))\">"]
            group.append("<polyline class=\"line\" points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.4\" stroke-linejoin=\"round\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>")
            for p in s.points {
                group.append(marker.svg(x: xMap(p.x), y: yMap(p.y), r: 3.6, colour: colour))
            }
            group.append("</g>")
            body.append(group.joined(separator: "\n"))
            legend.append((s.label, { x, y in
                "<line x1=\"\(SVGNumber.format(x))\" x2=\"\(SVGNumber.format(x + 34))\" y1=\"\(SVGNumber.format(y))\" y2=\"\(SVGNumber.format(y))\" stroke=\"\(colour)\" stroke-width=\"2.4\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>" + marker.svg(x: x + 17, y: y, r: 3.6, colour: colour)
            }, s.key))
        }
    }

    // MARK: bars

    mutating func drawBars(categories: [BarCategory], series: [BarSeries], stacked: Bool) {
        var low = 0.0, high = 0.0
        for c in categories {
            if stacked {
                let values = series.compactMap { $0.values[c.key] }
                high = max(high, values.filter { $0 > 0 }.reduce(0, +))
                low = min(low, values.filter { $0 < 0 }.reduce(0, +))
            } else {
                for s in series { if let v = s.values[c.key] { high = max(high, v); low = min(low, v) } }
            }
        }
        let scale = NiceScale(minimum: low, maximum: high, includeZero: true)
        let yMap = LinearMap(domain: (scale.lower, scale.upper), range: (plotBottom, plotTop))
        drawYAxis(scale, map: yMap)
        for (i, s) in series.enumerated() {
            defs.append(ChartStyle.fill(s.style).definition(id: "\(id)-fill-\(i)", colour: ChartStyle.colour(s.style)))
        }
        let band = (plotRight - plotLeft) / Double(max(1, categories.count))
        let barArea = band * (stacked ? 0.56 : 0.8)
        let barWidth = stacked ? barArea : barArea / Double(max(1, series.count))
        var axis = ["<g class=\"axis x-axis\">"]
        let lineWidth = max(6, Int(band / (12 * 0.56)))
        var maxLabelLines = 1
        for (ci, c) in categories.enumerated() {
            let centre = plotLeft + band * (Double(ci) + 0.5)
            let labelLines = wrappedLabel(c.label, width: lineWidth)
            maxLabelLines = max(maxLabelLines, labelLines.count)
            let tspans = labelLines.enumerated().map { "<tspan x=\"\(f(centre))\" dy=\"\($0.offset == 0 ? "0" : "14")\">\(xmlEscaped($0.element))</tspan>" }.joined()
            axis.append("<g class=\"tick x-tick\" data-value=\"\(xmlEscaped(c.key))\"><text x=\"\(f(centre))\" y=\"\(f(plotBottom + 20))\" text-anchor=\"middle\" font-size=\"12\">\(tspans)</text></g>")
            var positive = 0.0, negative = 0.0
            for (si, s) in series.enumerated() {
                guard let v = s.values[c.key] else { continue }
                let x: Double, y: Double, h: Double
                if stacked {
                    x = centre - barWidth / 2
                    let from = v >= 0 ? positive : negative
                    let to = from + v
                    if v >= 0 { positive = to } else { negative = to }
                    y = min(yMap(from), yMap(to))
                    h = abs(yMap(to) - yMap(from))
                } else {
                    x = centre - barArea / 2 + barWidth * Double(si)
                    y = min(yMap(0), yMap(v))
                    h = abs(yMap(v) - yMap(0))
                }
                body.append("<rect class=\"bar\" data-series=\"\(xmlEscaped(s.key))\" data-category=\"\(xmlEscaped(c.key))\" data-value=\"\(v)\" x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(h))\" fill=\"url(#\(id)-fill-\(si))\" stroke=\"#ffffff\" stroke-width=\"0.8\"><title>\(xmlEscaped("\(s.label), \(c.label): \(NumberText.groupedOrFixed(v, digits: scale.decimals + 1))"))</title></rect>")
            }
            if stacked, positive + negative != 0 {
                let total = positive + negative
                body.append("<text class=\"bar-total\" x=\"\(f(centre))\" y=\"\(f(yMap(positive) - 6))\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">\(xmlEscaped(NumberText.groupedOrFixed(total, digits: scale.decimals + 1)))</text>")
            }
        }
        axis.append("</g>")
        body.append(axis.joined(separator: "\n"))
        drawXAxisLine()
        xAxisExtra = Double(maxLabelLines - 1) * 14
        for (i, s) in series.enumerated() {
            let fillID = "\(id)-fill-\(i)"
            legend.append((s.label, { x, y in
                "<rect x=\"\(SVGNumber.format(x + 8))\" y=\"\(SVGNumber.format(y - 8))\" width=\"18\" height=\"16\" fill=\"url(#\(fillID))\" stroke=\"#4d4d4d\" stroke-width=\"0.6\"/>"
            }, s.key))
        }
    }

    /// Splits a category label into lines at spaces and hyphens.
    func wrappedLabel(_ label: String, width: Int) -> [String] {
        var words: [String] = []
        var current = ""
        for c in label {
            current.append(c)
            if c == "-" || c == " " {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        var lines: [String] = []
        var line = ""
        for w in words {
            if line.isEmpty || (line + w).trimmingCharacters(in: .whitespaces).count <= width { line += w } else {
                lines.append(line.trimmingCharacters(in: .whitespaces))
                line = w
            }
        }
        if !line.isEmpty { lines.append(line.trimmingCharacters(in: .whitespaces)) }
        return lines
    }

    // MARK: frame

    func finish() -> String {
        var out: [String] = []
        let xLabelY = plotBottom + 44 + xAxisExtra
        // Legend in rows under the x-axis label.
        var legendLines: [String] = []
        var x = plotLeft
        var y = xLabelY + 26
        for item in legend {
            let itemWidth = 44 + estimatedTextWidth(item.label, fontSize: 12.5) + 22
            if x + itemWidth > width - 10, x > plotLeft {
                x = plotLeft
                y += 22
            }
            legendLines.append("<g class=\"legend-item\" data-series=\"\(xmlEscaped(item.key))\">\(item.swatch(x, y))<text x=\"\(f(x + 42))\" y=\"\(f(y + 4.5))\" font-size=\"12.5\">\(xmlEscaped(item.label))</text></g>")
            x += itemWidth
        }
        let noteLines = wrapped(text.note, width: Int((width - 32) / (11 * 0.5)))
        let noteTop = y + 28
        let height = noteTop + Double(noteLines.count) * 14 + 6
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(xmlEscaped(id))\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" font-family=\"\(ChartStyle.fontFamily)\" fill=\"\(ChartStyle.textColour)\" role=\"img\" aria-labelledby=\"\(xmlEscaped(id))-title\">")
        out.append("<title id=\"\(xmlEscaped(id))-title\">\(xmlEscaped(text.title))</title>")
        if !defs.isEmpty { out.append("<defs>\n" + defs.joined(separator: "\n") + "\n</defs>") }
        out.append("<rect class=\"background\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>")
        // A long title gets a smaller font rather than running off the chart.
        let titleSize = max(13, min(18, (width - 32) / (Double(text.title.count) * 0.56)))
        out.append("<text class=\"title\" x=\"16\" y=\"28\" font-size=\"\(f(titleSize))\" font-weight=\"bold\">\(xmlEscaped(text.title))</text>")
        out.append("<text class=\"subtitle\" x=\"16\" y=\"50\" font-size=\"13\" fill=\"#4d4d4d\">\(xmlEscaped(text.subtitle))</text>")
        out.append(contentsOf: body)
        out.append("<text class=\"axis-label x-label\" x=\"\(f((plotLeft + plotRight) / 2))\" y=\"\(f(xLabelY))\" text-anchor=\"middle\" font-size=\"12.5\">\(xmlEscaped(text.xLabel))</text>")
        out.append("<g class=\"legend\">\n" + legendLines.joined(separator: "\n") + "\n</g>")
        let note = noteLines.enumerated().map { "<tspan x=\"16\" dy=\"\($0.offset == 0 ? "0" : "14")\">\(xmlEscaped($0.element))</tspan>" }.joined()
        out.append("<text class=\"note\" x=\"16\" y=\"\(f(noteTop))\" font-size=\"11\" fill=\"#4d4d4d\">\(note)</text>")
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}

extension NumberText {
    /// Grouped thousands for large numbers, fixed decimals otherwise.
    static func groupedOrFixed(_ value: Double, digits: Int) -> String {
        abs(value) >= 1000 ? grouped(value, digits: digits) : fixed(value, digits: digits)
    }
}
