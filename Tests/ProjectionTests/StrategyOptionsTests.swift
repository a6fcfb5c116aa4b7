import Foundation
import Testing
import PolicyRules

@Suite("The shipped strategy options")
struct StrategyOptionsTests {
    static let options = ["kafaalat-expansion", "contributory-extension", "minimum-wage-registration", "social-protection-floor"]

    @Test("each option loads against the baseline and resolves every year of the default horizon", arguments: options)
    func loads(name: String) throws {
        let url = ScenarioFolder.repository.appendingPathComponent("scenarios/\(name).yaml")
        let scenario = try ScenarioLoader.load(url)
        #expect(scenario.name == name)
        #expect(!scenario.title.isEmpty && !scenario.description.isEmpty && !scenario.reference.isEmpty)
        #expect(scenario.baselineChain.contains { $0.hasSuffix("baseline.yaml") })
        let baseline = try ScenarioLoader.load(ScenarioFolder.repository.appendingPathComponent("scenarios/baseline.yaml"))
        var differsSomeYear = false
        for year in 2025...2035 {
            let policy = try scenario.policy(year: year)
            let base = try baseline.policy(year: year)
            if year == 2025 {
                // Every option starts in 2026 or later: 2025 is today's policy.
                var schemesOnly = policy, baseSchemesOnly = base
                schemesOnly.phases = []; baseSchemesOnly.phases = []
                #expect(schemesOnly == baseSchemesOnly)
                #expect(policy.phases.allSatisfy { !$0.active })
            }
            if policy != base { differsSomeYear = true }
        }
        #expect(differsSomeYear)
    }
}
