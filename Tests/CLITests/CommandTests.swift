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
        #expect(wrote.hasPrefix("Wrote \(out.path)/ (manifest.json, comparison.csv, comparison.json, fit.csv, fund.csv) in "), "\(wrote)")
        #expect(compare.outputLines.contains { $0.hasPrefix("EOBI fund, 2025–2026 (ILO measures, ages held fixed") }, "\(compare)")
        let fundHeader = SPSimProcess.Outcome.lines(try String(contentsOf: out.appendingPathComponent("fund.csv"), encoding: .utf8)).first
        #expect(fundHeader == "scenario,year,insurable_earnings,contribution_income,investment_income,benefit_expenditure,admin_expenditure,reserve,payg_cost_rate,reserve_ratio,depletion_year,general_average_premium,initial_reserve")
        for file in ["manifest.json", "comparison.csv", "comparison.json", "fit.csv", "fund.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) was not written")
        }
        let csv = try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)
        let rows = SPSimProcess.Outcome.lines(csv)
        #expect(rows.first == "scenario,year,indicator,breakdown,group,value,lower,upper,unit")
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

    @Test("compare --replicates: N = 1 is the plain comparison (empty intervals); N = 3 gives the same files for 1 and 2 threads, with seeds in the manifest")
    func compareReplicates() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func compare(_ name: String, _ extra: [String]) throws -> URL {
            let out = folder.appendingPathComponent(name)
            let outcome = try CLI.run(["compare", "scenarios/baseline.yaml", "scenarios/kafaalat-expansion.yaml",
                                       "--households", "300", "--years", "2025", "--out", out.path] + extra)
            #expect(outcome.status == 0, "\(outcome)")
            #expect(outcome.standardError.isEmpty, "\(outcome)")
            return out
        }
        func text(_ folder: URL, _ file: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) }
        let plain = try compare("plain", [])
        let one = try compare("one", ["--replicates", "1"])
        #expect(try text(plain, "comparison.csv") == text(one, "comparison.csv"))
        #expect(try text(plain, "comparison.json") == text(one, "comparison.json"))
        let rows = SPSimProcess.Outcome.lines(try text(one, "comparison.csv"))
        #expect(rows.dropFirst().allSatisfy { $0.hasSuffix(",,," + ($0.split(separator: ",").last.map(String.init) ?? "")) }, "lower and upper must be empty for one replicate")

        let serial = try compare("serial", ["--replicates", "3", "--threads", "1"])
        let parallel = try compare("parallel", ["--replicates", "3", "--threads", "2"])
        #expect(try text(serial, "comparison.csv") == text(parallel, "comparison.csv"))
        #expect(try text(serial, "comparison.json") == text(parallel, "comparison.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: serial.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(manifest["replicates"] as? Int == 3)
        let seeds = try #require(manifest["replicate_seeds"] as? [NSNumber])
        #expect(seeds.count == 3 && seeds[0].uint64Value == 20_250_701 && Set(seeds.map(\.uint64Value)).count == 3)
        let oneManifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: one.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(oneManifest["replicates"] as? Int == 1)
        // Every defined figure of N = 3 has an interval holding it.
        let header = try #require(SPSimProcess.Outcome.lines(try text(serial, "comparison.csv")).first).split(separator: ",").map(String.init)
        #expect(header == ["scenario", "year", "indicator", "breakdown", "group", "value", "lower", "upper", "unit"])
        var withInterval = 0
        for row in SPSimProcess.Outcome.lines(try text(serial, "comparison.csv")).dropFirst() where !row.contains("\"") {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 9, let value = Double(f[5]) else { continue }
            let lower = try #require(Double(f[6]), "\(row)"), upper = try #require(Double(f[7]), "\(row)")
            #expect(lower <= value && value <= upper, "\(row)")
            withInterval += 1
        }
        #expect(withInterval > 100)
        // The report reads the folder and shows the intervals.
        let report = try CLI.run(["report", serial.path])
        #expect(report.status == 0, "\(report)")
        let summary = try text(serial, "summary.md")
        #expect(summary.contains("90% intervals (5th to 95th percentile of the replicates)"))
        let chart = try text(serial, "charts/government-cost-pct-gdp.svg")
        #expect(chart.contains("class=\"band\""))  // one year: the interval as a bar
    }

    @Test("run --year Y gives compare's figures for Y (projected the same way); without a projection only the base year runs")
    func runProjectsLikeCompare() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let compareOut = folder.appendingPathComponent("compare"), runOut = folder.appendingPathComponent("run")
        let compare = try CLI.run(["compare", "scenarios/kafaalat-expansion.yaml", "--households", "600", "--years", "2025-2027", "--out", compareOut.path])
        #expect(compare.status == 0, "\(compare)")
        let run = try CLI.run(["run", "scenarios/kafaalat-expansion.yaml", "--households", "600", "--year", "2027", "--out", runOut.path])
        #expect(run.status == 0, "\(run)")
        func totals(_ file: URL, scenario: String?) throws -> [String: Double] {
            let rows = SPSimProcess.Outcome.lines(try String(contentsOf: file, encoding: .utf8))
            let header = try #require(rows.first).split(separator: ",").map(String.init)
            var result: [String: Double] = [:]
            for row in rows.dropFirst() {
                let fields = Dictionary(uniqueKeysWithValues: zip(header, row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
                guard fields["breakdown"] == "total", scenario == nil || (fields["scenario"] == scenario && fields["year"] == "2027") else { continue }
                result[fields["indicator"] ?? ""] = Double(fields["value"] ?? "")
            }
            return result
        }
        let fromCompare = try totals(compareOut.appendingPathComponent("comparison.csv"), scenario: "kafaalat-expansion")
        let fromRun = try totals(runOut.appendingPathComponent("indicators.csv"), scenario: nil)
        #expect(fromCompare.count >= 40)
        for (key, value) in fromCompare {
            let actual = try #require(fromRun[key], "run wrote no \(key)")
            // Both print values with 17 significant digits from the same computation.
            #expect(abs(actual - value) <= 1e-12 * max(1, abs(value)), "\(key): run \(actual), compare \(value)")
        }

        let refused = try CLI.run(["run", "scenarios/conformance/r1.yaml", "--households", "50", "--year", "2030", "--out", folder.appendingPathComponent("never").path])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.errorLines.first?.hasPrefix("Error: scenarios/conformance/r1.yaml: the population describes 2023 (--base-year) and no population projection was found to move it to 2030") == true, "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("never").path))
    }

    @Test("--set NAME:param=value changes scenario NAME only; an unknown NAME is refused with the names")
    func scopedSet() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func transferCost(_ extra: [String]) throws -> [String: Double] {
            let out = folder.appendingPathComponent("c\(extra.count)")
            let outcome = try CLI.run(["compare", "scenarios/baseline.yaml", "scenarios/kafaalat-expansion.yaml", "--households", "400", "--years", "2026",
                                       "--out", out.path] + extra)
            #expect(outcome.status == 0, "\(outcome)")
            var costs: [String: Double] = [:]
            for row in SPSimProcess.Outcome.lines(try String(contentsOf: out.appendingPathComponent("comparison.csv"), encoding: .utf8)) {
                let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if f.count == 9, f[2] == "transfer_cost", f[3] == "total" { costs[f[0]] = Double(f[5]) }
            }
            return costs
        }
        let plain = try transferCost([])
        let scoped = try transferCost(["--set", "kafaalat-expansion:household_transfer.amount=30000"])
        #expect(plain["baseline"] != nil && scoped["baseline"] == plain["baseline"], "the baseline is unchanged: \(plain) \(scoped)")
        let before = try #require(plain["kafaalat-expansion"]), after = try #require(scoped["kafaalat-expansion"])
        #expect(after > before, "30,000 a quarter from the baseline's first date costs more: \(before) → \(after)")

        let unknown = try CLI.run(["compare", "scenarios/baseline.yaml", "scenarios/kafaalat-expansion.yaml", "--households", "50", "--years", "2026",
                                   "--set", "kafaalat:household_transfer.amount=30000", "--out", folder.appendingPathComponent("never").path])
        #expect(unknown.status == 1, "\(unknown)")
        #expect(unknown.errorLines.first?.hasPrefix("Error: --set: no compared scenario is named 'kafaalat'; found 'kafaalat:household_transfer.amount=30000'. Fix: ") == true, "\(unknown)")
        #expect(unknown.errorLines.first?.hasSuffix("write NAME:parameter=value with NAME one of baseline, kafaalat-expansion (the file names without .yaml), or leave NAME: out to change every scenario") == true, "\(unknown)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("never").path))
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
        #expect(csv.first == "household_id,person_id,weight,age,sex,province,urban,labour_status,sector,formal,monthly_earnings,contributory_years,pmt_score,disabled,worker_group,school_level,birth_in_year,public_sector,pension_in_payment,self_employment_income,remittance_income,property_income,transfer_income,consumption")
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
        #expect(outcome.outputLines.last == "Wrote \(out.path)/fit.csv (53 rows).")
        let csv = SPSimProcess.Outcome.lines(try String(contentsOf: out.appendingPathComponent("fit.csv"), encoding: .utf8))
        #expect(csv.first == "figure,source,year,published,model,ratio,fitted,unit,note")
        #expect(csv.count == 54) // header, 43 calibration targets (13 of them HIES income and consumption), 10 published figures
        #expect(csv.contains { $0.hasPrefix("\"EOBI pensioners, all kinds\",") && $0.contains(",false,persons,") })
        #expect(csv.contains { $0.hasPrefix("\"EOBI pensioners, all kinds (at pension age with 15+ contributory years)\",") && $0.contains(",true,persons,") })
        #expect(csv.contains { $0.hasPrefix("EOBI average pension against the minimum pension (PKR/month),") })
        #expect(csv.contains { $0.hasPrefix("EOBI contribution income,") })

        // A figures file that does not exist is bad input (1).
        let missing = try CLI.run(["fit", "--households", "200", "--figures", "no-such.yaml", "--out", out.path])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("Error: no-such.yaml"), "\(missing)")

        // --year keeps the figures of one year (2025: the Kafaalat target and EOBI's September
        // 2025 count) beside the 43 calibration targets; a year without figures is refused.
        let one = try CLI.run(["fit", "--households", "1500", "--year", "2025", "--out", out.path])
        #expect(one.status == 0, "\(one)")
        #expect(one.outputLines.last == "Wrote \(out.path)/fit.csv (45 rows).")
        let none = try CLI.run(["fit", "--households", "200", "--year", "2030", "--out", out.path])
        #expect(none.status == 1)
        #expect(none.errorLines.first == "Error: --year: scenarios/validation/published-figures.yaml has no figure for simulation year 2030; found '2030'. Fix: give one of 2023, 2024, 2025 (year Y is fiscal year Y–Y+1), or leave --year out for every figure", "\(none)")
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
