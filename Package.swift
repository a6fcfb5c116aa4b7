// swift-tools-version: 6.1
// spsim: social-protection policy microsimulation.
// Layout follows the data flow: population → rules → projection → indicators → reports,
// the CLI on top and GSL (through CGSL, imported only by GSLStatistics) underneath.
import PackageDescription

let package = Package(
    name: "spsim",
    // macOS 15 for the standard library's Synchronization (Mutex, Atomic); Linux needs no claim.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "spsim", targets: ["spsim"]),
        .library(name: "SpsimEngine", targets: ["GSLStatistics", "PopulationData", "PolicyRules", "Indicators", "ResultsFormat", "Projection", "Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Tests only: property-based tests (Swift Testing).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // The GNU Scientific Library, found with pkg-config. Only GSLStatistics imports it.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // Swift face of GSL: errors, seeded random streams, distributions, weighted statistics.
        .target(name: "GSLStatistics", dependencies: ["CGSL", "SpsimSupport"]),
        // Small shared utilities: located input errors, atomic writes, progress, text tables.
        .target(name: "SpsimSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // Persons and households as columns; CSV microdata in and out; the synthetic population.
        .target(name: "PopulationData", dependencies: ["GSLStatistics", "SpsimSupport", .product(name: "Yams", package: "Yams")], resources: [.copy("Resources")]),
        // Parameters and scenario files (YAML) and the policy rules run over household blocks.
        .target(name: "PolicyRules", dependencies: ["PopulationData", "SpsimSupport", .product(name: "Yams", package: "Yams")]),
        // Indicators (R1 names, SDG 1.3.1 coverage, poverty, inequality) and their breakdowns.
        .target(name: "Indicators", dependencies: ["PolicyRules", "PopulationData", "GSLStatistics", "SpsimSupport"]),
        // The results folder: manifest, record files (CSV/JSON), whole-folder replacement under a lock.
        .target(name: "ResultsFormat", dependencies: ["Indicators", "SpsimSupport"]),
        // Multi-year projection: uprating, reweighting, phased coverage extension, comparisons.
        .target(name: "Projection", dependencies: ["Indicators", "PolicyRules", "PopulationData", "GSLStatistics", "ResultsFormat", "SpsimSupport", .product(name: "Yams", package: "Yams")]),
        // Tables, SVG charts, Markdown and a self-contained HTML report.
        .target(name: "Reports", dependencies: ["Indicators", "ResultsFormat", "SpsimSupport"]),
        // The command-line tool.
        .executableTarget(
            name: "spsim",
            dependencies: [
                "PopulationData", "PolicyRules", "Indicators", "ResultsFormat", "Projection", "Reports", "SpsimSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GSLStatisticsTests", dependencies: ["GSLStatistics", "SpsimSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PopulationDataTests", dependencies: ["PopulationData", "SpsimSupport", .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Fixtures/xxh64_vectors.py"]),
        .testTarget(name: "PolicyRulesTests", dependencies: ["PolicyRules", "Indicators", "PopulationData", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ProjectionTests", dependencies: ["Projection", "ResultsFormat", "PolicyRules", "PopulationData"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ResultsFormat", "Indicators", "SpsimSupport"]),
        .testTarget(name: "ResultsFormatTests", dependencies: ["ResultsFormat", "Indicators", "SpsimSupport"]),
        // Runs the built spsim executable as a user does (arguments, output, files, exit status).
        .testTarget(name: "CLITests", dependencies: ["spsim"]),
    ],
    swiftLanguageModes: [.v6]
)
