import Foundation
import PopulationData

/// A minimal reader of the R1 person-level CSV for tests, until PopulationCSV is merged.
/// Draws are 0.5 (R1 has full take-up).
enum TestPopulationCSV {
    struct Failure: Error, CustomStringConvertible { var description: String }

    static func read(_ url: URL) throws -> Population {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard !lines.isEmpty else { throw Failure(description: "empty CSV") }
        let header = lines.removeFirst()
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw Failure(description: "no column \(name)") }
            return i
        }
        let hid = try column("household_id"), pid = try column("person_id"), wt = try column("weight"), ag = try column("age")
        let sx = try column("sex"), pr = try column("province"), ur = try column("urban"), ls = try column("labour_status")
        let se = try column("sector"), fo = try column("formal"), ea = try column("monthly_earnings"), cy = try column("contributory_years")
        let pm = try column("pmt_score"), di = try column("disabled")
        lines.sort { (Int64($0[hid]) ?? 0, Int64($0[pid]) ?? 0) < (Int64($1[hid]) ?? 0, Int64($1[pid]) ?? 0) }
        var population = Population()
        var current: Int64 = -1
        for row in lines {
            guard let h = Int64(row[hid]), let p = Int64(row[pid]), let w = Double(row[wt]), let age = UInt8(row[ag]),
                  let sex = Sex(code: row[sx]), let province = Province(code: row[pr]), let status = LabourStatus(code: row[ls]),
                  let sector = Sector(code: row[se]), let earnings = Double(row[ea]), let years = UInt16(row[cy]), let pmt = Double(row[pm])
            else { throw Failure(description: "bad row \(row)") }
            if h != current {
                if current >= 0 { population.firstPerson.append(Int32(population.personCount)) }
                current = h
                population.householdID.append(h)
                population.householdWeight.append(w)
                population.pmtScore.append(pmt)
                population.householdDraw.append(0.5)
            }
            population.personID.append(p)
            population.age.append(age)
            population.sex.append(sex)
            population.province.append(province)
            population.urban.append(row[ur] == "1")
            population.labourStatus.append(status)
            population.sector.append(sector)
            population.formal.append(row[fo] == "1")
            population.workerGroup.append(.other)
            population.monthlyEarnings.append(earnings)
            population.contributoryYears.append(years)
            population.disabled.append(row[di] == "1")
            population.takeUpDraw.append(0.5)
            population.complianceDraw.append(0.5)
            population.transitionDraw.append(0.5)
            population.benefitDraw.append(0.5)
        }
        population.firstPerson.append(Int32(population.personCount))
        if let problem = population.structuralProblem() { throw Failure(description: problem) }
        return population
    }
}
