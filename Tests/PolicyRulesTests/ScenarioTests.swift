import Foundation
import Testing
@testable import PolicyRules
import SpsimSupport

/// Scenario files in a scratch folder: `base.yaml` is a copy of the R1 parameter file.
struct ScenarioFixture {
    let folder: URL
    let baseText: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-scenario-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        baseText = try String(contentsOf: repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml"), encoding: .utf8)
        try baseText.write(to: folder.appendingPathComponent("base.yaml"), atomically: true, encoding: .utf8)
    }

    func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A scenario on base.yaml with the given `changes:` and `phases:` text.
    func scenario(changes: String = "", phases: String = "") throws -> URL {
        var text = "title: Test\ndescription: A test scenario\nreference: tests\nbaseline: base.yaml\n"
        if !changes.isEmpty { text += "changes:\n" + changes }
        if !phases.isEmpty { text += "phases:\n" + phases }
        return try write("scenario.yaml", text)
    }

    /// The problems of loading `url`; records an issue when loading succeeds.
    func problems(_ url: URL, overrides: [String] = []) -> [InputError] {
        do {
            _ = try ScenarioLoader.load(url, overrides: overrides)
            Issue.record("\(url.lastPathComponent) loaded although it has problems")
            return []
        } catch let errors as InputErrors {
            return errors.errors
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }
}

/// The 1-based line of the first line of `text` containing `marker`.
func line(of marker: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }.map { $0 + 1 }
}

/// Whether one error is a one-line message at `file:line` for `key` with a fix.
func located(_ errors: [InputError], file: String, line: Int?, key: String, containing words: String) -> Bool {
    errors.contains { e in
        let text = e.description
        return e.file.hasSuffix(file) && e.line == line && e.column == key && text.contains(words) && text.contains(". Fix: ")
            && !text.contains("\n") && text.hasPrefix("\(e.file):\(line.map(String.init) ?? "")")
    }
}

@Suite("Scenario files: loading")
struct ScenarioLoadingTests {
    @Test("the baseline loads; a year uses the values of 1 July (amounts: the mean over its months), indexed after the last date")
    func baseline() throws {
        let scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/baseline.yaml"))
        #expect(scenario.name == "baseline" && scenario.phases.isEmpty)
        let y2024 = try scenario.policy(year: 2024)
        #expect(y2024.minimumWage == 37_000)
        // A money amount is the mean over the fiscal year's months: 2024-25 pays 3,500 (10,500
        // a quarter from Feb 2024) July–December and 4,500 (13,500 a quarter from Jan 2025)
        // January–June: (6 × 3,500 + 6 × 4,500) / 12 = 4,000.
        #expect(close(y2024[HouseholdTransfer.self]?.amount ?? .nan, 4_000))
        // 2023-24: 7,000 a quarter July–January (7 months), 10,500 February–June (5): 2,819.44…
        let y2023 = try scenario.policy(year: 2023)
        let expected2023: Double = (7 * 7_000.0 / 3 + 5 * 3_500) / 12
        #expect(close(y2023[HouseholdTransfer.self]?.amount ?? .nan, expected2023))
        let y2025 = try scenario.policy(year: 2025)
        // 37,000 (2024-07-01) grown by the wage growth of 2025 (8%, dated 2025-07-01): 39,960.
        #expect(close(y2025.minimumWage, 39_960))
        // 4,500 (dated 2025-01-01, so fiscal year 2024-25) grown by the CPI of 2025-26 (7.5%): 4,837.5.
        #expect(close(y2025[HouseholdTransfer.self]?.amount ?? .nan, 4_837.5))
        // 3,250.28 (2015-16) × Π(1 + CPI) for 2016…2025 = 9,102.5468544… (computed with Python).
        #expect(close(y2025.povertyLine, 9_102.546854434468, 1e-9))
        // 106.05 trillion (FY24) × 1.08 × 1.10 = 125.9874 trillion.
        #expect(close(y2025.gdp, 125.9874e12, 1e-12))
        #expect(y2025[SocialPension.self]?.enabled == false && y2025[ChildBenefit.self]?.enabled == false && y2025[DisabilityBenefit.self]?.enabled == false)
    }

