// Property-based tests (issue 13): parameter values round-trip through their text, and the
// rules' invariants hold over random small populations and random valid policies.
//
// Each property draws a seed (and a size) with swift-property-based; the population and
// the policy are built from the seed by `TestRandom`, so a failure names the seed that
// reproduces it (`.fixedSeed(...)` on the test, as the library reports).
import Foundation
import PropertyBased
import Testing
@testable import Indicators
@testable import PolicyRules
@testable import PopulationData

/// SplitMix64: a small seeded generator for building one test input from one drawn seed.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func double(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func element<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
}

/// A random valid population of `households` households of 1–6 persons (sorted, unique ids,
/// every column consistent, so that it can be written as CSV and read back).
func randomPopulation(_ random: inout TestRandom, households: Int) -> Population {
    var builder = HouseholdBuilder()
    var householdID: Int64 = 0, personID: Int64 = 0
    for _ in 0..<households {
        householdID += Int64(random.int(1...1_000))
        var persons: [HouseholdBuilder.Person] = []
        for _ in 0..<random.int(1...6) {
            personID += Int64(random.int(1...1_000))
            let status = random.element(LabourStatus.allCases)
            var person = HouseholdBuilder.Person(id: personID, age: UInt8(random.int(0...100)))
            person.sex = random.element(Sex.allCases)
            person.status = status
            if status.isEmployed {
                person.sector = random.element([Sector.agriculture, .industry, .services])
                person.formal = random.chance(0.3)
                person.earnings = random.chance(0.2) ? 0 : random.double(0...150_000)
            }
            person.years = UInt16(random.int(0...40))
            person.disabled = random.chance(0.1)
            person.school = random.element(SchoolLevel.allCases)
            person.birth = person.sex == .female && random.chance(0.1)
            person.province = random.element(Province.allCases)
            person.urban = random.chance(0.4)
            person.takeUpDraw = Float(random.double(0...0.999_999))
            person.complianceDraw = Float(random.double(0...0.999_999))
            person.benefitDraw = Float(random.double(0...0.999_999))
            persons.append(person)
        }
        builder.household(id: householdID, weight: random.double(0.5...5_000), pmt: random.double(0...100),
                          draw: Float(random.double(0...0.999_999)), persons)
    }
    return builder.population
}

/// The social-protection-floor option (every R1 scheme and phases), loaded once.
let floorScenario: Result<Scenario, any Error> = Result(catching: {
    try ScenarioLoader.load(repositoryRoot.appendingPathComponent("scenarios/social-protection-floor.yaml"))
})

/// A random valid policy: the floor option in a random year 2025–2035, its R1 schemes given
/// random values within their valid ranges, its phases random take-up, subsidy and capacity.
func randomPolicy(_ random: inout TestRandom) throws -> PolicyParameters {
    var policy = try floorScenario.get().policy(year: random.int(2025...2035))
    policy[MinimumWageFloor.self] = MinimumWageFloor(
        enabled: random.chance(0.8), amount: random.double(0...80_000), complianceFormal: random.double(0...1),
        complianceInformal: random.double(0...1), complianceMode: random.element(ComplianceMode.allCases))
    let rate = random.double(0...0.3)
    policy[ContributoryInsurance.self] = ContributoryInsurance(
        enabled: random.chance(0.8), contributionRate: rate, contributionBase: random.element(ContributionBase.allCases),
        employeeRate: random.double(0...rate), pensionAgeMen: random.int(50...70), pensionAgeWomen: random.int(50...70),
        minimumYears: random.int(0...30), minimumPension: random.double(0...20_000), accrualDivisor: random.double(1...100))
    policy[HouseholdTransfer.self] = HouseholdTransfer(
        enabled: random.chance(0.8), amount: random.double(0...20_000), pmtCutoff: random.double(0...100), takeUp: random.double(0...1),
        recipient: random.element(RecipientRule.allCases), recipientMinimumAge: random.int(14...30))
    policy[SocialPension.self] = SocialPension(enabled: random.chance(0.8), amount: random.double(0...10_000), age: random.int(55...80),
                                               takeUp: random.double(0...1))
    for k in policy.phases.indices {
        policy.phases[k].takeUpRate = random.double(0...1)
        policy.phases[k].subsidyShare = random.double(0...1)
        policy.phases[k].cumulativeCapacity = random.chance(0.5) ? nil : random.double(0...20_000)
    }
    return policy
}

