import Foundation
import Testing

/// Every subcommand's success path, on small inputs: exact output lines, the files written
/// and exit status 0.
@Suite("spsim commands succeed")
struct CommandTests {
    typealias CLI = SPSimProcess

    @Test("--help and --version print to standard output and exit 0")
    func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0, "\(help)")
        // Help is wrapped to 80 columns when standard output is not a terminal.
        #expect(help.outputLines.first == "OVERVIEW: Social-protection policy microsimulation: test coverage-extension")
        #expect(help.outputLines.contains("USAGE: spsim <subcommand>"))
        #expect(help.standardOutput.replacingOccurrences(of: "\n", with: " ").contains("Exit status: 0 success; 1 bad input"), "\(help)")
        #expect(help.standardError.isEmpty)

        let version = try CLI.run(["--version"])
        #expect(version.status == 0, "\(version)")
        #expect(version.outputLines == ["0.1.0"])

        let bare = try CLI.run([])
        #expect(bare.status == 0, "\(bare)")
        #expect(bare.outputLines.contains("USAGE: spsim <subcommand>"))
    }

    @Test("run reproduces the conformance case R1 and writes indicators.json and indicators.csv",
          .enabled(if: SPSimProcess.hasConformanceData, "../shared/conformance is not beside the repository"))
    func runConformance() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("r1")
        let outcome = try CLI.run(["run", "scenarios/conformance/r1.yaml", "--population", "../shared/conformance/r1-population-small.csv", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.standardError.isEmpty, "\(outcome)")
        let records = try #require(outcome.outputLines.last)
        #expect(records.hasPrefix("Wrote \(out.path)/indicators.json and indicators.csv ("), "\(records)")
        #expect(records.hasSuffix(" records)."), "\(records)")

        // The figures written are the published expected ones (what ConformanceTests checks
        // in-process), read back from the file the command wrote.
        let csv = try String(contentsOf: out.appendingPathComponent("indicators.csv"), encoding: .utf8)
        let csvLines = SPSimProcess.Outcome.lines(csv)
        let header = try #require(csvLines.first).split(separator: ",").map(String.init)
        let indicatorColumn = try #require(header.firstIndex(of: "indicator"))
        let breakdownColumn = try #require(header.firstIndex(of: "breakdown"))
        let valueColumn = try #require(header.firstIndex(of: "value"))
        var totals: [String: Double] = [:]
        for line in csvLines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == header.count, fields[breakdownColumn] == "total" else { continue }
            totals[fields[indicatorColumn]] = Double(fields[valueColumn])
        }
        let expectedData = try Data(contentsOf: CLI.conformanceFolder.appendingPathComponent("r1-small-expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Double])
        #expect(expected.count >= 29)
        for (key, value) in expected.sorted(by: { $0.key < $1.key }) {
            let actual = try #require(totals[key], "indicators.csv has no total for \(key)")
            #expect(abs(actual - value) <= max(1e-6, 1e-9 * abs(value)), "\(key): spsim wrote \(actual), expected \(value)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("indicators.json")))
        #expect(json is [String: Any])
    }

    @Test("compare two scenarios over two years, then report on the folder it wrote")
    func compareThenReport() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("comparison")
        let compare = try CLI.run(["compare", "scenarios/baseline.yaml", "scenarios/kafaalat-expansion.yaml",
                                   "--households", "2000", "--years", "2025-2026", "--threads", "2", "--out", out.path])
        #expect(compare.status == 0, "\(compare)")
        #expect(compare.standardError.isEmpty, "\(compare)")
        #expect(compare.outputLines.first == "spsim compare: 2 scenario(s), 2025–2026, population synthetic, 2000 households, seed 20250701")
        let wrote = try #require(compare.outputLines.last)
        #expect(wrote.hasPrefix("Wrote \(out.path)/ (manifest.json, comparison.csv, comparison.json) in "), "\(wrote)")
        for file in ["manifest.json", "comparison.csv", "comparison.json"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) was not written")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)
        let rows = SPSimProcess.Outcome.lines(csv)
        #expect(rows.first == "scenario,year,indicator,breakdown,group,value,unit")
        let scenarios = Set(rows.dropFirst().map { String($0.prefix { $0 != "," }) })
        #expect(scenarios == ["baseline", "kafaalat-expansion", "kafaalat-expansion-minus-baseline"])
        let years = Set(rows.dropFirst().map { $0.split(separator: ",")[1] })
        #expect(years == ["2025", "2026"])

        // The manifest fingerprints each scenario file with its SHA-256.
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json"))) as? [String: Any])
        let listed = try #require(manifest["scenarios"] as? [[String: Any]])
        #expect(listed.map { $0["name"] as? String } == ["baseline", "kafaalat-expansion"])
        for entry in listed {
            let digest = try #require(entry["sha256"] as? String)
            #expect(digest.count == 64 && digest.allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(digest)")
        }

        let report = try CLI.run(["report", out.path])
        #expect(report.status == 0, "\(report)")
        #expect(report.standardError.isEmpty, "\(report)")
        let lines = report.outputLines
        let count = lines.count - 1
        #expect(lines.first == "Wrote \(count) files into \(out.path):")
        #expect(lines.contains("  summary.md"))
        #expect(lines.contains("  report.html"))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") })
        for line in lines.dropFirst() {
            let path = line.trimmingCharacters(in: .whitespaces)
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), "\(path) is listed but missing")
        }
        #expect(lines.contains { $0.hasPrefix("  charts/") && $0.hasSuffix(".svg") })
    }

    @Test("population generate writes the CSV it describes; validate and bench read it")
    func population() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("population.csv")
        let generate = try CLI.run(["population", "generate", "--households", "600", "--seed", "7", "--out", file.path])
        #expect(generate.status == 0, "\(generate)")
        #expect(generate.standardError.isEmpty, "\(generate)")
        let csv = SPSimProcess.Outcome.lines(try String(contentsOf: file, encoding: .utf8))
        #expect(csv.first == "household_id,person_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled,worker_group,school_level,birth_in_year,self_employment_income,remittance_income,property_income,transfer_income,consumption")
        let persons = csv.count - 1
        let households = Set(csv.dropFirst().map { $0.prefix { $0 != "," } }).count
        #expect(households == 600)
        #expect(generate.outputLines.count == 3)
        #expect(generate.outputLines.first == "synthetic population: 600 households, \(Self.grouped(persons)) persons (seed 7)")
        #expect(generate.outputLines.last == "written to \(file.path)")

        // The same seed gives the same file.
        let again = folder.appendingPathComponent("again.csv")
        let second = try CLI.run(["population", "generate", "--households", "600", "--seed", "7", "--out", again.path])
        #expect(second.status == 0, "\(second)")
        #expect(try Data(contentsOf: file) == Data(contentsOf: again))

        let validate = try CLI.run(["population", "validate", "--population", file.path, "--seed", "7"])
        #expect(validate.status == 0, "\(validate)")
        #expect(validate.outputLines.first == "population: microdata \(file.path) (seed 7)")
        #expect(validate.outputLines.contains { $0.hasPrefix("largest gap among calibrated targets: ") && $0.hasSuffix("; tolerance 2%") })
        #expect(validate.outputLines.last?.hasPrefix("sources: ") == true)
        #expect(validate.outputLines.last?.hasSuffix("calibration-pakistan.yaml") == true)

        let bench = try CLI.run(["population", "bench", "--households", "300", "--runs", "1", "--csv", file.path])
        #expect(bench.status == 0, "\(bench)")
        #expect(bench.outputLines.count == 2, "\(bench)")
        #expect(bench.outputLines.first?.hasPrefix("generate 300 households (") == true)
        #expect(bench.outputLines.last?.hasPrefix("import ") == true)
        #expect(bench.outputLines.last?.contains(" MB CSV (\(persons) persons): median ") == true)
    }

    /// `NumberText.grouped` as the CLI prints whole numbers (1,234,567).
    @Test("schemes lists every scheme with its parameters; --markdown prints the docs table")
    func schemes() throws {
        let listing = try CLI.run(["schemes"])
        #expect(listing.status == 0, "\(listing)")
        #expect(listing.outputLines.first == "minimum_wage — Minimum wage")
        #expect(listing.outputLines.contains("education_stipend — Education stipends (Taleemi Wazaif)"))
        #expect(listing.outputLines.contains("maternity_benefit — Maternity benefit"))
        let markdown = try CLI.run(["schemes", "--markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.outputLines.first == "| scheme (payer, contingency) | parameter | unit | valid values | default | meaning |")
    }

    @Test("fit writes fit.csv with the documented columns and prints the table")
    func fit() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("fit")
        let outcome = try CLI.run(["fit", "--households", "1500", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.outputLines.first == "How well the baseline fits: baseline on synthetic, 1500 households, seed 20250701")
        #expect(outcome.outputLines.last == "Wrote \(out.path)/fit.csv (48 rows).")
        let csv = SPSimProcess.Outcome.lines(try String(contentsOf: out.appendingPathComponent("fit.csv"), encoding: .utf8))
        #expect(csv.first == "figure,source,year,published,model,ratio,fitted,unit,note")
        #expect(csv.count == 49) // header, 41 calibration targets (13 of them HIES income and consumption), 7 published figures
        #expect(csv.contains { $0.hasPrefix("EOBI contribution income,") })

        // A figures file that does not exist is bad input (1).
        let missing = try CLI.run(["fit", "--households", "200", "--figures", "no-such.yaml", "--out", out.path])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("Error: no-such.yaml"), "\(missing)")
    }

    @Test("solve finds the Kafaalat amount that raises its cost by half and writes solve.json")
    func solve() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("solve")
        let outcome = try CLI.run(["solve", "scenarios/baseline.yaml", "--parameter", "household_transfer.amount", "--indicator", "transfer_cost",
                                   "--relative-to-baseline", "0.5", "--year", "2025", "--households", "500", "--out", out.path])
        #expect(outcome.status == 0, "\(outcome)")
        let data = try Data(contentsOf: out.appendingPathComponent("solve.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // Cost is linear in the amount: +50% cost at 1.5 × the baseline's 2025 amount,
        // 4,500 × 1.075 (CPI 2025-26) = 4,837.5, so 7,256.25.
        let value = try #require(json["value"] as? Double)
        #expect(abs(value - 7_256.25) < 1e-3, "\(value)")
        #expect(json["parameter"] as? String == "household_transfer.amount")
        #expect(json["indicator"] as? String == "transfer_cost")
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