    @Test("economic indices chain the growth values in effect on 1 July of each year")
    func indices() throws {
        let scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/baseline.yaml"))
        let indices = scenario.economicIndices
        // CPI 2023 → 2025: (1 + 0.045)(1 + 0.075).
        #expect(close(try indices.cpi(year: 2025, base: 2023), 1.045 * 1.075))
        #expect(close(try indices.cpi(year: 2023, base: 2025), 1 / (1.045 * 1.075)))
        #expect(try indices.nominalWage(year: 2025, base: 2025) == 1)
        // After the last value (7% dated 2026-07-01) the growth carries on.
        #expect(close(try indices.nominalWage(year: 2028, base: 2026), 1.07 * 1.07))
        #expect(throws: InputError.self) { try indices.nominalWage(year: 2020, base: 2022) } // no wage growth before 2023
    }

    @Test("V1's scenario changes R1's parameters and its extension phase field by field")
    func variant() throws {
        let scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1-v1.yaml"))
        #expect(scenario.name == "r1-v1" && scenario.baselineChain.last?.hasSuffix("r1.yaml") == true)
        let policy = try scenario.policy(year: 2025)
        #expect(policy[MinimumWageFloor.self]?.amount == 40_000 && policy[ContributoryInsurance.self]?.accrualDivisor == 40 && policy[SocialPension.self]?.age == 60)
        let phase = try #require(policy.phases.first)
        #expect(policy.phases.count == 1 && phase.startYear == 2024 && phase.subsidyShare == 0.8)
        #expect(phase.target.sectors == [.agriculture, .industry, .services])
    }

    @Test("dated changes keep the baseline's earlier values; the short form replaces all")
    func changes() throws {
        let fixture = try ScenarioFixture()
        let url = try fixture.scenario(changes: """
          minimum_wage.amount:
            source: test
            values:
              2026-07-01: 40000
          poverty.line: 9000

        """)
        let scenario = try ScenarioLoader.load(url)
        #expect(try scenario.policy(year: 2025).minimumWage == 37_000)
        #expect(try scenario.policy(year: 2026).minimumWage == 40_000)
        #expect(try scenario.policy(year: 2024).povertyLine == 9_000)
    }

    @Test("a change from a later date leaves the years before it as the baseline had them, indexation included")
    func changeLeavesEarlierYears() throws {
        let fixture = try ScenarioFixture()
        let baseline = repositoryRoot.appendingPathComponent("scenarios/baseline.yaml")
        let url = try fixture.write("later.yaml", """
        title: Later change
        description: The minimum wage set to 50,000 from July 2027
        reference: tests
        baseline: \(baseline.path)
        changes:
          minimum_wage.amount:
            source: test
            values:
              2027-07-01: 50000

        """)
        let base = try ScenarioLoader.load(baseline)
        let changed = try ScenarioLoader.load(url)
        // 2025 and 2026: the baseline's 37,000 (2024-07-01) indexed with wages, as in the baseline.
        for year in [2025, 2026] {
            #expect(try changed.policy(year: year).minimumWage == (try base.policy(year: year).minimumWage))
        }
        #expect(try changed.policy(year: 2026).minimumWage > 37_000)
        // 2027: the new value; 2028: grown by that year's wage growth (the baseline's indexation kept).
        #expect(try changed.policy(year: 2027).minimumWage == 50_000)
        let growth = try changed.economicIndices.nominalWage(year: 2028, base: 2027)
        #expect(close(try changed.policy(year: 2028).minimumWage, 50_000 * growth))
    }

