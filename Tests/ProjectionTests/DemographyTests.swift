import Foundation
import Testing
import PopulationData
@testable import Projection
import SpsimSupport

@Suite("Mortality and fertility fitted to PDS 2020 (the rates of dynamic ageing)")
struct DemographyTests {
    static let file = ScenarioFolder.repository.appendingPathComponent("scenarios/demography/mortality-fertility.yaml")

    @Test func fittedTablesReproduceThePublishedLifeExpectancyAndInfantMortality() throws {
        let assumptions = try DemographyAssumptions.load(Self.file)
        for (sex, target) in [(Sex.female, 65.5), (.male, 64.5)] {
            let hazard = try assumptions.mortality(sex)
            #expect(abs(hazard.lifeExpectancy() - target) < 0.05, "\(sex): e0 \(hazard.lifeExpectancy())")
            #expect(abs(hazard.lifeExpectancy() - target) < 1e-6)
            #expect(abs((1 - hazard.survival(1)) - 0.056) < 1e-12)
            #expect(hazard.a1 > 0 && hazard.a3 > 0 && hazard.b1 == 1.5 && hazard.a2 == 0.001 && hazard.b3 == 0.09)
        }
    }

    @Test func lifeExpectancyOfAConstantHazardIsItsInverse() {
        // μ = 0.1 a year: S(t) = e^(−0.1 t), e0 = 10 (less e^(−15)·10 beyond age 150).
        let constant = SilerHazard(a1: 0, b1: 1, a2: 0.1, a3: 0, b3: 0.1)
        #expect(abs(constant.lifeExpectancy() - 10 * (1 - exp(-15))) < 1e-9)
        #expect(abs(constant.probabilityOfDying(age: 40) - (1 - exp(-0.1))) < 1e-15)
        #expect(abs(constant.centralDeathRate(age: 7) - 0.1) < 1e-9)
        // Independently of the Simpson rule: the fitted women's e0 by the trapezoid rule, step 1/2000.
        let women = SilerHazard(a1: 0.1092, b1: 1.5, a2: 0.001, a3: 7.064e-05, b3: 0.09)
        var trapezoid = 0.0
        let h = 1.0 / 2000
        for i in 0..<(150 * 2000) { trapezoid += h * (women.survival(Double(i) * h) + women.survival(Double(i + 1) * h)) / 2 }
        #expect(abs(women.lifeExpectancy() - trapezoid) < 1e-6)
    }

    @Test func improvementLowersEveryTermFromTheBaseYear() throws {
        let assumptions = try DemographyAssumptions.load(Self.file)
        let base = try assumptions.mortality(.male)
        #expect(try assumptions.mortality(.male, year: 2020) == base)
        #expect(try assumptions.mortality(.male, year: 2015) == base)
        let later = try assumptions.mortality(.male, year: 2030)
        let factor: Double = Foundation.pow(0.99, 10.0)
        #expect(abs(later.a1 - base.a1 * factor) < 1e-15 && abs(later.a3 - base.a3 * factor) < 1e-18 && abs(later.a2 - base.a2 * factor) < 1e-18)
        #expect(later.lifeExpectancy() > base.lifeExpectancy())
    }

    /// A cohort of 200,000 newborn women, each year dying when her event draw falls below
    /// q(x): the share alive at 65 is within 4 binomial standard errors of S(65).
    @Test func simulatedCohortSurvivesAsTheTableSays() throws {
        let hazard = try DemographyAssumptions.load(Self.file).mortality(.female)
        let n = 200_000
        var alive = 0
        let q = (0..<65).map { hazard.probabilityOfDying(age: $0) }
        for person in 0..<n {
            var survived = true
            for age in 0..<65 where EventDraw.uniform(seed: 11, person: Int64(person), year: 2020 + age, event: 1) < q[age] {
                survived = false
                break
            }
            if survived { alive += 1 }
        }
        let expected = hazard.survival(65)
        let se = (expected * (1 - expected) / Double(n)).squareRoot()
        #expect(abs(Double(alive) / Double(n) - expected) < 4 * se, "\(Double(alive) / Double(n)) vs \(expected)")
    }

