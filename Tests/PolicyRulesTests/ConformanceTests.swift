import Foundation
import Testing
@testable import Indicators
@testable import PolicyRules
import PopulationData

/// Conformance case R1 and its variant V1 (shared/conformance): the scenarios in
/// scenarios/conformance express them in spsim's own format; every indicator of the
/// expected JSON (computed by an independent implementation) must match to 1e-9
/// relative (1e-9 absolute for rates and indices, i.e. values in [−1, 1] scale).
///
/// Without `shared/conformance` beside the repository the suite is reported as skipped
/// (not passed). CI requires it: `.ci/run` stops before testing when `../shared/conformance`
/// is missing, and sets `SPSIM_REQUIRE_CONFORMANCE=1`, which runs (and so fails) the suite
/// even when the folder cannot be found.
@Suite("Conformance R1", .enabled(if: ConformanceData.folder != nil || ConformanceData.required,
                                  "shared/conformance/r1-population-small.csv not found beside the repository or its parents"))
struct ConformanceTests {
    static let repository = ConformanceData.repository
    static let conformanceFolder = ConformanceData.folder

    static func check(scenario: String, expected: String) throws {
        let folder = try #require(conformanceFolder, "shared/conformance/r1-population-small.csv not found beside \(repository.path) or its parents")
        let population = try PopulationCSV.read(folder.appendingPathComponent("r1-population-small.csv"), showProgress: false)
        let loaded = try ScenarioLoader.load(repository.appendingPathComponent("scenarios/conformance/\(scenario)"))
        let policy = try loaded.policy(year: 2025)
        let result = try PolicyEngine.run(policy, on: population)
        let indicators = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
        let data = try Data(contentsOf: folder.appendingPathComponent(expected))
        let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
        #expect(reference.count >= 29)
        var worst = 0.0
        for (key, value) in reference.sorted(by: { $0.key < $1.key }) {
            let actual = try #require(indicators[key], "indicator \(key) is missing")
            let difference = abs(actual - value)
            let tolerance = abs(value) <= 1.5 ? 1e-9 : 1e-9 * abs(value)
            worst = max(worst, abs(value) <= 1.5 ? difference : difference / abs(value))
            #expect(difference <= tolerance, "\(scenario) \(key): spsim \(actual), expected \(value), difference \(difference)")
        }
        print("conformance \(scenario): \(reference.count) indicators, largest difference \(worst)")
    }

    @Test("R1 reproduces r1-small-expected.json")
    func r1() throws { try Self.check(scenario: "r1.yaml", expected: "r1-small-expected.json") }

    @Test("V1 reproduces r1-small-expected-v1.json")
    func v1() throws { try Self.check(scenario: "r1-v1.yaml", expected: "r1-small-expected-v1.json") }
}

/// Where the published conformance data is (outside the suite: its `.enabled(if:)` trait
/// cannot refer to the suite's own members).
enum ConformanceData {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `shared/conformance` folder: beside the repository, or beside one of its parents.
    static let folder: URL? = {
        var directory = repository
        for _ in 0..<4 {
            let candidate = directory.deletingLastPathComponent().appendingPathComponent("shared/conformance")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("r1-population-small.csv").path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }()

    /// Set in CI: the suite must run.
    static let required = ProcessInfo.processInfo.environment["SPSIM_REQUIRE_CONFORMANCE"] == "1"
}
