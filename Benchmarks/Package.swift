// swift-tools-version: 6.1
// spsim's benchmark suite (ordo-one/benchmark): import, rules, indicators and a projection
// year on the default synthetic population. A package of its own so that the README's
// two commands never build the benchmark tooling. Run from this folder:
//   swift package benchmark                      (every benchmark)
//   swift package benchmark --filter "Rules.*"   (some)
// or `make bench` from the top of the repository.
import PackageDescription

let package = Package(
    name: "spsim-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spsim", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "SpsimBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SpsimEngine", package: "spsim"),
            ],
            path: "Benchmarks/SpsimBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
