import Foundation
import Testing
import SpsimSupport
@testable import Projection

@Suite("Population projection file")
struct PopulationProjectionTests {
    static let defaultFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scenarios/demography/pakistan-projection.yaml")

    @Test("the default file gives the census grown at 2.55% a year with the stated ageing")
    func defaultFile() throws {
        let projection = try PopulationProjectionLoader.load(Self.defaultFile)
        let t2023 = try projection.targets(year: 2023)
        // Census 2023 (pakistan-facts.md): 117,154,694 women and 124,324,406 men.
        #expect(abs(t2023.total - 241_479_100) <= 1e-6 * 241_479_100)
        let t2035 = try projection.targets(year: 2035)
        let total2035: Double = 241_479_100 * Foundation.pow(1.0255, 12.0)
        #expect(abs(t2035.total - total2035) <= 1e-9 * total2035)
        // Under 15: 40.56% − 12 × 0.4 points = 35.76%; 65+: 3.55% + 12 × 0.1 points = 4.75%.
        let under15 = t2035.ageSex[0].reduce(0, +) / t2035.total
        let older = t2035.ageSex[2].reduce(0, +) / t2035.total
        #expect(abs(under15 - 0.3576) <= 1e-12)
        #expect(abs(older - 0.0475) <= 1e-12)
        #expect(abs(t2035.province[0] / t2035.total - 0.5287) <= 1e-12)
        #expect(abs(t2035.province.reduce(0, +) - t2035.total) <= 1e-6 * t2035.total)
    }

    @Test("a year before the base year is an error naming the file and the fix")
    func beforeBase() throws {
        let projection = try PopulationProjectionLoader.load(Self.defaultFile)
        do {
            _ = try projection.targets(year: 2020)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("pakistan-projection.yaml"))
            #expect(error.description.contains("Fix:"))
        }
    }

    static let valid = """
    title: test
    base_year: 2023
    parameters:
      women: {unit: persons, source: s, value: 100}
      men: {unit: persons, source: s, value: 110}
      growth_rate: {unit: /year, source: s, value: 0.02}
      share_under_15: {unit: /1, source: s, value: 0.4}
      share_65_plus: {unit: /1, source: s, value: 0.04}
      change_share_under_15: {unit: /1 per year, source: s, value: -0.004}
      change_share_65_plus: {unit: /1 per year, source: s, value: 0.001}
      province_share:
        unit: /1
        source: s
        values: {PB: 0.5, SD: 0.2, KP: 0.2, BA: 0.05, IS: 0.05}
    """

    @Test("problems are reported with file, line, key and a fix, all at once")
    func errors() throws {
        var text = Self.valid.replacingOccurrences(of: "growth_rate:", with: "growth_rat:")
        text = text.replacingOccurrences(of: "IS: 0.05}", with: "IS: 0.15}")
        text = text.replacingOccurrences(of: "{unit: persons, source: s, value: 110}", with: "{unit: /1, source: s, value: 110}")
        do {
            _ = try PopulationProjectionLoader.parse(text, file: "p.yaml")
            Issue.record("expected errors")
        } catch {
            let lines = error.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("p.yaml:6 [parameters.growth_rat]") && $0.contains("did you mean 'growth_rate'") })
            #expect(lines.contains { $0.hasPrefix("p.yaml:14 [parameters.province_share.values]") && $0.contains("add up to") })
            #expect(lines.contains { $0.hasPrefix("p.yaml:5 [parameters.men.unit]") && $0.contains("persons") })
            #expect(lines.allSatisfy { $0.contains("Fix:") })
        }
    }

    @Test("explicit years (e.g. UN WPP figures) are used exactly as given")
    func explicitYears() throws {
        let text = Self.valid + """

        years:
          2030:
            source: UN WPP (test)
            women: {0-14: 30, 15-64: 60, 65+: 5}
            men: {0-14: 32, 15-64: 61, 65+: 4}
        """
        let projection = try PopulationProjectionLoader.parse(text, file: "p.yaml")
        let t = try projection.targets(year: 2030)
        #expect(t.ageSex == [[30, 32], [60, 61], [5, 4]])
        #expect(abs(t.province[0] - 0.5 * 192) <= 1e-12)
        #expect(t.source == "UN WPP (test)")
    }
}
