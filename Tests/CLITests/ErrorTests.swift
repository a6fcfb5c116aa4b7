import Foundation
import Testing

/// The main error paths and the exit-status policy: 1 for bad input (a file or value given
/// to the command), 2 for bad usage (the command line itself). The message goes to
/// standard error and nothing to standard output.
@Suite("spsim errors and exit statuses")
struct ErrorTests {
    typealias CLI = SPSimProcess

    // MARK: - Bad usage: status 2, the error and the usage on standard error

    @Test("an unknown option is bad usage (2)")
    func unknownOption() throws {
        let outcome = try CLI.run(["run", "scenarios/baseline.yaml", "--frobnicate"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.errorLines.first == "Error: Unknown option '--frobnicate'")
        #expect(outcome.standardError.contains("Usage: spsim run"))
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("an unknown subcommand is bad usage (2)")
    func unknownSubcommand() throws {
        let outcome = try CLI.run(["simulate"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.errorLines.first == "Error: Unexpected argument 'simulate'")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a missing argument is bad usage (2)")
    func missingArgument() throws {
        let outcome = try CLI.run(["run"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.errorLines.first == "Error: Missing expected argument '<scenario>'")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("an option value that does not parse is bad usage (2)")
    func valueDoesNotParse() throws {
        let outcome = try CLI.run(["population", "generate", "--households", "many"])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.errorLines.first == "Error: The value 'many' is invalid for '--households <households>'")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("an option value out of range is bad usage (2), with its fix", arguments: [
        (["compare", "scenarios/baseline.yaml", "--years", "2030-2025"],
         "Error: --years '2030-2025' ends before it starts. Fix: put the earlier year first, e.g. --years 2025-2030"),
        (["compare", "scenarios/baseline.yaml", "--years", "soon"],
         "Error: --years 'soon' is not a year range. Fix: write FIRST-LAST, e.g. --years 2025-2035, or one year, e.g. --years 2030"),
        (["run", "scenarios/baseline.yaml", "--year", "1066"],
         "Error: --year 1066 is not a simulation year; give a year such as 2025"),
        (["population", "generate", "--households", "0"],
         "Error: --households must be from 1 to 50,000,000 (got 0)."),
        (["compare", "scenarios/baseline.yaml", "--replicates", "0"],
         "Error: --replicates must be from 1 to 1000; found 0. Fix: give the number of independent populations to run, e.g. --replicates 20 (1 = no intervals)"),
        (["compare", "scenarios/baseline.yaml", "--replicates", "1001"],
         "Error: --replicates must be from 1 to 1000; found 1001. Fix: give the number of independent populations to run, e.g. --replicates 20 (1 = no intervals)"),
    ])
    func valueOutOfRange(arguments: [String], message: String) throws {
        let outcome = try CLI.run(arguments)
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.errorLines.first == message, "\(outcome)")
        #expect(outcome.standardOutput.isEmpty)
    }

    // MARK: - Bad input: status 1, "Error: " and the located problem on standard error

    @Test("a missing scenario file is bad input (1)")
    func missingScenario() throws {
        // Its own --out: the default results/run is locked by whichever test runs first.
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["run", "scenarios/no-such-scenario.yaml", "--out", folder.appendingPathComponent("run").path])
        #expect(run.status == 1, "\(run)")
        #expect(run.errorLines.first?.hasPrefix("Error: scenarios/no-such-scenario.yaml was not run") == true, "\(run)")
        #expect(run.standardOutput.isEmpty)

        let compare = try CLI.run(["compare", "scenarios/baseline.yaml", "scenarios/no-such-scenario.yaml", "--households", "500"])
        #expect(compare.status == 1, "\(compare)")
        #expect(compare.errorLines == ["Error: scenarios/no-such-scenario.yaml: the scenario file does not exist. Fix: check the path; the shipped scenarios are in scenarios/ (e.g. scenarios/baseline.yaml)"])
        #expect(compare.standardOutput.isEmpty)
    }

    @Test("a missing population file is bad input (1)")
    func missingPopulation() throws {
        let outcome = try CLI.run(["population", "validate", "--population", "no-such-population.csv"])
        #expect(outcome.status == 1, "\(outcome)")
        // The reader names the file by its full path.
        let path = CLI.packageRoot.appendingPathComponent("no-such-population.csv").path
        #expect(outcome.errorLines == ["Error: \(path): cannot open the file (No such file or directory). Fix: check the path and that the file is readable"])
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a folder without compare's results is bad input (1) for report")
    func reportOnEmptyFolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try CLI.run(["report", folder.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.errorLines.first?.hasPrefix("Error: \(folder.path)") == true, "\(outcome)")
        #expect(outcome.errorLines.first?.contains("manifest.json") == true, "\(outcome)")
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test("a scenario with a misspelt parameter is bad input (1), with the line and a suggestion")
    func misspeltParameter() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("scenarios/baseline.yaml"),
                                         to: folder.appendingPathComponent("baseline.yaml"))
        let scenario = folder.appendingPathComponent("typo.yaml")
        try """
        title: A typo
        description: A larger transfer, with the parameter's name misspelt.
        reference: a test of spsim's messages
        baseline: baseline.yaml
        changes:
          household_transfer.amout:
            source: assumption
            values:
              2025-07-01: 5000

        """.write(to: scenario, atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["run", scenario.path, "--households", "500"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.errorLines.first == "Error: \(scenario.path) was not run: 1 problem:", "\(outcome)")
        let problem = "unknown parameter; found 'household_transfer.amout'. Fix: check the name (did you mean 'household_transfer.amount'?); the list is in docs/scenario-format.md"
        #expect(outcome.errorLines.dropFirst() == ["  \(scenario.path):6 [household_transfer.amout]: \(problem)"])
        #expect(outcome.standardOutput.isEmpty)

        // The same misspelling in --set is bad input too, not bad usage.
        let set = try CLI.run(["run", "scenarios/baseline.yaml", "--households", "500", "--set", "household_transfer.amout=5000"])
        #expect(set.status == 1, "\(set)")
        #expect(set.errorLines == ["Error: scenarios/baseline.yaml was not run: 1 problem:", "  --set [household_transfer.amout]: \(problem)"])
        #expect(set.standardOutput.isEmpty)
    }

    @Test("validate --strict on a population off its targets is bad input (1), after the table")
    func strictValidation() throws {
        // 300 households are too few to meet every calibrated target within 2%.
        let outcome = try CLI.run(["population", "validate", "--households", "300", "--strict"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.outputLines.first == "population: synthetic, 300 households, seed 20250701")
        let message = try #require(outcome.errorLines.first)
        #expect(outcome.errorLines.count == 1)
        #expect(message.hasPrefix("Error: ") && message.contains(" calibrated target(s) off by more than 2%: "), "\(message)")
    }

    @Test("a malformed population CSV is bad input (1), with the line, column and fix")
    func malformedCSV() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.csv")
        try """
        household_id,person_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled
        1,1,100,40,M,PB,1,employee,services,1,30000,10,50,0
        1,2,100,forty,F,PB,1,inactive,,0,0,0,50,0

        """.write(to: file, atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["population", "validate", "--population", file.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.errorLines == ["Error: \(file.path):3 [age]: not a whole number; found 'forty'. Fix: write a whole number of years from 0 to 120"])
        #expect(outcome.standardOutput.isEmpty)

        let run = try CLI.run(["run", "scenarios/baseline.yaml", "--population", file.path, "--out", folder.appendingPathComponent("run").path])
        #expect(run.status == 1, "\(run)")
        #expect(run.errorLines == outcome.errorLines)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run").path), "nothing is written from a broken file")
    }

    @Test("a named pipe given as the population is refused at once (1), not waited on")
    func fifoPopulation() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let outcome = try CLI.run(["population", "validate", "--population", fifo.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.errorLines == ["Error: \(fifo.path): this is a named pipe (FIFO), not a CSV file. Fix: give the path of a person-level CSV file (a regular file); save piped data to a file first"])
    }

    @Test("--base-year outside 2000-2100 is bad usage (2), before any work")
    func baseYearOutOfRange() throws {
        for value in ["9223372036854775807", "10000000", "1850"] {
            let outcome = try CLI.run(["compare", "scenarios/baseline.yaml", "--years", "2025-2025", "--households", "100", "--base-year", value, "--out", "/tmp/spsim-never-written"])
            #expect(outcome.status == 2, "\(outcome)")
            #expect(outcome.errorLines.first?.hasPrefix("Error: --base-year must be a simulation year from 2000 to 2100; found \(value).") == true, "\(outcome)")
            #expect(!FileManager.default.fileExists(atPath: "/tmp/spsim-never-written"))
        }
    }
}
