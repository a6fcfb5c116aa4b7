import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Indicators
import Reports
import ResultsFormat
import SpsimSupport

/// A small results folder with known values, written the way `spsim compare` writes one
/// (docs/results-format.md): scenarios × years of records given by simple formulas, so
/// tests can compute every expected figure by hand.
struct SyntheticResults {
    static let scenarios = [("base", "Today's schemes"), ("alt", "Kafaalat expansion"), ("third", "Combined floor")]
    static let years = Array(2025...2029)
    static let schemes = ["household_transfer", "social_pension", "contribution_subsidy"]

    /// Government cost, % of GDP: 0.5 + 0.1 k + 0.05 (year − 2025) for scenario k.
    static func costPctGDP(_ k: Int, _ year: Int) -> Double { 0.5 + 0.1 * Double(k) + 0.05 * Double(year - 2025) }
    /// Coverage (share): 0.30 + 0.02 k (year − 2025).
    static func coverage(_ k: Int, _ year: Int) -> Double { 0.30 + 0.02 * Double(k) * Double(year - 2025) }
    static func coverageWomen(_ k: Int, _ year: Int) -> Double { coverage(k, year) - 0.04 }
    static func coverageMen(_ k: Int, _ year: Int) -> Double { coverage(k, year) + 0.04 }
    /// Poverty headcount (share): 0.25 − 0.01 k (year − 2025).
    static func poverty(_ k: Int, _ year: Int) -> Double { 0.25 - 0.01 * Double(k) * Double(year - 2025) }
    /// Scheme cost, % of GDP: (scheme index + 1) × 0.1 × (k + 1).
    static func schemeCost(_ k: Int, _ scheme: Int) -> Double { Double(scheme + 1) * 0.1 * Double(k + 1) }
    /// Average benefit by decile, PKR/month: 1000 (11 − decile) + 200 k.
    static func averageBenefit(_ k: Int, _ decile: Int) -> Double { 1000 * Double(11 - decile) + 200 * Double(k) }

    static func records() -> [ScenarioYearRecord] {
        var out: [ScenarioYearRecord] = []
        for (k, (name, _)) in scenarios.enumerated() {
            for year in years {
                func add(_ indicator: String, _ value: Double, _ unit: String, _ breakdown: String = "total", _ group: String = "all") {
                    out.append(ScenarioYearRecord(scenario: name, year: year, record: IndicatorRecord(indicator: indicator, breakdown: breakdown, group: group, value: value, unit: unit)))
                }
                add("government_cost_pct_gdp", costPctGDP(k, year), "% of GDP")
                add("government_cost", costPctGDP(k, year) / 100 * 1e14, "PKR/year")
                add("coverage_rate", coverage(k, year), "/1")
                add("coverage_rate_women", coverageWomen(k, year), "/1")
                add("coverage_rate_men", coverageMen(k, year), "/1")
                add("poverty_headcount_policy", poverty(k, year), "/1")
                add("gini_policy", 0.3, "/1")
                for (i, scheme) in schemes.enumerated() {
                    add("scheme_cost_pct_gdp", schemeCost(k, i), "% of GDP", "scheme", scheme)
                    add("scheme_cost", schemeCost(k, i) / 100 * 1e14, "PKR/year", "scheme", scheme)
                }
                add("transfer_households", 5e6 * Double(k + 1), "households")
                add("financing", 2e11, "PKR/year", "payer", "budget")
                add("financing", 1e11, "PKR/year", "payer", "employers")
                for d in 1...10 { add("average_benefit", averageBenefit(k, d), "PKR/month", "decile", "\(d)") }
            }
        }
        // A difference row as compare writes them: reports must ignore it.
        out.append(ScenarioYearRecord(scenario: "alt-minus-base", year: 2025, record: IndicatorRecord(indicator: "government_cost_pct_gdp", value: 0.1, unit: "% of GDP")))
        return out
    }

    static func csv(_ records: [ScenarioYearRecord]) -> String { ComparisonRecords.csv(records) }

    /// A SHA-256-shaped hex string derived from a name (the manifest checks the shape only).
    static func hash(_ name: String) -> String { SHA256Digest.hex(of: Data(name.utf8)) }

    /// The manifest `compare` would write for these results (before the outputs are added).
    static func manifest() -> ResultsManifest {
        ResultsManifest(spsimVersion: "0.1.0", date: "2026-11-23T12:00:00Z", seed: 7,
                        population: .init(kind: "generated", households: 2000, seed: 7),
                        populationProjection: .init(name: "", file: "scenarios/demography/p.yaml", title: "Projection", sha256: hash("p")),
                        years: years, baseline: "base",
                        scenarios: scenarios.map { .init(name: $0.0, file: "scenarios/\($0.0).yaml", title: $0.1, sha256: hash($0.0)) },
                        overrides: [])
    }

    /// The same results in memory, without a folder.
    static func results() throws -> ComparisonResults {
        ComparisonResults(manifest: manifest(), records: records())
    }

    /// Writes the folder as `compare` does into a fresh temporary directory and returns it;
    /// `csv`, `json` or `manifestText`, when given, then replace what was written (the
    /// manifest keeps the counts and checksums of the files as `compare` wrote them).
    static func makeFolder(csv: String? = nil, json: String? = nil, manifestText: String? = nil,
                           editManifest: (inout ResultsManifest) -> Void = { _ in }) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written = try ComparisonRecords.write(records: records(), manifest: manifest(), into: directory)
        editManifest(&written)
        try written.encoded().write(to: directory.appendingPathComponent("manifest.json"))
        if let manifestText { try Data(manifestText.utf8).write(to: directory.appendingPathComponent("manifest.json")) }
        if let csv { try Data(csv.utf8).write(to: directory.appendingPathComponent("comparison.csv")) }
        if let json { try Data(json.utf8).write(to: directory.appendingPathComponent("comparison.json")) }
        return directory
    }

    /// Removes a folder made by `makeFolder` and the lock file a writer left beside it.
    static func remove(_ folder: URL) {
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.removeItem(at: ResultsFolderWriter.lockURL(for: folder))
    }
}

/// A minimal XML tree, parsed with Foundation's XMLParser, for structural checks of SVG.
final class XMLNode {
    let name: String
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// All descendants (depth first, self included) matching a predicate.
    func all(_ predicate: (XMLNode) -> Bool) -> [XMLNode] {
        var out: [XMLNode] = predicate(self) ? [self] : []
        for c in children { out += c.all(predicate) }
        return out
    }

    func all(named name: String) -> [XMLNode] { all { $0.name == name } }
    func all(class cls: String) -> [XMLNode] { all { ($0.attributes["class"] ?? "").split(separator: " ").contains(Substring(cls)) } }

    /// The text of this node and its descendants.
    var fullText: String { text + children.map(\.fullText).joined() }

    static func parse(_ xml: String) throws -> XMLNode {
        let delegate = Builder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = delegate
        guard parser.parse(), let root = delegate.root else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "no root") at line \(parser.lineNumber)"])
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLNode?
        var stack: [XMLNode] = []
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLNode(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
