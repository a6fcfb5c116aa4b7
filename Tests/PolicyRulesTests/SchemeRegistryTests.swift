import Foundation
import Testing
@testable import PolicyRules
import PopulationData
import SpsimSupport

/// The R1 parameter file without the parameters of the given schemes (their blocks removed).
func r1Text(without schemes: [String]) throws -> String {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml"), encoding: .utf8)
    var out: [Substring] = []
    var skipping = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("  ") && !line.hasPrefix("   ") {
            let name = line.trimmingCharacters(in: .whitespaces)
            skipping = schemes.contains { name.hasPrefix("\($0).") }
        } else if !line.hasPrefix(" ") {
            skipping = false
        }
        if !skipping { out.append(line) }
    }
    return out.joined(separator: "\n")
}

@Suite("Schemes as plug-ins: the registry, optional schemes, defaults")
struct SchemeRegistryTests {
    @Test("docs/scenario-format.md embeds exactly the registry's parameter table")
    func docsTableMatchesRegistry() throws {
        let docs = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        #expect(docs.contains(SchemeRegistry.markdownTable()))
    }

    @Test("every registered scheme has a unique name, its parameters carry its prefix, and the catalog holds them once")
    func registryIsConsistent() {
        let names = SchemeRegistry.declarations.map(\.name)
        #expect(Set(names).count == names.count)
        for declaration in SchemeRegistry.declarations {
            #expect(declaration.parameters.allSatisfy { $0.name.hasPrefix(declaration.name + ".") })
            #expect(SchemeRegistry.index(of: declaration.name) != nil)
            // A scheme paying benefits reports what it costs.
            if declaration.payer == .budget || declaration.payer == .socialInsurance { #expect(declaration.costIndicator != nil) }
        }
        let all = ParameterCatalog.definitions.map(\.name)
        #expect(Set(all).count == all.count)
    }

    @Test("a parameter file that does not mention a scheme leaves it off: no parameters, no cost, same result as enabled: false")
    func unmentionedSchemeIsOff() throws {
        let fixture = try ScenarioFixture()
        let without = try fixture.write("no-social-pension.yaml", try r1Text(without: ["social_pension"]))
        let scenario = try ScenarioLoader.load(without)
        let policy = try scenario.policy(year: 2025)
        #expect(policy[SocialPension.self] == nil)
        #expect(policy[HouseholdTransfer.self] != nil)

        let full = try ScenarioLoader.load(fixture.folder.appendingPathComponent("base.yaml"), overrides: ["social_pension.enabled=false"])
        var b = HouseholdBuilder()
        b.household(id: 1, pmt: 20, [.init(id: 1, age: 70, sex: .female), .init(id: 2, age: 40, status: .employee, earnings: 20_000)])
        b.household(id: 2, pmt: 60, [.init(id: 3, age: 80)])
        let off = try PolicyEngine.run(policy, on: b.population)
        let disabled = try PolicyEngine.run(try full.policy(year: 2025), on: b.population)
        #expect(off.columns(of: SocialPension.self) == nil)
        #expect(disabled.columns(of: SocialPension.self) == nil)
        #expect(off.policyIncome == disabled.policyIncome)
        #expect(off.received(HouseholdTransfer.self) == disabled.received(HouseholdTransfer.self))
    }

    @Test("a scheme given in part is an error naming each missing parameter without a default")
    func partialSchemeIsAnError() throws {
        let fixture = try ScenarioFixture()
        let text = try r1Text(without: ["child_benefit"]).replacingOccurrences(of: "  poverty.line:", with: """
          child_benefit.amount:
            description: Child benefit per child
            unit: PKR/month
            source: test
            values:
              2024-07-01: 1000
          poverty.line:
        """)
        let url = try fixture.write("partial.yaml", text)
        let errors = fixture.problems(url)
        let line = line(of: "child_benefit.amount:", in: text)
        #expect(located(errors, file: "partial.yaml", line: line, key: "child_benefit.maximum_age", containing: "does not give child_benefit.maximum_age"))
        #expect(located(errors, file: "partial.yaml", line: line, key: "child_benefit.pmt_cutoff", containing: "does not give child_benefit.pmt_cutoff"))
        // Parameters with a default are not demanded.
        #expect(!errors.contains { $0.column == "child_benefit.take_up" || $0.column == "child_benefit.enabled" })
    }

    @Test("a scenario switches on a scheme its baseline does not use; left-out parameters take their declared defaults")
    func scenarioSwitchesSchemeOn() throws {
        let fixture = try ScenarioFixture()
        _ = try fixture.write("base.yaml", try r1Text(without: ["child_benefit"]))
        let url = try fixture.scenario(changes: """
          child_benefit.amount: 1000
          child_benefit.maximum_age: 5
          child_benefit.pmt_cutoff: 100
        """)
        let scenario = try ScenarioLoader.load(url)
        let child = try #require(try scenario.policy(year: 2025)[ChildBenefit.self])
        #expect(child.enabled && child.amount == 1_000 && child.maximumAge == 5 && child.pmtCutoff == 100)
        #expect(child.takeUp == 1) // the declared default
        #expect(scenario.parameters["child_benefit.amount"]?.source == "set by scenario.yaml" || scenario.parameters["child_benefit.amount"]?.source.hasSuffix("scenario.yaml") == true)
        // The baseline itself has no child benefit.
        let base = try ScenarioLoader.load(fixture.folder.appendingPathComponent("base.yaml"))
        #expect(try base.policy(year: 2025)[ChildBenefit.self] == nil)

        // --set does the same from the command line.
        let set = try ScenarioLoader.load(fixture.folder.appendingPathComponent("base.yaml"),
                                          overrides: ["child_benefit.amount=500", "child_benefit.maximum_age=3", "child_benefit.pmt_cutoff=32"])
        #expect(try set.policy(year: 2025)[ChildBenefit.self]?.amount == 500)
        // Half a scheme through --set is refused, naming what is missing.
        let errors = fixture.problems(fixture.folder.appendingPathComponent("base.yaml"), overrides: ["child_benefit.amount=500"])
        #expect(errors.contains { $0.column == "child_benefit.maximum_age" })
    }

    @Test("a phase needs the scheme it extends")
    func phaseNeedsItsScheme() throws {
        let fixture = try ScenarioFixture()
        _ = try fixture.write("base.yaml", try r1Text(without: ["contributory"]))
        let url = try fixture.scenario(phases: """
          - name: ext
            label: Extension
            scheme: contributory
            source: test
            target: {formal: false}
            start_year: 2025
            take_up: {initial: 0.5, ceiling: 0.5, ramp_years: 0}
            subsidy_share: 0.5
        """)
        let errors = fixture.problems(url)
        #expect(errors.contains { $0.column == "phases.ext.scheme" && $0.description.contains("which the scenario does not use") })
    }
}