    @Test("a fixed amount where the baseline indexes one is noted; the same indexation is not")
    func indexationNotes() throws {
        let fixture = try ScenarioFixture()
        let baseline = repositoryRoot.appendingPathComponent("scenarios/baseline.yaml")
        let fixed = try fixture.write("fixed.yaml", """
        title: Fixed
        description: Kafaalat at 16,000 a month, written in the short form (the catalog's unit; not indexed)
        reference: tests
        baseline: \(baseline.path)
        changes:
          household_transfer.amount: 16000

        """)
        let indexed = try fixture.write("indexed.yaml", """
        title: Indexed
        description: Kafaalat at 16,000 a quarter from July 2026, indexed with prices as in the baseline
        reference: tests
        baseline: \(baseline.path)
        changes:
          household_transfer.amount:
            source: test
            indexation: cpi
            values:
              2026-07-01: 16000

        """)
        let base = try ScenarioLoader.load(baseline)
        let notes = try ScenarioLoader.load(fixed).indexationNotes(comparedWith: base)
        #expect(notes.count == 1, "\(notes)")
        #expect(notes.first?.hasPrefix("fixed: household_transfer.amount stays at 16000 PKR/month from ") == true, "\(notes)")
        #expect(notes.first?.contains("(indexation: none), while the baseline raises it with cpi") == true, "\(notes)")
        #expect(try ScenarioLoader.load(indexed).indexationNotes(comparedWith: base).isEmpty)
        #expect(base.indexationNotes(comparedWith: base).isEmpty)
    }

    @Test("--set overrides a parameter and a phase field, validated like the file")
    func overrides() throws {
        let url = repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml")
        let scenario = try ScenarioLoader.load(url, overrides: ["minimum_wage.amount=40000", "phases.extension.subsidy_share=0.8",
                                                                "phases.extension.target.sector=[agriculture]"])
        let policy = try scenario.policy(year: 2025)
        #expect(policy[MinimumWageFloor.self]?.amount == 40_000)
        #expect(policy.phases.first?.subsidyShare == 0.8)
        #expect(policy.phases.first?.target.sectors == [.agriculture])
        #expect(policy.phases.first?.target.labourStatuses == [.employee, .ownAccount]) // other criteria kept
    }

    @Test("a single subsidy share applies whatever the start year becomes")
    func subsidyFollowsStartYear() throws {
        let url = repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml")
        let scenario = try ScenarioLoader.load(url, overrides: ["phases.extension.start_year=2020"])
        let phase = try #require(try scenario.policy(year: 2025).phases.first)
        #expect(phase.startYear == 2020 && phase.subsidyShare == 0.5)
    }

    @Test("the short form and --set give one constant value, not indexed")
    func shortFormIsConstant() throws {
        let url = repositoryRoot.appendingPathComponent("scenarios/baseline.yaml")
        let scenario = try ScenarioLoader.load(url, overrides: ["minimum_wage.amount=40000"])
        #expect(try scenario.policy(year: 2025).minimumWage == 40_000)
        #expect(try scenario.policy(year: 2028).minimumWage == 40_000)
        #expect(scenario.parameters["minimum_wage.amount"]?.source.contains("--set") == true)
    }

    @Test("a year before the first effective date is an error naming the file, line and fix")
    func yearTooEarly() throws {
        let scenario = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/conformance/r1.yaml"))
        #expect(throws: InputErrors.self) { try scenario.policy(year: 2023) }
        do {
            _ = try scenario.policy(year: 2023)
        } catch let errors as InputErrors {
            let first = try #require(errors.errors.first)
            #expect(first.line != nil && first.description.contains("2024") && first.description.contains("Fix:"))
        }
    }
}

