import Benchmark
import Foundation
import Indicators
import PolicyRules
import PopulationData
import Projection

/// The repository's root (this file is Benchmarks/Benchmarks/SpsimBenchmarks/SpsimBenchmarks.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Households of the benchmark population (the main job's size); SPSIM_BENCH_HOUSEHOLDS changes it.
let households = Int(ProcessInfo.processInfo.environment["SPSIM_BENCH_HOUSEHOLDS"] ?? "") ?? 100_000
let seed: UInt64 = 20_250_701

/// What every benchmark reads, built once per process: the population, its CSV and
/// .spop files, the baseline scenario, its 2025 parameters and its rules' result.
final class Fixture: Sendable {
    let population: Population
    let csv: URL
    let spop: URL
    let baseline: Scenario
    let policy: PolicyParameters
    let result: PolicyResult
    let projection: PopulationProjection

    init() throws {
        population = try SyntheticPopulation.generate(households: households, seed: seed, calibration: CalibrationTargets.pakistan())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-benchmarks-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        csv = folder.appendingPathComponent("population.csv")
        spop = folder.appendingPathComponent("population.spop")
        try PopulationCSV.write(population, to: csv)
        try PopulationBinary.write(population, seed: seed, source: "benchmark", to: spop)
        baseline = try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/baseline.yaml"))
        policy = try baseline.policy(year: 2025)
        result = try PolicyEngine.run(policy, on: population)
        projection = try PopulationProjectionLoader.load(repositoryRoot.appendingPathComponent("scenarios/demography/pakistan-projection.yaml"))
    }

    func removeFiles() { try? FileManager.default.removeItem(at: csv.deletingLastPathComponent()) }
}

nonisolated(unsafe) var fixture: Fixture?

func shared() throws -> Fixture {
    if let fixture { return fixture }
    let made = try Fixture()
    fixture = made
    return made
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 10
    )
    let label = "\(households / 1000)k households"

    Benchmark("Import CSV (\(label))") { benchmark in
        let f = try shared()
        benchmark.startMeasurement()
        blackHole(try PopulationCSV.read(f.csv, seed: seed, showProgress: false))
    }
    Benchmark("Load .spop (\(label))") { benchmark in
        let f = try shared()
        benchmark.startMeasurement()
        blackHole(try PopulationBinary.read(f.spop))
    }
    Benchmark("Rules: baseline 2025 (\(label))") { benchmark in
        let f = try shared()
        benchmark.startMeasurement()
        blackHole(try PolicyEngine.run(f.policy, on: f.population))
    }
    Benchmark("Indicators: baseline 2025 (\(label))") { benchmark in
        let f = try shared()
        benchmark.startMeasurement()
        blackHole(try IndicatorCalculator.compute(population: f.population, result: f.result, policy: f.policy))
    }
    Benchmark("Projection year: baseline 2025 from 2023 (\(label))") { benchmark in
        let f = try shared()
        benchmark.startMeasurement()
        let projector = try Projector(population: f.population, baseYear: 2023, years: [2025], projection: f.projection)
        blackHole(try projector.run(f.baseline))
    }
    Benchmark.teardown = { fixture?.removeFiles() }
}
