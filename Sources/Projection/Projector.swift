import Foundation
import Indicators
import PolicyRules
import PopulationData
import SpsimSupport
import Synchronization

/// A problem during a projection that is not in a user's file (reported with a fix).
public struct ProjectionError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The indicators of one scenario in one simulation year.
public struct ProjectedYear: Sendable {
    public var year: Int
    public var indicators: IndicatorSet
}

/// Runs scenarios year by year over one population (see docs/ARCHITECTURE.md, Projection).
///
/// For each simulation year Y of the horizon, on a copy of the base population:
/// 1. **Weights**: household weights are reweighted (`Reweighter`) from the base weights
///    to the population projection's totals for Y. The weights do not depend on the
///    scenario and are computed once, when the projector is made.
/// 2. **Prices**: the population's money columns are at the prices of `baseYear` (the
///    synthetic population's are at FY2023-24 prices, base year 2023); every person's
///    monthly earnings are the base earnings × the scenario's nominal wage index from the
///    base year to Y (`EconomicIndices.nominalWage(year: Y, base: baseYear)`), and the
///    household's income beyond earnings and consumption × its CPI index
///    (`EconomicIndices.cpi`), so incomes, consumption, the CPI-indexed poverty line and
///    the scheme amounts of year Y are all at year Y's prices
///    (`Population.setPriceLevel`).
/// 3. **Contributory years**: the base value plus one for every earlier simulated year
///    in which the person was an active contributor (formal contributor or extension
///    enrollee) under this scenario. A person at or above pension age who reaches the
///    minimum years this way starts drawing a pension. The years from the base year (or
///    the projection file's first year, when later) to the horizon's first year are
///    simulated too (rules only, no indicators: the **warm-up**), so a year's figures do
///    not depend on where the horizon starts: `run --year 2030` equals the 2030 column of
///    `compare --years 2025-2035`.
/// 4. **Policy**: `scenario.policy(year: Y)` (values on 1 July Y, indexation, phases of
///    Y), `PolicyEngine.run`, `IndicatorCalculator.compute`.
///
/// Static ageing: persons keep their age, sex, labour status, sector and formality; the
/// changing age structure is carried by the weights only. Consequence: nobody reaches
/// pension age during the horizon, so new contributory pensions come only from people
/// already at or above pension age who complete the minimum years (formal employees
/// or enrollees past pension age), not from younger enrollees ageing into pension age.
///
/// Every scenario sees the same population, weights and stored draws, so a scenario
/// identical to the baseline gives exactly the same figures, and differences between
/// scenarios are policy, not sampling noise. Scenarios run in parallel (each scenario's
/// years in order), and each one's figures depend only on its own inputs, so results
/// are identical whatever the number of threads.
public struct Projector: Sendable {
    public let population: Population
    /// The year whose prices the population's money columns are at (the wage and price indices are 1 then).
    public let baseYear: Int
    public let years: [Int]
    public let blockSize: Int
    /// Household weights by year (index as `years`).
    public let weightsByYear: [[Double]]
    public let reweightingReports: [ReweightingReport]
    /// The years simulated before the horizon for the contributory years to accrue (see
    /// the type's documentation), and their weights.
    public let warmUpYears: [Int]
    let warmUpWeights: [[Double]]

    /// Prepares a projection: checks the years and reweights the population to every
    /// year's projected totals.
    public init(population: Population, baseYear: Int, years: [Int], projection: PopulationProjection,
                reweighter: Reweighter = Reweighter(), blockSize: Int = 16_384) throws {
        guard !years.isEmpty else { throw ProjectionError("no years to project. Fix: give --years as FIRST-LAST, e.g. 2025-2035") }
        guard population.householdCount > 0 else { throw ProjectionError("the population has no households. Fix: generate a population with --households N (N ≥ 1) or import a file with at least one household") }
        if let problem = population.structuralProblem() { throw ProjectionError("the population is inconsistent: \(problem)") }
        self.population = population
        self.baseYear = baseYear
        self.years = years
        self.blockSize = blockSize
        let incidence = Reweighter.Incidence(population)
        func weights(_ year: Int) throws -> ([Double], ReweightingReport) {
            let targets: PopulationTargets
            do { targets = try projection.targets(year: year) } catch { throw InputErrors([error]) }
            return try reweighter.reweight(baseWeights: population.householdWeight, incidence: incidence, targets: targets)
        }
        var byYear: [[Double]] = []
        var reports: [ReweightingReport] = []
        for year in years {
            let (w, report) = try weights(year)
            byYear.append(w)
            reports.append(report)
        }
        weightsByYear = byYear
        reweightingReports = reports
        let first = years[0]
        let warmUpStart = max(baseYear, projection.baseYear)
        warmUpYears = warmUpStart < first ? Array(warmUpStart..<first) : []
        warmUpWeights = try warmUpYears.map { try weights($0).0 }
    }