    /// 100,000 women in each fertility group for a year: births within 4 standard errors of the rate.
    @Test func simulatedBirthsMatchTheRates() throws {
        let assumptions = try DemographyAssumptions.load(Self.file)
        let women = [10.0, 9, 8, 7, 6, 5, 4].map { $0 * 1e6 }
        let rates = try assumptions.fertility(women: women)
        let n = 100_000
        for (g, rate) in rates.enumerated() {
            var births = 0
            for person in 0..<n where EventDraw.uniform(seed: 5, person: Int64(g * n + person), year: 2025, event: 2) < rate { births += 1 }
            let se = (rate * (1 - rate) / Double(n)).squareRoot()
            #expect(abs(Double(births) / Double(n) - rate) < 4 * se, "group \(g): \(births) births")
        }
    }

    @Test func fertilityKeepsThePublishedGroupsAndHitsTheGeneralFertilityRate() throws {
        let assumptions = try DemographyAssumptions.load(Self.file)
        let women = [10.0, 9, 8, 7, 6, 5, 4].map { $0 * 1e6 }
        let rates = try assumptions.fertility(women: women)
        #expect(Array(rates[1...4]) == [0.176, 0.215, 0.164, 0.094])
        let gfr = zip(rates, women).map(*).reduce(0, +) / women.reduce(0, +)
        #expect(abs(gfr - 0.124) < 1e-15)
        // The stated shape: 15-19 = 40-44, 45-49 a quarter of them.
        #expect(rates[0] == rates[5] && abs(rates[6] - rates[0] / 4) < 1e-15)
        // Hand computation of the level: (0.124·49 − (0.176·9 + 0.215·8 + 0.164·7 + 0.094·6)) / (10 + 5 + 0.25·4) (millions).
        let level = (0.124 * 49 - (0.176 * 9 + 0.215 * 8 + 0.164 * 7 + 0.094 * 6)) / (10 + 5 + 1)
        #expect(abs(rates[0] - level) < 1e-15)
    }

    @Test func eventDrawsAreRepeatableAndIndependentAcrossEvents() {
        let a = EventDraw.uniform(seed: 1, person: 42, year: 2030, event: 1)
        #expect(a == EventDraw.uniform(seed: 1, person: 42, year: 2030, event: 1))
        #expect(a != EventDraw.uniform(seed: 1, person: 42, year: 2030, event: 2))
        #expect(a != EventDraw.uniform(seed: 1, person: 42, year: 2031, event: 1))
        #expect(a != EventDraw.uniform(seed: 2, person: 42, year: 2030, event: 1))
        #expect((0..<1000).allSatisfy { (0..<1).contains(EventDraw.uniform(seed: 3, person: Int64($0), year: 2025, event: 0)) })
    }

    @Test func badFilesNameLineKeyAndFix() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        func problems(_ edited: String) throws -> [InputError] {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-demography-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let url = folder.appendingPathComponent("m.yaml")
            try edited.write(to: url, atomically: true, encoding: .utf8)
            do { _ = try DemographyAssumptions.load(url); return [] } catch { return error.errors }
        }
        let percent = try problems(text.replacingOccurrences(of: "value: 0.056", with: "value: 56"))
        #expect(percent.first?.problem == "out of range" && percent.first?.column == "parameters.infant_mortality.value" && percent.first?.fix.contains("0.056 for 56 per 1,000") == true, "\(percent)")
        #expect(percent.first?.line != nil)
        let unit = try problems(text.replacingOccurrences(of: "    unit: years\n    source: PDS 2020 (PBS), 65.5 years", with: "    unit: months\n    source: PDS 2020 (PBS), 65.5 years"))
        #expect(unit.first?.problem == "wrong unit" && unit.first?.value == "months", "\(unit)")
        let missing = try problems(text.replacingOccurrences(of: "  crude_birth_rate:", with: "  crude_birth_rates:"))
        #expect(missing.contains { $0.problem == "unknown parameter" && $0.fix.contains("did you mean 'crude_birth_rate'") }, "\(missing)")
        #expect(missing.contains { $0.problem == "the parameter is missing" && $0.column == "parameters.crude_birth_rate" }, "\(missing)")
    }
}