@Suite("Scenario files: every kind of error, one line with file:line and a fix")
struct ScenarioErrorTests {
    @Test("unknown parameter, with the nearest name suggested")
    func unknownParameter() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: "  minimum_wage.amout: 40000\n")
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 6, key: "minimum_wage.amout", containing: "did you mean 'minimum_wage.amount'"))
    }

    @Test("unknown parameter in a parameter file, and the parameter it should have been is missing")
    func unknownInParameterFile() throws {
        let f = try ScenarioFixture()
        let text = f.baseText.replacingOccurrences(of: "  poverty.child_weight:", with: "  poverty.child_weigth:")
        let errors = f.problems(try f.write("params.yaml", text))
        #expect(located(errors, file: "params.yaml", line: line(of: "poverty.child_weigth:", in: text), key: "poverty.child_weigth", containing: "did you mean 'poverty.child_weight'"))
        #expect(errors.contains { $0.column == "poverty.child_weight" && $0.problem.contains("missing") && $0.line != nil })
    }

    @Test("wrong unit")
    func wrongUnit() throws {
        let f = try ScenarioFixture()
        let text = f.baseText.replacingOccurrences(of: "    description: Monthly minimum wage MW\n    unit: PKR/month", with: "    description: Monthly minimum wage MW\n    unit: /1")
        let errors = f.problems(try f.write("params.yaml", text))
        #expect(located(errors, file: "params.yaml", line: line(of: "unit: /1", in: text), key: "minimum_wage.amount", containing: "wrong unit"))
    }

    @Test("wrong type: words for numbers, a number for a switch, thousands separators")
    func wrongType() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: "  minimum_wage.amount: lots\n  household_transfer.enabled: 2\n  social_pension.amount: 3,000\n")
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 6, key: "minimum_wage.amount", containing: "expected a number"))
        #expect(located(errors, file: "scenario.yaml", line: 7, key: "household_transfer.enabled", containing: "true or false"))
        #expect(located(errors, file: "scenario.yaml", line: 8, key: "social_pension.amount", containing: "separators"))
    }

    @Test("out-of-range values: negative amount, share above 1, age above 120, PMT score above 100")
    func outOfRange() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: """
          household_transfer.amount: -5
          minimum_wage.compliance_formal: 1.5
          social_pension.age: 130
          household_transfer.pmt_cutoff: 130

        """)
        let errors = f.problems(url)
        #expect(errors.count == 4)
        #expect(located(errors, file: "scenario.yaml", line: 6, key: "household_transfer.amount", containing: "negative"))
        #expect(located(errors, file: "scenario.yaml", line: 7, key: "minimum_wage.compliance_formal", containing: "between 0 and 1"))
        #expect(located(errors, file: "scenario.yaml", line: 8, key: "social_pension.age", containing: "0 to 120"))
        #expect(located(errors, file: "scenario.yaml", line: 9, key: "household_transfer.pmt_cutoff", containing: "between 0 and 100"))
    }

    @Test("effective dates out of order or malformed")
    func dates() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: """
          poverty.line:
            values:
              2026-07-01: 9000
              2025-07-01: 8000
              2027-7-1: 9500

        """)
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 9, key: "poverty.line", containing: "out of order"))
        #expect(located(errors, file: "scenario.yaml", line: 10, key: "poverty.line", containing: "malformed effective date"))
    }

    @Test("duplicate keys, reported at the repeat")
    func duplicateKeys() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: "  minimum_wage.amount: 40000\n  poverty.line: 9000\n  minimum_wage.amount: 41000\n")
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 8, key: "minimum_wage.amount", containing: "duplicate key (first at line 6)"))
    }

    @Test("a parameter without description, unit or source")
    func missingMetadata() throws {
        let f = try ScenarioFixture()
        let text = f.baseText.replacingOccurrences(of: "    source: R1.md, minimum wage MW\n", with: "")
        let errors = f.problems(try f.write("params.yaml", text))
        #expect(located(errors, file: "params.yaml", line: line(of: "minimum_wage.amount:", in: text), key: "minimum_wage.amount", containing: "has no source"))
    }

    @Test("unknown baseline file")
    func unknownBaseline() throws {
        let f = try ScenarioFixture()
        let url = try f.write("scenario.yaml", "title: T\ndescription: D\nreference: R\nbaseline: basline.yaml\nchanges:\n  poverty.line: 9000\n")
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 4, key: "baseline", containing: "unknown baseline file"))
    }

    @Test("a baseline chain that leads back to itself")
    func cyclicBaseline() throws {
        let f = try ScenarioFixture()
        _ = try f.write("a.yaml", "title: A\ndescription: D\nreference: R\nbaseline: b.yaml\n")
        let b = try f.write("b.yaml", "title: B\ndescription: D\nreference: R\nbaseline: a.yaml\n")
        let errors = f.problems(b)
        #expect(located(errors, file: "a.yaml", line: 4, key: "baseline", containing: "cycle"))
    }

    @Test("header problems: unknown top-level key, missing title")
    func header() throws {
        let f = try ScenarioFixture()
        let url = try f.write("scenario.yaml", "description: D\nreference: R\nbaseline: base.yaml\nchange:\n  poverty.line: 9000\n")
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 4, key: "change", containing: "did you mean 'changes'"))
        #expect(located(errors, file: "scenario.yaml", line: 1, key: "title", containing: "no title"))
    }

    @Test("YAML that does not parse: the line of the problem")
    func syntax() throws {
        let f = try ScenarioFixture()
        let url = try f.write("scenario.yaml", "title: T\ndescription: D\nreference: R\nbaseline: base.yaml\nchanges:\n  poverty.line: [9000\n")
        let errors = f.problems(url)
        #expect(errors.count == 1)
        #expect(errors.first?.line != nil && errors.first?.description.contains("not valid YAML") == true && errors.first?.description.contains(". Fix: ") == true)
    }

    @Test("phase problems: target key and category, ceiling below initial, start year, subsidy range, scheme fields")
    func phases() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(phases: """
          - name: wider
            label: Wider extension
            scheme: contributory
            source: test
            target: {labour: [employee], sector: [industri]}
            start_year: 20x6
            take_up: {initial: 0.5, ceiling: 0.2, ramp_years: 3}
            subsidy_share: {2026: 1.2}
            compliance: 0.9
          - name: register
            label: Registration
            scheme: minimum_wage_registration
            source: test
            start_year: 2026
            take_up: {initial: 0.1, ceiling: 0.5, ramp_years: 4}

        """)
        let errors = f.problems(url)
        #expect(located(errors, file: "scenario.yaml", line: 10, key: "phases.wider.target.labour", containing: "unknown target key"))
        #expect(located(errors, file: "scenario.yaml", line: 10, key: "phases.wider.target.sector", containing: "did you mean 'industry'"))
        #expect(located(errors, file: "scenario.yaml", line: 11, key: "phases.wider.start_year", containing: "not a year"))
        #expect(located(errors, file: "scenario.yaml", line: 12, key: "phases.wider.take_up", containing: "ceiling is below"))
        #expect(located(errors, file: "scenario.yaml", line: 13, key: "phases.wider.subsidy_share", containing: "between 0 and 1"))
        #expect(located(errors, file: "scenario.yaml", line: 14, key: "phases.wider.compliance", containing: "only to minimum_wage_registration"))
        #expect(located(errors, file: "scenario.yaml", line: 15, key: "phases.register.compliance", containing: "needs the compliance"))
    }

    @Test("--set: unknown name, bad value; the error names --set")
    func badOverrides() throws {
        let f = try ScenarioFixture()
        let errors = f.problems(f.folder.appendingPathComponent("base.yaml"),
                                overrides: ["contributory.employe_rate=0.02", "social_pension.amount=-1", "phases.extensio.subsidy_share=0.8", "poverty.line"])
        #expect(errors.count == 4)
        #expect(errors.allSatisfy { $0.file == "--set" && $0.description.hasPrefix("--set [") && $0.description.contains(". Fix: ") })
        #expect(errors.contains { $0.description.contains("did you mean 'contributory.employee_rate'") })
        #expect(errors.contains { $0.description.contains("did you mean 'extension'") })
    }

    @Test("a child weight of 0 is refused (adult equivalents must be positive)")
    func childWeight() throws {
        let f = try ScenarioFixture()
        let errors = f.problems(try f.scenario(changes: "  poverty.child_weight: 0\n"))
        #expect(located(errors, file: "scenario.yaml", line: 6, key: "poverty.child_weight", containing: "above 0"))
    }

    @Test("every problem is reported at once and a partly valid scenario never loads")
    func allAtOnce() throws {
        let f = try ScenarioFixture()
        let url = try f.scenario(changes: "  minimum_wage.amount: 40000\n  poverty.line: -1\n  social_pension.age: 200\n  unknown.thing: 3\n")
        let errors = f.problems(url)
        #expect(errors.count == 3)
        #expect(errors.map(\.line) == [7, 8, 9])
    }
}