    /// Projects one scenario over the horizon. `progress` is called after each year.
    public func run(_ scenario: Scenario, progress: @Sendable () -> Void = {}) throws -> [ProjectedYear] {
        let indices = scenario.economicIndices
        // The warm-up years (rules only, for accrual), then the horizon; every year's policy
        // and indices are checked before any runs, so a bad year fails before work is done.
        let simulated = warmUpYears + years
        let weights = warmUpWeights + weightsByYear
        var policies: [PolicyParameters] = []
        var wageIndex: [Double] = [], priceIndex: [Double] = []
        for year in simulated {
            policies.append(try scenario.policy(year: year))
            wageIndex.append(try indices.nominalWage(year: year, base: baseYear))
            priceIndex.append(try indices.cpi(year: year, base: baseYear))
        }
        var yearPopulation = population
        var accruedYears = population.contributoryYears
        var output: [ProjectedYear] = []
        output.reserveCapacity(years.count)
        for (i, year) in simulated.enumerated() {
            yearPopulation.householdWeight = weights[i]
            yearPopulation.setPriceLevel(from: population, earnings: wageIndex[i], prices: priceIndex[i])
            yearPopulation.contributoryYears = accruedYears
            let result = try PolicyEngine.run(policies[i], on: yearPopulation, blockSize: blockSize)
            if i >= warmUpYears.count {
                let indicators = try IndicatorCalculator.compute(population: yearPopulation, result: result, policy: policies[i])
                output.append(ProjectedYear(year: year, indicators: indicators))
                progress()
            }
            for p in 0..<accruedYears.count where result.contributorStatus[p].isActive && accruedYears[p] < UInt16.max {
                accruedYears[p] += 1
            }
        }
        return output
    }
}

/// The projections of a baseline and scenarios over the same population, as tidy
/// records with the differences from the baseline.
public struct Comparison: Sendable {
    /// Scenario names, baseline first.
    public var names: [String]
    public var years: [Int]
    /// Per scenario (as `names`), per year (as `years`).
    public var projections: [[ProjectedYear]]
    public var reweightingReports: [ReweightingReport]

    /// Runs `scenarios` (baseline first) with `threads` scenarios at a time (1 = serial).
    /// The result does not depend on `threads`.
    public static func run(_ scenarios: [Scenario], projector: Projector, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: @Sendable () -> Void = {}) throws -> Comparison {
        let names = scenarios.map(\.name)
        var seen: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if let first = seen[name] {
                throw ProjectionError("scenarios \(first + 1) and \(i + 1) are both named '\(name)' (the file name without .yaml). Fix: give each scenario a different file name")
            }
            seen[name] = i
        }
        let slots = ResultSlots<Result<[ProjectedYear], any Error>>(count: scenarios.count)
        let workers = max(1, min(threads, scenarios.count))
        if workers == 1 {
            for (i, scenario) in scenarios.enumerated() {
                slots[i] = Result { try projector.run(scenario, progress: progress) }
            }
        } else {
            // Each worker claims the next scenario not yet taken.
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let i = next.wrappingAdd(1, ordering: .relaxed).oldValue, i < scenarios.count {
                    slots[i] = Result { try projector.run(scenarios[i], progress: progress) }
                }
            }
        }
        var projections: [[ProjectedYear]] = []
        for i in 0..<scenarios.count {
            guard let outcome = slots[i] else { throw ProjectionError("scenario \(names[i]) did not run") }
            projections.append(try outcome.get())
        }
        return Comparison(names: names, years: projector.years, projections: projections, reweightingReports: projector.reweightingReports)
    }

    /// All records: each scenario's (baseline first, years in order), then for each
    /// non-baseline scenario its differences from the baseline (`NAME-minus-BASELINE`).
    public var records: [ScenarioYearRecord] {
        var all: [ScenarioYearRecord] = []
        var perScenario: [[ScenarioYearRecord]] = []
        for (name, projection) in zip(names, projections) {
            var records: [ScenarioYearRecord] = []
            for year in projection {
                for record in year.indicators.records { records.append(ScenarioYearRecord(scenario: name, year: year.year, record: record)) }
            }
            perScenario.append(records)
            all += records
        }
        guard let baseline = perScenario.first, let baselineName = names.first else { return all }
        for i in perScenario.indices.dropFirst() {
            all += differenceRecords(scenario: perScenario[i], baseline: baseline, scenarioName: names[i], baselineName: baselineName)
        }
        return all
    }

    /// The `total` value of an indicator for a scenario and year.
    public func value(_ indicator: String, scenario: Int, year: Int) -> Double? {
        guard let i = years.firstIndex(of: year) else { return nil }
        return projections[scenario][i].indicators[indicator]
    }

    /// The value of a breakdown record (`scheme`, `payer`, …) for a scenario and year.
    public func value(_ indicator: String, breakdown: String, group: String, scenario: Int, year: Int) -> Double? {
        guard let i = years.firstIndex(of: year) else { return nil }
        return projections[scenario][i].indicators.records.first { $0.indicator == indicator && $0.breakdown == breakdown && $0.group == group }?.value
    }
}

/// One scenario's figures for one year, computed the way `compare` computes that year:
/// with a projector over the years leading to it (weights fitted to the projection,
/// earnings on the wage index, contributory years accrued), or, without one, on the
/// population exactly as given (its own year: conformance cases, microdata of the year).
/// `spsim run` and `spsim solve` use it, so their figures are `compare`'s.
public struct SingleYear: Sendable {
    public let population: Population
    public let year: Int
    /// nil: the population is used as given.
    public let projector: Projector?

    public init(population: Population, year: Int, projector: Projector?) throws {
        if let projector, projector.years.last != year {
            throw ProjectionError("the projection ends in \(projector.years.last ?? 0), not in the year asked for (\(year))")
        }
        self.population = population
        self.year = year
        self.projector = projector
    }

    /// The scenario's indicators in the year.
    public func indicators(_ scenario: Scenario) throws -> IndicatorSet {
        if let projector {
            guard let last = try projector.run(scenario).last else { throw ProjectionError("the projection produced no year") }
            return last.indicators
        }
        let policy = try scenario.policy(year: year)
        let result = try PolicyEngine.run(policy, on: population)
        return try IndicatorCalculator.compute(population: population, result: result, policy: policy)
    }
}