/// Every result column, exactly (bit for bit), as one comparable list of named arrays.
func resultColumns(_ r: PolicyResult) -> [String: [Double]] {
    var columns: [String: [Double]] = [
        "earningsAfterFloor": r.earningsAfterFloor, "workerContribution": r.workerContribution,
        "employerContribution": r.employerContribution, "contributionSubsidy": r.contributionSubsidy,
        "adminCostPerYear": r.adminCostPerYear, "recipient": r.recipient.map(Double.init),
        "marketIncome": r.marketIncome, "policyIncome": r.policyIncome, "adultEquivalents": r.adultEquivalents,
        "contributorStatus": r.contributorStatus.map { Double($0.rawValue) },
        "minimumWageRegistered": r.minimumWageRegistered.map { $0 ? 1 : 0 },
    ]
    for (s, scheme) in r.schemes.enumerated() {
        columns["scheme\(s).received"] = scheme.received
        columns["scheme\(s).beneficiary"] = scheme.beneficiary.map { $0 ? 1 : 0 }
        columns["scheme\(s).covered"] = scheme.covered.map { $0 ? 1 : 0 }
        columns["scheme\(s).householdAmount"] = scheme.householdAmount
        columns["scheme\(s).householdReceives"] = scheme.householdReceives.map { $0 ? 1 : 0 }
    }
    return columns
}

/// The names of columns that differ (bit patterns, so NaN = NaN and 0 ≠ −0).
func differingColumns(_ a: PolicyResult, _ b: PolicyResult) -> [String] {
    let (x, y) = (resultColumns(a), resultColumns(b))
    return x.keys.sorted().filter { key in x[key]?.map(\.bitPattern) != y[key]?.map(\.bitPattern) }
}

@Suite("Property-based: parameter values and rule invariants")
struct PropertyTests {
    // MARK: Parameter values as text

    /// A random valid value of a numeric kind.
    static func validValue(_ kind: ParameterKind, _ random: inout TestRandom) -> Double {
        switch kind {
        case .amount: return random.chance(0.3) ? Double(random.int(0...1_000_000_000)) : random.double(0...ValueParser.maximumAmount)
        case .share: return random.element([0, 1, random.double(0...1)])
        case .growth: return random.double(-0.999_999...ValueParser.maximumGrowth)
        case .years: return Double(random.int(0...100))
        case .age: return Double(random.int(0...120))
        case .score: return random.double(0...100)
        case .positiveCount: return random.chance(0.5) ? Double(random.int(1...10_000)) : random.double(ValueParser.countRange)
        case .index: return random.chance(0.5) ? random.element([1, 1.15, 1000]) : random.double(0.001...ValueParser.maximumIndex)
        case .flag, .choice: return 0
        }
    }

    /// The ways a user may write `x`: Swift's shortest text, exponent form, a whole number
    /// with '_' grouping, padded with spaces.
    static func texts(_ x: Double) -> [String] {
        var out = [x.description, " \(x.description) ", String(format: "%.17g", x), String(format: "%.17e", x)]
        if x == x.rounded(), abs(x) < 1e15 {
            let digits = String(Int64(x))
            out.append(digits)
            var grouped = ""
            for (i, c) in digits.reversed().enumerated() {
                if i > 0, i % 3 == 0, c != "-" { grouped.append("_") }
                grouped.append(c)
            }
            out.append(String(grouped.reversed()))
        }
        return out
    }