@Suite("Scenario files: the documented examples")
struct DocumentedExampleTests {
    @Test("the scenario and phase examples of docs/scenario-format.md load on the baseline")
    func examples() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let scenarioBlock = try #require(blocks.first { $0.contains("baseline: baseline.yaml") })
        let phaseBlock = try #require(blocks.first { $0.hasPrefix("phases:") })
        let baseline = repositoryRoot.appendingPathComponent("scenarios/baseline.yaml").path
        let text = scenarioBlock
            .replacingOccurrences(of: "baseline: baseline.yaml", with: "baseline: \(baseline)")
            .replacingOccurrences(of: "phases: []", with: "")
            + phaseBlock
        let f = try ScenarioFixture()
        let scenario = try ScenarioLoader.load(try f.write("example.yaml", text))
        let policy = try scenario.policy(year: 2027)
        #expect(policy[HouseholdTransfer.self]?.pmtCutoff == 40 && policy[HouseholdTransfer.self]?.amount == 5_000)
        let phase = try #require(policy.phases.first)
        // 0.05 + (0.40 − 0.05) × 1/5 = 0.12 in 2027; capacity 2,000,000 × 2 years.
        #expect(close(phase.takeUpRate, 0.12) && phase.cumulativeCapacity == 4_000_000 && phase.subsidyShare == 0.8)
    }
}

