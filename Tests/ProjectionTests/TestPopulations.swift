import PopulationData

/// Small populations built in the tests, deterministic (a fixed linear congruential
/// sequence), with every age group, sex and province present.
enum TestPopulations {
    struct Sequence {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() * Double(range.count)) }
    }

    static func make(households: Int, seed: UInt64 = 7) -> Population {
        var s = Sequence(state: seed)
        var population = Population()
        var offset: Int32 = 0
        for h in 0..<households {
            population.householdID.append(Int64(h + 1))
            population.householdWeight.append(100 + 400 * s.next())
            population.pmtScore.append(100 * s.next())
            population.householdDraw.append(Float(s.next()))
            let province = Province.allCases[h % Province.allCases.count]
            let urban = s.next() < 0.4
            let size = s.int(1...8)
            for member in 0..<size {
                population.personID.append(Int64(population.personID.count + 1))
                let age: Int = member == 0 ? s.int(18...80) : (s.next() < 0.5 ? s.int(0...14) : s.int(15...90))
                population.age.append(UInt8(age))
                population.sex.append(s.next() < 0.5 ? .female : .male)
                population.province.append(province)
                population.urban.append(urban)
                let working = age >= 15 && age < 65 && s.next() < 0.6
                let status: LabourStatus = working ? [.employee, .ownAccount, .employer, .unpaidFamily][s.int(0...3)] : (age >= 15 ? (s.next() < 0.1 ? .unemployed : .inactive) : .inactive)
                population.labourStatus.append(status)
                population.sector.append(status.isEmployed ? [.agriculture, .industry, .services][s.int(0...2)] : .none)
                population.formal.append(status == .employee && s.next() < 0.3)
                population.workerGroup.append(.other)
                population.monthlyEarnings.append(status.isEmployed && status != .unpaidFamily ? 10_000 + 60_000 * s.next() : 0)
                population.contributoryYears.append(UInt16(age >= 40 ? s.int(0...30) : 0))
                population.disabled.append(s.next() < 0.03)
                // No draws for these two, so the other columns stay as they were.
                population.schoolLevel.append(age >= 5 && age <= 9 ? .primary : age >= 10 && age <= 14 ? .secondary : .none)
                population.birthInYear.append(false)
                population.publicSector.append(false)
                population.pensionInPayment.append(0)
                population.takeUpDraw.append(Float(s.next()))
                population.complianceDraw.append(Float(s.next()))
                population.transitionDraw.append(Float(s.next()))
                population.benefitDraw.append(Float(s.next()))
            }
            offset += Int32(size)
            population.firstPerson.append(offset)
        }
        return population
    }
}
