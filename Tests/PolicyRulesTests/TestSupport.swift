import Foundation
@testable import PolicyRules
import PopulationData

/// Builds small hand-made populations: one call per household, one tuple per person.
struct HouseholdBuilder {
    struct Person {
        var id: Int64
        var age: UInt8
        var sex: Sex = .male
        var status: LabourStatus = .inactive
        var sector: Sector = .none
        var formal = false
        var earnings = 0.0
        var years: UInt16 = 0
        var disabled = false
        var school: SchoolLevel = .none
        var birth = false
        var publicSector = false
        var pension: Float = 0
        var province: Province = .punjab
        var urban = false
        var takeUpDraw: Float = 0.5
        var complianceDraw: Float = 0.5
        var benefitDraw: Float = 0.5
        var transitionDraw: Float = 0.5
    }

    var population = Population()

    mutating func household(id: Int64, weight: Double = 1, pmt: Double = 50, draw: Float = 0.5, _ persons: [Person]) {
        population.householdID.append(id)
        population.householdWeight.append(weight)
        population.pmtScore.append(pmt)
        population.householdDraw.append(draw)
        for p in persons {
            population.personID.append(p.id)
            population.age.append(p.age)
            population.sex.append(p.sex)
            population.province.append(p.province)
            population.urban.append(p.urban)
            population.labourStatus.append(p.status)
            population.sector.append(p.sector)
            population.formal.append(p.formal)
            population.workerGroup.append(.other)
            population.monthlyEarnings.append(p.earnings)
            population.contributoryYears.append(p.years)
            population.disabled.append(p.disabled)
            population.schoolLevel.append(p.school)
            population.birthInYear.append(p.birth)
            population.publicSector.append(p.publicSector)
            population.pensionInPayment.append(p.pension)
            population.takeUpDraw.append(p.takeUpDraw)
            population.complianceDraw.append(p.complianceDraw)
            population.transitionDraw.append(p.transitionDraw)
            population.benefitDraw.append(p.benefitDraw)
        }
        population.firstPerson.append(Int32(population.personCount))
    }
}

/// R1's parameter values, written out for rule tests (the scenario files are tested separately).
func r1Policy(year: Int = 2025, phases: [ResolvedPhase] = []) -> PolicyParameters {
    PolicyParameters(
        year: year,
        schemes: [
            MinimumWageFloor(amount: 37_000, complianceFormal: 1, complianceInformal: 0.25, complianceMode: .expected),
            ContributoryInsurance(contributionRate: 0.06, contributionBase: .minimumWage, employeeRate: 0.01,
                                  pensionAgeMen: 60, pensionAgeWomen: 55, minimumYears: 15, minimumPension: 10_000, accrualDivisor: 50),
            HouseholdTransfer(amount: 4_500, pmtCutoff: 32, takeUp: 1, recipient: .oldestAdultWoman, recipientMinimumAge: 18),
            SocialPension(amount: 3_000, age: 65, takeUp: 1),
        ],
        povertyLine: 8_400, childWeight: 0.8, adultAge: 18, gdp: 110e12, phases: phases)
}

/// A contributory phase for the given target, resolved to a year.
func extensionPhase(name: String = "extension", target: PhaseTarget, startYear: Int = 2025, initial: Double = 1, ceiling: Double = 1,
                    rampYears: Int = 0, capacity: Double? = nil, subsidy: Double = 0.5, admin: Double? = nil, year: Int = 2025,
                    scheme: PhaseScheme = .contributory, compliance: Double? = nil) -> ResolvedPhase {
    PhaseDefinition(name: name, label: name, scheme: scheme, source: "test", target: target, startYear: startYear,
                    takeUp: PhaseTakeUp(initial: initial, ceiling: ceiling, rampYears: rampYears), registrationCapacity: capacity,
                    subsidyShare: [(year: startYear, share: subsidy)], compliance: compliance, adminCostPerRegistered: admin,
                    location: SourceLocation(file: "test", line: nil)).resolved(year: year)
}

/// The repository root (for scenario files).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Relative difference, or absolute when the expected value is small.
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

extension PolicyResult {
    /// A scheme's per-person payments (zeros when it did not run), for rule tests.
    func received<S: Scheme>(_ type: S.Type) -> [Double] {
        columns(of: type)?.received ?? Array(repeating: 0, count: earningsAfterFloor.count)
    }
    /// A household scheme's per-household amounts (zeros when it did not run).
    func householdAmount<S: Scheme>(_ type: S.Type) -> [Double] {
        columns(of: type)?.householdAmount ?? Array(repeating: 0, count: recipient.count)
    }
    /// A scheme's beneficiaries (all false when it did not run).
    func beneficiary<S: Scheme>(_ type: S.Type) -> [Bool] {
        columns(of: type)?.beneficiary ?? Array(repeating: false, count: earningsAfterFloor.count)
    }
}

extension PolicyParameters {
    /// The minimum wage in force (NaN when the policy has none), for scenario tests.
    var minimumWage: Double { self[MinimumWageFloor.self]?.amount ?? .nan }
}
