// Issue 13, "Nothing crashes": phases that were dropped silently or accepted out of range.
import Foundation
import Testing
@testable import PolicyRules
import SpsimSupport

@Suite("Input hardening: phases")
struct PhaseHardeningTests {
    static let head = """
      - name: wider
        label: Wider extension
        scheme: contributory
        source: test
        start_year: 2026
        subsidy_share: 0.5

    """

    @Test("a take_up that is empty or lacks a field is an error naming the field", arguments: [
        ("{}", ["initial", "ceiling", "ramp_years"]),
        ("{ceiling: 0.4, ramp_years: 5}", ["initial"]),
        ("{initial: 0.1, ramp_years: 5}", ["ceiling"]),
        ("{initial: 0.1, ceiling: 0.4}", ["ramp_years"]),
    ])
    func takeUpFields(_ takeUp: String, _ missing: [String]) throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(phases: Self.head + "    take_up: \(takeUp)\n")
        let found = f.problems(url)
        #expect(found.count == missing.count && oneLine(found))
        for field in missing {
            #expect(located(found, file: "scenario.yaml", line: 12, key: "phases.wider.take_up.\(field)",
                            containing: "take_up has no \(field) (initial, ceiling and ramp_years are all required)"))
        }
    }

    @Test("a phase without take_up is an error")
    func noTakeUp() throws {
        let f = try ScenarioFixture()
        let found = f.problems(try f.scenario(phases: Self.head))
        #expect(found.count == 1 && found.first?.column == "phases.wider.take_up" && found.first?.problem == "the phase has no take_up")
    }

    @Test("a phase's start year is a whole year from 2000 to 2100", arguments: ["1950", "2101", "2150", "1e20", "2026.5"])
    func startYear(_ year: String) throws {
        let f = try ScenarioFixture()
        let text = Self.head.replacingOccurrences(of: "start_year: 2026", with: "start_year: \(year)") + "    take_up: {initial: 0.1, ceiling: 0.4, ramp_years: 5}\n"
        let found = f.problems(try f.scenario(phases: text))
        #expect(found.count == 1 && oneLine(found))
        #expect(found.first?.column == "phases.wider.start_year" && found.first?.line == 10)
        #expect(found.first?.fix.contains("from 2000 to 2100") == true)
    }

    @Test("a huge ramp_years is refused, in a file and with --set")
    func hugeRamp() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(phases: Self.head + "    take_up: {initial: 0.1, ceiling: 0.4, ramp_years: 1e20}\n")
        let found = f.problems(url)
        #expect(found.count == 1 && located(found, file: "scenario.yaml", line: 12, key: "phases.wider.take_up.ramp_years", containing: "whole number from 0 to 100"))
        let set = f.problems(try f.scenario(), overrides: ["phases.extension.take_up.ramp_years=1e300"])
        #expect(set.count == 1 && set.first?.description.hasPrefix("--set [phases.extension.take_up.ramp_years]: a number of years must be a whole number from 0 to 100; found '1e300'") == true)
    }

    @Test("registration capacity, admin cost and subsidy years have ranges")
    func phaseRanges() throws {
        let f = try ScenarioFixture()
        let text = Self.head.replacingOccurrences(of: "subsidy_share: 0.5", with: "subsidy_share: {1950: 0.5}")
            + "    take_up: {initial: 0.1, ceiling: 0.4, ramp_years: 5}\n    registration_capacity: 1e12\n    admin_cost_per_registered: 1e16\n"
        let found = f.problems(try f.scenario(phases: text))
        #expect(oneLine(found))
        #expect(located(found, file: "scenario.yaml", line: 11, key: "phases.wider.subsidy_share", containing: "from 2000 to 2100"))
        #expect(located(found, file: "scenario.yaml", line: 13, key: "phases.wider.registration_capacity", containing: "the registration capacity must be from 0 to 1e9"))
        #expect(located(found, file: "scenario.yaml", line: 14, key: "phases.wider.admin_cost_per_registered", containing: "above 1e15"))
    }
}
