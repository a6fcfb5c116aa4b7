import Foundation

/// How series are told apart: a colour from the Okabe–Ito palette (safe for the common
/// forms of colour blindness) AND a dash pattern and marker shape for lines, or a fill
/// pattern for bars, so that every series survives printing in greyscale.
///
/// The palette starts with black for the first series (the baseline) and leaves out
/// Okabe–Ito yellow, which is too pale against white for thin lines.
public enum ChartStyle {
    public static let colours = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
    /// SVG `stroke-dasharray` values; the empty string is a solid line.
    public static let dashes = ["", "9 4", "3 3", "10 3 2 3", "14 4", "2 5", "6 2 2 2 2 2"]
    public static let markers: [Marker] = [.circle, .square, .triangle, .diamond, .cross, .triangleDown, .plus]
    public static let fills: [FillPattern] = [.solid, .diagonal, .dots, .horizontal, .crosshatch, .vertical, .reverseDiagonal]

    public static func colour(_ i: Int) -> String { colours[i % colours.count] }
    public static func dash(_ i: Int) -> String { dashes[i % dashes.count] }
    public static func marker(_ i: Int) -> Marker { markers[i % markers.count] }
    public static func fill(_ i: Int) -> FillPattern { fills[i % fills.count] }

    public static let fontFamily = "sans-serif"
    public static let textColour = "#1a1a1a"
    public static let gridColour = "#d9d9d9"
    public static let axisColour = "#4d4d4d"

    public enum Marker: String, Sendable, CaseIterable {
        case circle, square, triangle, diamond, cross, triangleDown, plus

        /// SVG for the marker centred at (x, y) with half-size r.
        func svg(x: Double, y: Double, r: Double, colour: String) -> String {
            let f = SVGNumber.format
            switch self {
            case .circle:
                return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(colour)\"/>"
            case .square:
                return "<rect x=\"\(f(x - r))\" y=\"\(f(y - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" fill=\"\(colour)\"/>"
            case .triangle:
                return "<polygon points=\"\(f(x)),\(f(y - r * 1.2)) \(f(x + r * 1.15)),\(f(y + r * 0.9)) \(f(x - r * 1.15)),\(f(y + r * 0.9))\" fill=\"\(colour)\"/>"
            case .triangleDown:
                return "<polygon points=\"\(f(x)),\(f(y + r * 1.2)) \(f(x + r * 1.15)),\(f(y - r * 0.9)) \(f(x - r * 1.15)),\(f(y - r * 0.9))\" fill=\"white\" stroke=\"\(colour)\" stroke-width=\"1.5\"/>"
            case .diamond:
                return "<polygon points=\"\(f(x)),\(f(y - r * 1.3)) \(f(x + r * 1.3)),\(f(y)) \(f(x)),\(f(y + r * 1.3)) \(f(x - r * 1.3)),\(f(y))\" fill=\"\(colour)\"/>"
            case .cross:
                return "<path d=\"M\(f(x - r)),\(f(y - r))L\(f(x + r)),\(f(y + r))M\(f(x - r)),\(f(y + r))L\(f(x + r)),\(f(y - r))\" stroke=\"\(colour)\" stroke-width=\"2.2\" fill=\"none\"/>"
            case .plus:
                return "<path d=\"M\(f(x - r * 1.2)),\(f(y))L\(f(x + r * 1.2)),\(f(y))M\(f(x)),\(f(y - r * 1.2))L\(f(x)),\(f(y + r * 1.2))\" stroke=\"\(colour)\" stroke-width=\"2.2\" fill=\"none\"/>"
            }
        }
    }

    public enum FillPattern: String, Sendable, CaseIterable {
        case solid, diagonal, dots, horizontal, crosshatch, vertical, reverseDiagonal