    @Test("a random valid value of every numeric parameter, written as text, parses back to the same value")
    func valueTextRoundTrip() async {
        let numeric = ParameterCatalog.definitions.filter { definition in
            switch definition.kind {
            case .flag, .choice: return false
            default: return true
            }
        }
        #expect(numeric.count > 20)
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = TestRandom(seed)
            let definition = random.element(numeric)
            let x = Self.validValue(definition.kind, &random)
            for text in Self.texts(x) {
                switch ValueParser.parse(text, kind: definition.kind, unit: definition.unit) {
                case .success(let value): #expect(value == .number(x), "\(definition.name): '\(text)' read as \(value), not \(x)")
                case .failure(let failure): Issue.record("\(definition.name): valid '\(text)' refused: \(failure.problem)")
                }
            }
        }
    }

    @Test("--set name=value with a random valid value gives that value in the policy")
    func overrideRoundTrip() async throws {
        let baseline = repositoryRoot.appendingPathComponent("scenarios/baseline.yaml")
        let names = ["minimum_wage.amount", "household_transfer.amount", "household_transfer.pmt_cutoff", "household_transfer.take_up",
                     "social_pension.age", "contributory.minimum_years", "contributory.accrual_divisor", "economy.cpi_inflation"]
        await propertyCheck(count: 40, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = TestRandom(seed)
            let name = random.element(names)
            let definition = try #require(ParameterCatalog.byName[name])
            let x = Self.validValue(definition.kind, &random)
            let text = random.element(Self.texts(x))
            let scenario = try ScenarioLoader.load(baseline, overrides: ["\(name)=\(text)"])
            #expect(scenario.parameters[name]?.values.map(\.value) == [.number(x)], "\(name)=\(text)")
            let policy = try scenario.policy(year: random.int(2025...2035))
            switch name {
            case "minimum_wage.amount": #expect(policy[MinimumWageFloor.self]?.amount == x)
            case "household_transfer.amount": #expect(policy[HouseholdTransfer.self]?.amount == x)
            case "household_transfer.pmt_cutoff": #expect(policy[HouseholdTransfer.self]?.pmtCutoff == x)
            case "household_transfer.take_up": #expect(policy[HouseholdTransfer.self]?.takeUp == x)
            case "social_pension.age": #expect(policy[SocialPension.self]?.age == Int(x))
            case "contributory.minimum_years": #expect(policy[ContributoryInsurance.self]?.minimumYears == Int(x))
            case "contributory.accrual_divisor": #expect(policy[ContributoryInsurance.self]?.accrualDivisor == x)
            default: break
            }
        }
    }

    // MARK: Rule invariants

    @Test("costs, contributions and benefits are finite and non-negative; coverage rates are in [0, 1]; weights are conserved")
    func invariants() async throws {
        _ = try floorScenario.get()
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...12)) { seed, households in
            var random = TestRandom(seed)
            let population = randomPopulation(&random, households: households)
            let policy = try randomPolicy(&random)
            let weights = population.householdWeight
            let result = try PolicyEngine.run(policy, on: population)
            #expect(population.householdWeight == weights)
            for p in 0..<population.personCount {
                #expect(result.earningsAfterFloor[p] >= population.monthlyEarnings[p] && result.earningsAfterFloor[p].isFinite)
                #expect(result.workerContribution[p] >= 0 && result.employerContribution[p] >= 0 && result.contributionSubsidy[p] >= 0)
                #expect(result.adminCostPerYear[p] >= 0 && result.adminCostPerYear[p].isFinite)
                for scheme in result.schemes where scheme.isOn {
                    #expect(scheme.received[p] >= 0 && scheme.received[p].isFinite)
                }
            }
            let indicators = try IndicatorCalculator.compute(population: population, result: result, policy: policy)
            for record in indicators.records {
                #expect(record.value.isFinite || record.value.isNaN, "\(record.indicator) \(record.group) = \(record.value)")
                if record.unit == "PKR/year" || record.unit == "% of GDP" || record.unit == "persons" || record.unit == "households" {
                    #expect(!(record.value < 0), "\(record.indicator) [\(record.breakdown)=\(record.group)] = \(record.value) is negative")
                }
                if record.unit == "/1", record.indicator.contains("coverage") || record.indicator.contains("share") || record.indicator.contains("headcount") {
                    #expect(!(record.value < 0 || record.value > 1), "\(record.indicator) [\(record.breakdown)=\(record.group)] = \(record.value) is not in [0, 1]")
                }
            }
            // Weights are conserved: the population and households counted are the file's weights.
            let persons = (0..<population.householdCount).reduce(0.0) { $0 + weights[$1] * Double(population.personRange($1).count) }
            #expect(close(indicators["population"] ?? .nan, persons, 1e-12))
            #expect(close(indicators["households"] ?? .nan, weights.reduce(0, +), 1e-12))
            // … and so are the benefits across breakdowns.
            let bySex = indicators.records.filter { $0.indicator == "benefits_received" && $0.breakdown == "sex" }.map(\.value).reduce(0, +)
            #expect(close(bySex, indicators["benefits_received"] ?? .nan, 1e-9))
        }
    }

    @Test("results do not depend on the engine's block size")
    func blockSize() async throws {
        _ = try floorScenario.get()
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...12), Gen.int(in: 1...5)) { seed, households, blockSize in
            var random = TestRandom(seed)
            let population = randomPopulation(&random, households: households)
            let policy = try randomPolicy(&random)
            let whole = try PolicyEngine.run(policy, on: population)
            let blocks = try PolicyEngine.run(policy, on: population, blockSize: blockSize)
            #expect(differingColumns(whole, blocks) == [], "block size \(blockSize)")
        }
    }

    @Test("results do not depend on the row order of the population CSV")
    func rowOrder() async throws {
        _ = try floorScenario.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-property-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        await propertyCheck(count: 150, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 1...10)) { seed, households in
            var random = TestRandom(seed)
            let built = randomPopulation(&random, households: households)
            let policy = try randomPolicy(&random)
            let inOrder = folder.appendingPathComponent("in-order.csv"), shuffled = folder.appendingPathComponent("shuffled.csv")
            try PopulationCSV.write(built, to: inOrder)
            var lines = try String(contentsOf: inOrder, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = lines.removeFirst()
            lines.shuffle(using: &random)
            try ([header] + lines).joined(separator: "\n").appending("\n").write(to: shuffled, atomically: true, encoding: .utf8)
            let a = try PopulationCSV.read(inOrder, seed: seed, showProgress: false)
            let b = try PopulationCSV.read(shuffled, seed: seed, showProgress: false)
            let ra = try PolicyEngine.run(policy, on: a), rb = try PolicyEngine.run(policy, on: b)
            #expect(differingColumns(ra, rb) == [])
            let ia = try IndicatorCalculator.compute(population: a, result: ra, policy: policy)
            let ib = try IndicatorCalculator.compute(population: b, result: rb, policy: policy)
            #expect(ia.records.map(\.value.bitPattern) == ib.records.map(\.value.bitPattern))
        }
    }
}
