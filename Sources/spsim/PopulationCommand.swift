import ArgumentParser
import Foundation
import PopulationData
import SpsimSupport

extension SPSim {
    struct Population: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "population",
            abstract: "Build, check and export populations (synthetic or microdata).",
            subcommands: [Generate.self, Convert.self, Validate.self, Bench.self]
        )
    }
}

extension SPSim.Population {
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a synthetic Pakistan population; write it (CSV, or binary .spop) or print a summary.")

        @Option(help: "Number of households.")
        var households: Int = 100_000

        @Option(help: "Seed that fixes every random draw.")
        var seed: UInt64 = 20_250_701

        @Option(help: ArgumentHelp("Write the population to this file (written atomically): binary when it ends in .spop, CSV otherwise.", valueName: "file"))
        var out: String?

        func validate() throws {
            guard households >= 1 && households <= 50_000_000 else {
                throw ValidationError("--households must be from 1 to 50,000,000 (got \(households)).")
            }
        }

        func run() async throws {
            let population = try SyntheticPopulation.generate(households: households, seed: seed, calibration: CalibrationTargets.pakistan(), showProgress: true)
            if let out {
                try PopulationFile.write(population, seed: seed, source: "synthetic, \(households) households, seed \(seed)", to: URL(fileURLWithPath: out))
            }
            let weighted = population.personWeights().reduce(0, +)
            var text = "synthetic population: \(NumberText.grouped(Double(population.householdCount))) households, \(NumberText.grouped(Double(population.personCount))) persons (seed \(seed))\n"
            text += "weighted: \(NumberText.grouped(population.householdWeight.reduce(0, +))) households, \(NumberText.grouped(weighted)) persons\n"
            if let out { text += "written to \(out)\n" } else { text += "not written (give --out FILE.csv or FILE.spop to write it); check it with 'spsim population validate'\n" }
            print(text, terminator: "")
        }
    }

    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a population file between CSV and the binary .spop format.",
            discussion: """
                The format follows the file names: FILE.csv → FILE.spop writes a binary population \
                (columnar, memory-mapped on reading, versioned, checksummed) that loads many times \
                faster than its CSV; FILE.spop → FILE.csv writes it back as CSV. The stored draws \
                are made from --seed when reading a CSV (as 'run --population FILE.csv --seed S' \
                does) and kept with the .spop, so a run on either file gives the same results.

                Example: spsim population convert survey.csv survey.spop --seed 20250701
                """)

        @Argument(help: ArgumentHelp("The population to read (CSV or .spop).", valueName: "input"))
        var input: String

        @Argument(help: ArgumentHelp("The file to write: binary when it ends in .spop, CSV otherwise (written atomically).", valueName: "output"))
        var output: String

        @Option(help: "Seed of the stored draws made when reading a CSV (a .spop keeps its own unless another seed is given).")
        var seed: UInt64?

        func validate() throws {
            guard URL(fileURLWithPath: input).standardizedFileURL != URL(fileURLWithPath: output).standardizedFileURL else {
                throw ValidationError("The input and output are the same file (\(input)); give another output name.")
            }
        }

        func run() async throws {
            let inputURL = URL(fileURLWithPath: input), outputURL = URL(fileURLWithPath: output)
            let binaryInput = PopulationBinary.isBinary(inputURL) || inputURL.pathExtension.lowercased() == PopulationBinary.fileExtension
            let drawSeed = try seed ?? (binaryInput ? PopulationBinary.header(of: inputURL).seed : 20_250_701)
            let start = DispatchTime.now().uptimeNanoseconds
            let population = try PopulationFile.read(inputURL, seed: drawSeed, showProgress: true)
            let source = binaryInput ? (try PopulationBinary.header(of: inputURL).source) : "microdata \(inputURL.lastPathComponent), draws from seed \(drawSeed)"
            try PopulationFile.write(population, seed: drawSeed, source: source, to: outputURL)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let size = (try? FileManager.default.attributesOfItem(atPath: outputURL.path)[.size] as? Int) ?? 0
            print("converted \(input) → \(output): \(NumberText.grouped(Double(population.householdCount))) households, \(NumberText.grouped(Double(population.personCount))) persons, draws from seed \(drawSeed); \(NumberText.fixed(Double(size) / 1e6, digits: 1)) MB in \(NumberText.fixed(seconds, digits: 2)) s")
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a population with every calibration target (weighted value and relative gap).",
            discussion: "Exits 0 when the population loads; with --strict, exits 1 when a calibrated target is off by more than 2%.")

        @OptionGroup var source: PopulationSource

        @Flag(help: "Exit 1 when any calibrated target is off by more than 2%.")
        var strict = false

        func run() async throws {
            let calibration = try CalibrationTargets.pakistan()
            let population = try source.load()
            let rows = PopulationMeasures.compare(population, with: calibration)
            var table = TextTable(headers: ["target", "year", "published", "population", "gap", "calibrated"])
            for row in rows {
                table.add([row.target.label, row.target.year, format(row.target.value, unit: row.target.unit), format(row.measured, unit: row.target.unit),
                           row.relativeGap.isFinite ? NumberText.percent(row.relativeGap, digits: 2) : "n/a",
                           row.target.calibrated ? (row.isOff ? "OFF" : "yes") : "info"])
            }
            print("population: \(source.summary)")
            print(table.render(), terminator: "")
            let calibrated = rows.filter { $0.target.calibrated && $0.relativeGap.isFinite }
            let worst = calibrated.max { abs($0.relativeGap) < abs($1.relativeGap) }
            if let worst {
                print("largest gap among calibrated targets: \(NumberText.percent(abs(worst.relativeGap), digits: 2)) (\(worst.target.label)); tolerance 2%")
            }
            print("sources: \(calibration.file)")
            let off = rows.filter(\.isOff)
            if strict && !off.isEmpty {
                throw CommandFailure("\(off.count) calibrated target(s) off by more than 2%: \(off.map(\.target.key).joined(separator: ", "))")
            }
        }

        func format(_ value: Double, unit: String) -> String {
            guard value.isFinite else { return "n/a" }
            if unit.hasPrefix("fraction") { return NumberText.percent(value, digits: 2) }
            if abs(value) >= 1000 { return NumberText.grouped(value) }
            return NumberText.fixed(value, digits: 2)
        }
    }

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time generating and importing a population (median of runs, peak memory).",
            discussion: "Build with 'swift build -c release' for meaningful figures. The CSV is written to a temporary file and removed.")

        @Option(help: "Number of households.")
        var households: Int = 1_000_000

        @Option(help: "Runs of each step; the median is reported.")
        var runs: Int = 5

        @Option(help: "Seed.")
        var seed: UInt64 = 20_250_701

        @Option(help: ArgumentHelp("Which steps to time: generate, import or both.", valueName: "step"))
        var step: String = "both"

        @Option(help: ArgumentHelp("Time the import of this existing CSV or .spop file instead of a freshly written CSV (with --step import, the process then measures the import alone).", valueName: "file"))
        var csv: String?

        func validate() throws {
            guard households >= 1 && households <= 50_000_000 else { throw ValidationError("--households must be from 1 to 50,000,000.") }
            guard runs >= 1 && runs <= 100 else { throw ValidationError("--runs must be from 1 to 100.") }
            guard ["generate", "import", "both"].contains(step) else { throw ValidationError("--step must be generate, import or both.") }
        }

        func run() async throws {
            let calibration = try CalibrationTargets.pakistan()
            var generateTimes: [Double] = []
            var population: PopulationData.Population? = nil
            if step != "import" {
                for _ in 0..<runs {
                    population = nil
                    let start = DispatchTime.now().uptimeNanoseconds
                    population = try SyntheticPopulation.generate(households: households, seed: seed, calibration: calibration)
                    generateTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                }
                print("generate \(households) households (\(population?.personCount ?? 0) persons): median \(NumberText.fixed(median(generateTimes), digits: 3)) s over \(runs) runs [\(generateTimes.map { NumberText.fixed($0, digits: 3) }.joined(separator: ", "))]; peak RSS so far \(peakMegabytes()) MB")
            }
            if step != "generate" {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-bench-\(ProcessInfo.processInfo.processIdentifier)")
                var file = folder.appendingPathComponent("population.csv")
                defer { try? FileManager.default.removeItem(at: folder) }
                if let csv {
                    file = URL(fileURLWithPath: csv)
                } else {
                    if population == nil { population = try SyntheticPopulation.generate(households: households, seed: seed, calibration: calibration) }
                    guard let written = population else { return }
                    try PopulationCSV.write(written, to: file)
                }
                population = nil
                let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
                let before = peakMegabytes()
                var importTimes: [Double] = []
                var persons = 0
                for _ in 0..<runs {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let imported = try PopulationFile.read(file, seed: seed, showProgress: false)
                    importTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    persons = imported.personCount
                }
                print("import \(NumberText.grouped(Double(size) / 1e6)) MB \(PopulationBinary.isBinary(file) ? ".spop" : "CSV") (\(persons) persons): median \(NumberText.fixed(median(importTimes), digits: 3)) s over \(runs) runs [\(importTimes.map { NumberText.fixed($0, digits: 3) }.joined(separator: ", "))]; peak RSS before import \(before) MB, after \(peakMegabytes()) MB")
            }
        }

        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return .nan }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }

        /// Peak resident set size of this process (getrusage: kilobytes on Linux, bytes on macOS).
        func peakMegabytes() -> Int {
            var usage = rusage()
            #if canImport(Darwin)
            getrusage(RUSAGE_SELF, &usage)
            return Int(usage.ru_maxrss) / (1024 * 1024)
            #else
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Int(usage.ru_maxrss) / 1024
            #endif
        }
    }
}