        /// A `<pattern>` definition with the given id: the colour as background and white
        /// strokes on top (so the pattern shows on dark and light colours alike).
        func definition(id: String, colour: String) -> String {
            let open = "<pattern id=\"\(id)\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"\(colour)\"/>"
            let stroke = "stroke=\"#ffffff\" stroke-width=\"1.6\""
            switch self {
            case .solid: return open + "</pattern>"
            case .diagonal: return open + "<path d=\"M-2,2L2,-2M0,8L8,0M6,10L10,6\" \(stroke)/></pattern>"
            case .reverseDiagonal: return open + "<path d=\"M-2,6L2,10M0,0L8,8M6,-2L10,2\" \(stroke)/></pattern>"
            case .dots: return open + "<circle cx=\"4\" cy=\"4\" r=\"1.7\" fill=\"#ffffff\"/></pattern>"
            case .horizontal: return open + "<path d=\"M0,4L8,4\" \(stroke)/></pattern>"
            case .vertical: return open + "<path d=\"M4,0L4,8\" \(stroke)/></pattern>"
            case .crosshatch: return open + "<path d=\"M0,4L8,4M4,0L4,8\" stroke=\"#ffffff\" stroke-width=\"1.2\"/></pattern>"
            }
        }
    }
}

/// A "nice" axis: bounds and ticks at 1, 2, 2.5 or 5 × 10ⁿ steps covering the data.
///
/// The bounds always include the data; when `includeZero` is set (amounts, rates) they also
/// include zero, so bar lengths and line heights are not exaggerated by a cut axis.
public struct NiceScale: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var step: Double

    public init(minimum: Double, maximum: Double, includeZero: Bool = true, targetTicks: Int = 5) {
        var low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 1
        if includeZero { low = min(low, 0); high = max(high, 0) }
        if high < low { swap(&low, &high) }
        if high == low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            high += pad
            if !includeZero || low != 0 { low -= pad }
        }
        let step = NiceScale.niceStep((high - low) / Double(max(1, targetTicks)))
        self.step = step
        self.lower = (low / step).rounded(.down) * step
        self.upper = (high / step).rounded(.up) * step
        if self.upper == self.lower { self.upper = self.lower + step }
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `rough`.
    public static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let exponent = (log10(rough)).rounded(.down)
        let base = pow(10, exponent)
        let fraction = rough / base
        let nice: Double
        if fraction <= 1.0000001 { nice = 1 } else if fraction <= 2.0000001 { nice = 2 } else if fraction <= 2.5000001 { nice = 2.5 } else if fraction <= 5.0000001 { nice = 5 } else { nice = 10 }
        return nice * base
    }

    /// The tick values from `lower` to `upper` inclusive.
    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        return (0...max(0, count)).map { (lower + Double($0) * step).roundedToStep(step) }
    }

    /// Decimals needed to print the ticks without losing the step (0 for steps ≥ 1).
    public var decimals: Int {
        var d = 0
        var s = step
        while d < 6 && abs(s - s.rounded()) > 1e-9 { s *= 10; d += 1 }
        return d
    }
}

extension Double {
    /// Removes float noise from a multiple of `step` (0.30000000000000004 → 0.3).
    func roundedToStep(_ step: Double) -> Double {
        let digits = max(0, Int((-log10(step)).rounded(.up)) + 2)
        let scale = pow(10, Double(min(digits, 12)))
        return (self * scale).rounded() / scale
    }
}

/// A linear map from data values to pixels.
public struct LinearMap: Sendable, Equatable {
    public var domain: (Double, Double)
    public var range: (Double, Double)
    public init(domain: (Double, Double), range: (Double, Double)) {
        self.domain = domain
        self.range = range
    }
    public func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0 else { return (range.0 + range.1) / 2 }
        return range.0 + (value - domain.0) / span * (range.1 - range.0)
    }
    public static func == (a: LinearMap, b: LinearMap) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
}

/// Numbers and text as they go into SVG/HTML.
enum SVGNumber {
    /// Coordinates with at most two decimals, no trailing zeros ("12.5", "300").
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// Escapes text for XML/HTML content and attribute values.
public func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

/// A rough width of text in the chart font (sans-serif averages about 0.55 em per character).
func estimatedTextWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.5
}

/// Splits text into lines of at most `width` characters at spaces.
func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
        if current.isEmpty { current = String(word) } else if current.count + 1 + word.count <= width { current += " " + word } else {
            lines.append(current)
            current = String(word)
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}
