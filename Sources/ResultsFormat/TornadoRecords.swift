import Foundation
import SpsimSupport

/// One bar of a tornado chart: an indicator of one scenario in one year with one
/// uncertain assumption at its low and at its high bound, every other assumption at its
/// central value (`compare --assumptions FILE --tornado`).
public struct TornadoBar: Sendable, Equatable {
    public var scenario: String
    public var year: Int
    public var indicator: String
    public var parameter: String
    public var unit: String
    public var lowInput: Double
    public var highInput: Double
    /// The indicator with every assumption central.
    public var central: Double
    public var atLow: Double
    public var atHigh: Double

    public init(scenario: String, year: Int, indicator: String, parameter: String, unit: String, lowInput: Double, highInput: Double,
                central: Double, atLow: Double, atHigh: Double) {
        self.scenario = scenario; self.year = year; self.indicator = indicator; self.parameter = parameter; self.unit = unit
        self.lowInput = lowInput; self.highInput = highInput; self.central = central; self.atLow = atLow; self.atHigh = atHigh
    }

    /// How far the indicator moves between the two bounds (what orders the bars).
    public var swing: Double { abs(atHigh - atLow) }
}

/// `tornado.csv`: one row per bar, bars of a (scenario, indicator) from the largest swing down.
public enum TornadoRecords {
    public static let fileName = "tornado.csv"
    public static let header = ["scenario", "year", "indicator", "parameter", "unit", "low_input", "high_input", "central", "at_low", "at_high", "swing"]

    public static func csv(_ bars: [TornadoBar]) -> String {
        var text = CSVText.row(header)
        for bar in bars {
            text += CSVText.row([bar.scenario, String(bar.year), bar.indicator, bar.parameter, bar.unit,
                                 number(bar.lowInput), number(bar.highInput), number(bar.central), number(bar.atLow), number(bar.atHigh), number(bar.swing)])
        }
        return text
    }

    /// Shortest round-trip text; empty for an undefined value.
    static func number(_ x: Double) -> String { x.isFinite ? x.description : "" }

    /// Reads `tornado.csv` back (for the report). Throws `InputError` with the line for a malformed row.
    public static func read(_ url: URL) throws -> [TornadoBar] {
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = CSVText.lines(text)
        guard let first = lines.first, first.fields == header else {
            throw InputError(file: url.path, line: 1, problem: "not a tornado.csv header", value: lines.first?.raw, fix: "write the folder again with spsim compare --assumptions FILE --tornado")
        }
        return try lines.dropFirst().map { line in
            let f = line.fields
            func value(_ i: Int) throws -> Double {
                if f[i].isEmpty { return .nan }
                guard let x = Double(f[i]) else {
                    throw InputError(file: url.path, line: line.line, column: header[i], problem: "not a number", value: f[i], fix: "write the folder again with spsim compare")
                }
                return x
            }
            guard f.count == header.count, let year = Int(f[1]) else {
                throw InputError(file: url.path, line: line.line, problem: "a row needs \(header.count) fields with a year", value: line.raw, fix: "write the folder again with spsim compare")
            }
            return TornadoBar(scenario: f[0], year: year, indicator: f[2], parameter: f[3], unit: f[4], lowInput: try value(5), highInput: try value(6),
                              central: try value(7), atLow: try value(8), atHigh: try value(9))
        }
    }
}