@Suite("Amounts by month within a fiscal year")
struct MonthlyAmountTests {
    @Test("a scenario's change from January counts for half its fiscal year; rates and switches still read 1 July")
    func changeFromJanuary() throws {
        let fixture = try ScenarioFixture()
        let url = try fixture.scenario(changes: """
          household_transfer.amount:
            values:
              2026-01-01: 6000
          household_transfer.pmt_cutoff:
            values:
              2026-01-01: 40
        """)
        let scenario = try ScenarioLoader.load(url)
        let base = try ScenarioLoader.load(fixture.folder.appendingPathComponent("base.yaml"))
        let before = try #require(try base.policy(year: 2025)[HouseholdTransfer.self]?.amount)
        // Fiscal year 2025-26: the baseline's amount July–December, 6,000 January–June.
        let y2025 = try #require(try scenario.policy(year: 2025)[HouseholdTransfer.self])
        let y2026 = try #require(try scenario.policy(year: 2026)[HouseholdTransfer.self])
        let base2025 = try #require(try base.policy(year: 2025)[HouseholdTransfer.self])
        let expected: Double = (6 * before + 6 * 6_000) / 12
        #expect(close(y2025.amount, expected))
        #expect(y2026.amount == 6_000)
        // A cut-off is not an amount: 2025-26 uses the value of 1 July 2025.
        #expect(y2025.pmtCutoff == base2025.pmtCutoff)
        #expect(y2026.pmtCutoff == 40)
    }
}

@Suite("Money amounts written in another money unit")
struct UnitConversionTests {
    @Test("PKR/quarter and PKR/year are converted to the parameter's PKR/month; other units are refused with the choices")
    func conversions() throws {
        let fixture = try ScenarioFixture()
        let quarterly = fixture.baseText.replacingOccurrences(of: "unit: PKR/month\n    source: R1.md\n    values: {2024-07-01: 4500}",
                                                              with: "unit: PKR/quarter\n    source: R1.md\n    values: {2024-07-01: 13500}")
        try #require(quarterly != fixture.baseText, "the R1 file's transfer amount block changed; adapt the test")
        let url = try fixture.write("quarterly.yaml", quarterly)
        let scenario = try ScenarioLoader.load(url)
        #expect(try scenario.policy(year: 2025)[HouseholdTransfer.self]?.amount == 4_500) // 13,500 ÷ 3
        #expect(scenario.parameters["household_transfer.amount"]?.unit == "PKR/month")
        #expect(scenario.parameters["household_transfer.amount"]?.note?.contains("Written in PKR/quarter") == true)

        // A change written per year: 60,000 a year is 5,000 a month.
        let change = try fixture.scenario(changes: """
          household_transfer.amount:
            values:
              2024-07-01: 60000
            unit: PKR/year
        """)
        #expect(try ScenarioLoader.load(change).policy(year: 2025)[HouseholdTransfer.self]?.amount == 5_000)

        // A unit that does not convert: the fix lists the ones that do.
        let wrong = try fixture.write("wrong.yaml", quarterly.replacingOccurrences(of: "unit: PKR/quarter", with: "unit: persons"))
        let errors = fixture.problems(wrong)
        #expect(errors.contains { $0.column == "household_transfer.amount" && $0.description.contains("wrong unit") && $0.description.contains("PKR/quarter") })
    }
}
