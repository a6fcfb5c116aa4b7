import Foundation
import ResultsFormat
import Testing
import Indicators
import PolicyRules
import PopulationData
import SpsimSupport
@testable import Projection

/// Scenario files for the tests, written into a temporary folder beside a copy of the
/// conformance parameter file r1.yaml (R1's rules, which every test changes only through
/// scenario files or `--set`).
struct ScenarioFolder {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-projection-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("scenarios/conformance/r1.yaml"), to: directory.appendingPathComponent("r1.yaml"))
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func load(_ name: String, overrides: [String] = []) throws -> Scenario {
        try ScenarioLoader.load(directory.appendingPathComponent(name), overrides: overrides)
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    static func projection() throws -> PopulationProjection {
        try PopulationProjectionLoader.load(repository.appendingPathComponent("scenarios/demography/pakistan-projection.yaml"))
    }
}

@Suite("Projection over years and comparison of scenarios")
struct ProjectorTests {
    static let population = TestPopulations.make(households: 400)

    static func value(_ records: [ScenarioYearRecord], _ scenario: String, _ year: Int, _ indicator: String, breakdown: String = "total", group: String = "all") -> Double? {
        records.first { $0.scenario == scenario && $0.year == year && $0.record.indicator == indicator && $0.record.breakdown == breakdown && $0.record.group == group }?.record.value
    }

