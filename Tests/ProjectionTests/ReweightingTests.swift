import Foundation
import Testing
import PopulationData
@testable import Projection

@Suite("Reweighting to projected population totals")
struct ReweightingTests {
    /// Weighted persons by age group × sex and by province, summed person by person.
    static func margins(_ population: Population, weights: [Double]) -> (ageSex: [[Double]], province: [Double]) {
        var ageSex = Array(repeating: [0.0, 0.0], count: 3)
        var province = [Double](repeating: 0, count: Province.allCases.count)
        for h in 0..<population.householdCount {
            for p in population.personRange(h) {
                let a = population.age[p], group = a < 15 ? 0 : (a < 65 ? 1 : 2)
                ageSex[group][Int(population.sex[p].rawValue)] += weights[h]
                province[Int(population.province[p].rawValue)] += weights[h]
            }
        }
        return (ageSex, province)
    }

    static func targets(year: Int, total: Double) -> PopulationTargets {
        // Shares chosen by hand, different from the test population's own structure.
        let ageShares = [0.38, 0.57, 0.05], women = 0.485
        let provinceShares = [0.53, 0.23, 0.17, 0.06, 0.01]
        return PopulationTargets(year: year, ageSex: ageShares.map { [total * $0 * women, total * $0 * (1 - women)] },
                                 province: provinceShares.map { total * $0 }, source: "test")
    }

    @Test("reweighted totals hit every age × sex and province target within the tolerance")
    func hitsTargets() throws {
        let population = TestPopulations.make(households: 600)
        let targets = Self.targets(year: 2030, total: 2_000_000)
        let reweighter = Reweighter(tolerance: 1e-9, maximumIterations: 1000)
        let (weights, report) = try reweighter.reweight(baseWeights: population.householdWeight, incidence: .init(population), targets: targets)
        let (ageSex, province) = Self.margins(population, weights: weights)
        for g in 0..<3 {
            for s in 0..<2 {
                #expect(abs(ageSex[g][s] - targets.ageSex[g][s]) <= 1e-9 * targets.ageSex[g][s])
            }
        }
        for p in 0..<5 { #expect(abs(province[p] - targets.province[p]) <= 1e-9 * targets.province[p]) }
        #expect(weights.allSatisfy { $0 > 0 && $0.isFinite })
        #expect(report.maximumRelativeError <= 1e-9)
        #expect(report.iterations >= 1)
    }

    @Test("one person per household in a full table: the fit is the product of the margins (classical IPF)")
    func classicalCase() throws {
        // One single-person household for every age group × sex × province, equal base
        // weights: raking a rank-one table gives w = T(age, sex) × P(province) ÷ total.
        var population = Population()
        var cells: [(group: Int, sex: Int, province: Int)] = []
        for g in 0..<3 { for s in 0..<2 { for p in 0..<5 { cells.append((g, s, p)) } } }
        for (i, cell) in cells.enumerated() {
            population.householdID.append(Int64(i + 1)); population.householdWeight.append(1); population.pmtScore.append(50)
            population.householdDraw.append(0.5); population.personID.append(Int64(i + 1))
            population.age.append(UInt8([7, 40, 70][cell.group])); population.sex.append(cell.sex == 0 ? .female : .male)
            population.province.append(Province.allCases[cell.province]); population.firstPerson.append(Int32(i + 1))
        }
        let targets = Self.targets(year: 2027, total: 10_000)
        let (weights, _) = try Reweighter(tolerance: 1e-12).reweight(baseWeights: population.householdWeight, incidence: .init(population), targets: targets)
        for (i, cell) in cells.enumerated() {
            let expected = targets.ageSex[cell.group][cell.sex] * targets.province[cell.province] / 10_000
            #expect(abs(weights[i] - expected) <= 1e-9 * expected)
        }
    }

    @Test("a target for a group with no persons reports failure naming the group")
    func emptyCellFails() throws {
        var population = TestPopulations.make(households: 200)
        for p in 0..<population.personCount where population.age[p] >= 65 { population.age[p] = 64 }
        let targets = Self.targets(year: 2031, total: 1_000_000)
        do {
            _ = try Reweighter().reweight(baseWeights: population.householdWeight, incidence: .init(population), targets: targets)
            Issue.record("reweighting should have failed")
        } catch {
            #expect(error.description.contains("65+"))
            #expect(error.description.contains("2031"))
            #expect(error.description.contains("Fix:"))
        }
    }

    @Test("inconsistent margins that cannot both be met report failure")
    func inconsistentFails() throws {
        let population = TestPopulations.make(households: 200)
        var targets = Self.targets(year: 2030, total: 1_000_000)
        targets.province[0] *= 1.5
        #expect(throws: ReweightingError.self) {
            _ = try Reweighter().reweight(baseWeights: population.householdWeight, incidence: .init(population), targets: targets)
        }
    }

    @Test("the convergence check reports failure when the iterations run out before the tolerance is met")
    func convergenceFailure() throws {
        let population = TestPopulations.make(households: 200)
        let targets = Self.targets(year: 2030, total: 1_000_000)
        let strict = Reweighter(tolerance: 1e-15, maximumIterations: 1)
        do {
            _ = try strict.reweight(baseWeights: population.householdWeight, incidence: .init(population), targets: targets)
            Issue.record("one Newton step should not reach 1e-15")
        } catch {
            #expect(error.description.contains("after 1 iteration "))
            #expect(error.description.contains("2030") && error.description.contains("Fix:"))
        }
    }
}