    @Test("a scenario identical to the baseline gives exactly zero differences in every record")
    func identicalScenario() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        _ = try folder.write("same.yaml", "title: Same\ndescription: no change\nreference: test\nbaseline: r1.yaml\n")
        let projector = try Projector(population: Self.population, baseYear: 2025, years: Array(2025...2028), projection: try ScenarioFolder.projection())
        let comparison = try Comparison.run([try folder.load("r1.yaml"), try folder.load("same.yaml")], projector: projector, threads: 2)
        let differences = comparison.records.filter { $0.scenario == "same-minus-r1" }
        let own = comparison.records.filter { $0.scenario == "same" }
        #expect(!differences.isEmpty)
        #expect(differences.count == own.count)
        #expect(differences.allSatisfy { $0.record.value == 0 })
    }

    @Test("a phase and a benefit starting in 2030 change nothing before 2030, and something from 2030")
    func phaseStartingLater() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        _ = try folder.write("later.yaml", """
        title: Later
        description: a minimum-wage registration phase and a child benefit from 2030
        reference: test
        baseline: r1.yaml
        changes:
          child_benefit.enabled:
            source: test
            values: {2030-07-01: true}
          child_benefit.amount:
            source: test
            values: {2030-07-01: 1000}
          child_benefit.maximum_age:
            source: test
            values: {2030-07-01: 5}
          child_benefit.pmt_cutoff:
            source: test
            values: {2030-07-01: 100}
          child_benefit.take_up:
            source: test
            values: {2030-07-01: 1}
        phases:
          - name: registration
            label: informal employees registered
            scheme: minimum_wage_registration
            source: test
            target: {labour_status: [employee], formal: false}
            start_year: 2030
            take_up: {initial: 0.5, ceiling: 0.5, ramp_years: 0}
            compliance: 1.0
            admin_cost_per_registered: 1000
        """)
        let projector = try Projector(population: Self.population, baseYear: 2025, years: Array(2027...2031), projection: try ScenarioFolder.projection())
        let comparison = try Comparison.run([try folder.load("r1.yaml"), try folder.load("later.yaml")], projector: projector, threads: 1)
        let differences = comparison.records.filter { $0.scenario == "later-minus-r1" }
        for record in differences where record.year < 2030 {
            #expect(record.record.value == 0, "\(record.year) \(record.record.indicator) \(record.record.breakdown) \(record.record.group)")
        }
        for year in 2030...2031 {
            let childCost = try #require(Self.value(differences, "later-minus-r1", year, "child_benefit_cost"))
            #expect(childCost > 0)
            let admin = try #require(Self.value(differences, "later-minus-r1", year, "admin_cost"))
            #expect(admin > 0)
        }
    }

    @Test("doubling the wage index doubles earnings-linked contributions and leaves flat amounts unchanged")
    func upratingScales() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        // Contributions as a share of earnings; no minimum-wage floor (MW = 0), so
        // contributions are linear in earnings and the doubled wage index doubles them.
        let common = ["contributory.contribution_base=earnings", "minimum_wage.amount=0"]
        _ = try folder.write("flat.yaml", "title: Flat wages\ndescription: t\nreference: t\nbaseline: r1.yaml\n")
        _ = try folder.write("double.yaml", "title: Doubling wages\ndescription: t\nreference: t\nbaseline: r1.yaml\n")
        let flat = try folder.load("flat.yaml", overrides: common + ["economy.nominal_wage_growth=0"])
        let double = try folder.load("double.yaml", overrides: common + ["economy.nominal_wage_growth=1"])
        let projector = try Projector(population: Self.population, baseYear: 2025, years: [2025, 2026], projection: try ScenarioFolder.projection())
        let records = try Comparison.run([flat, double], projector: projector, threads: 2).records
        for indicator in ["contribution_revenue", "contribution_subsidy_cost"] {
            let a2025 = try #require(Self.value(records, "flat", 2025, indicator)), b2025 = try #require(Self.value(records, "double", 2025, indicator))
            #expect(a2025 == b2025)  // index 1 in the base year for both
            let a = try #require(Self.value(records, "flat", 2026, indicator)), b = try #require(Self.value(records, "double", 2026, indicator))
            #expect(a > 0)
            #expect(abs(b - 2 * a) <= 1e-9 * b, "\(indicator): \(b) vs 2 × \(a)")
        }
        for payer in ["employers", "workers"] {
            let a = try #require(Self.value(records, "flat", 2026, "financing", breakdown: "payer", group: payer))
            let b = try #require(Self.value(records, "double", 2026, "financing", breakdown: "payer", group: payer))
            #expect(abs(b - 2 * a) <= 1e-9 * b)
        }
        let transferA = try #require(Self.value(records, "flat", 2026, "transfer_cost")), transferB = try #require(Self.value(records, "double", 2026, "transfer_cost"))
        #expect(transferA == transferB)
    }

    @Test("each year's weighted population equals the projected total")
    func populationMatchesProjection() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        let projection = try ScenarioFolder.projection()
        let projector = try Projector(population: Self.population, baseYear: 2025, years: [2025, 2030, 2035], projection: projection)
        let records = try Comparison.run([try folder.load("r1.yaml")], projector: projector).records
        for year in [2025, 2030, 2035] {
            let expected = try projection.targets(year: year).total
            let population = try #require(Self.value(records, "r1", year, "population"))
            #expect(abs(population - expected) <= 1e-7 * expected)
        }
    }

    @Test("active contributors accrue a year each year, so those past pension age reaching the minimum start drawing")
    func contributoryYearsAccrue() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        var population = Self.population
        // Make some formal employees past pension age one year short of the minimum (15).
        var made = 0
        for p in 0..<population.personCount where population.labourStatus[p] == .employee && population.age[p] >= 60 {
            population.formal[p] = true
            population.contributoryYears[p] = 14
            made += 1
        }
        try #require(made > 0)
        let scenario = try folder.load("r1.yaml")
        let projector = try Projector(population: population, baseYear: 2025, years: [2025, 2026], projection: try ScenarioFolder.projection())
        let years = try projector.run(scenario)
        // Independently: who contributes in 2025 (engine run), then who is entitled in 2026.
        let policy2025 = try scenario.policy(year: 2025)
        var population2025 = population
        population2025.householdWeight = projector.weightsByYear[0]
        let result2025 = try PolicyEngine.run(policy2025, on: population2025)
        let policy2026 = try scenario.policy(year: 2026)
        var expected2025 = 0.0, expected2026 = 0.0
        for h in 0..<population.householdCount {
            for p in population.personRange(h) {
                let contributory2026 = try #require(policy2026[ContributoryInsurance.self])
                let pensionAge = contributory2026.pensionAge(population.sex[p])
                guard Int(population.age[p]) >= pensionAge else { continue }
                let years2025 = Int(population.contributoryYears[p])
                let years2026 = years2025 + (result2025.contributorStatus[p].isActive ? 1 : 0)
                if years2025 >= (policy2025[ContributoryInsurance.self]?.minimumYears ?? .max) { expected2025 += projector.weightsByYear[0][h] }
                if years2026 >= contributory2026.minimumYears { expected2026 += projector.weightsByYear[1][h] }
            }
        }
        let pensioners2025 = try #require(years[0].indicators["contributory_pensioners"])
        let pensioners2026 = try #require(years[1].indicators["contributory_pensioners"])
        #expect(abs(pensioners2025 - expected2025) <= 1e-9 * max(1, expected2025))
        #expect(abs(pensioners2026 - expected2026) <= 1e-9 * expected2026)
        #expect(expected2026 / projector.weightsByYear[1].reduce(0, +) > expected2025 / projector.weightsByYear[0].reduce(0, +))
    }

    @Test("results are identical whatever the number of threads")
    func threadInvariance() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        _ = try folder.write("v1.yaml", try String(contentsOf: ScenarioFolder.repository.appendingPathComponent("scenarios/conformance/r1-v1.yaml"), encoding: .utf8))
        _ = try folder.write("more.yaml", "title: More\ndescription: t\nreference: t\nbaseline: r1.yaml\nchanges:\n  household_transfer.amount: 9000\n")
        let scenarios = [try folder.load("r1.yaml"), try folder.load("v1.yaml"), try folder.load("more.yaml")]
        let projector = try Projector(population: Self.population, baseYear: 2025, years: Array(2025...2027), projection: try ScenarioFolder.projection(), blockSize: 37)
        let serial = try Comparison.run(scenarios, projector: projector, threads: 1).records
        let parallel = try Comparison.run(scenarios, projector: projector, threads: 3).records
        #expect(serial.count == parallel.count)
        #expect(zip(serial, parallel).allSatisfy { $0.scenario == $1.scenario && $0.year == $1.year && $0.record.indicator == $1.record.indicator && $0.record.group == $1.record.group && $0.record.value.bitPattern == $1.record.value.bitPattern })
    }

    @Test("the results folder holds the records and a manifest that traces the files")
    func resultsFolder() throws {
        let folder = try ScenarioFolder()
        defer { folder.remove() }
        let projector = try Projector(population: Self.population, baseYear: 2025, years: [2025], projection: try ScenarioFolder.projection())
        let comparison = try Comparison.run([try folder.load("r1.yaml")], projector: projector)
        let out = folder.directory.appendingPathComponent("results/run")
        let r1 = folder.directory.appendingPathComponent("r1.yaml")
        let manifest = ResultsManifest(date: "2026-01-01T00:00:00Z", seed: 9, population: .init(kind: "generated", households: 400, seed: 9),
                                       populationProjection: .init(name: "", file: "p.yaml", title: "p", sha256: String(repeating: "0", count: 64)), years: [2025], baseline: "r1",
                                       scenarios: [.init(name: "r1", file: r1.path, title: "R1", sha256: SHA256Digest.hex(of: try Data(contentsOf: r1)))], overrides: [],
                                       reweighting: projector.reweightingReports.map(ResultsManifest.ReweightingFit.init))
        let written = try ComparisonFiles.write(records: comparison.records, manifest: manifest, to: out)
        #expect(written.outputs.map(\.records) == [comparison.records.count, comparison.records.count])
        let csv = try Data(contentsOf: out.appendingPathComponent("comparison.csv"))
        #expect(written.outputs.first?.sha256 == SHA256Digest.hex(of: csv))
        let back = try ComparisonRecords.readCSV(csv, file: "comparison.csv")
        #expect(back.count == comparison.records.count)
        #expect(zip(back, comparison.records).allSatisfy { $0.record.value.bitPattern == $1.record.value.bitPattern || ($0.record.value.isNaN && $1.record.value.isNaN) })
        let decoded = try JSONDecoder().decode(ResultsManifest.self, from: Data(contentsOf: out.appendingPathComponent("manifest.json")))
        #expect(decoded == written)
        #expect(try ResultsFolderContents.read(out).records.count == comparison.records.count)
        #expect(decoded.reweighting.count == 1 && decoded.reweighting[0].maximumRelativeError <= 1e-8)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("comparison.json"))) as? [String: Any]
        #expect((json?["records"] as? [Any])?.count == comparison.records.count)
    }
}
