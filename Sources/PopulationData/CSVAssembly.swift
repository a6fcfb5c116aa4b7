// Population CSV import, 3 of 5: ordering the parsed persons into households, checking
// identifiers and household-level values, and building the population.
import Foundation
import SpsimSupport


extension CSVReader {
    /// Orders persons by household then person, checks identifiers and household-level
    /// values, and builds the population.
    func assemble(raw: RawPersons, count n: Int, dataStart: Int, seed: UInt64, fieldSlot: [Int8]) throws -> Population {
        let hh = raw.householdID.pointer, pid = raw.personID.pointer
        var sorted = true, personIDsIncreasing = true
        for i in 1..<max(1, n) {
            if pid[i - 1] >= pid[i] { personIDsIncreasing = false }
            if hh[i - 1] > hh[i] || (hh[i - 1] == hh[i] && pid[i - 1] >= pid[i]) { sorted = false }
            if !sorted && !personIDsIncreasing { break }
        }
        // Rows by (person_id, row) (a radix sort on order-preserving keys), when the rows
        // are not already in person or household order.
        let byPerson: [UInt32] = sorted && personIDsIncreasing ? [] : {
            let keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n { buffer[i] = RadixSort.key(pid[i]) }
                initialized = n
            }
            return keys.withUnsafeBufferPointer { RadixSort.stableOrder(keys: $0) }
        }()
        if !personIDsIncreasing {
            // Equal identifiers are neighbours in person order.
            var firstRepeat: (first: Int, second: Int)? = nil
            var k = 1
            while k < n {
                if pid[Int(byPerson[k])] == pid[Int(byPerson[k - 1])] {
                    let candidate = (first: Int(byPerson[k - 1]), second: Int(byPerson[k]))
                    if firstRepeat == nil || candidate.second < firstRepeat!.second { firstRepeat = candidate } // non-nil checked just before
                    let current = pid[Int(byPerson[k])]
                    while k < n && pid[Int(byPerson[k])] == current { k += 1 }
                } else {
                    k += 1
                }
            }
            if let repeatPair = firstRepeat {
                let firstLine = line(ofRow: repeatPair.first, dataStart: dataStart)
                throw error(line: line(ofRow: repeatPair.second, dataStart: dataStart), column: "person_id",
                            problem: "person_id is not unique: it is already used on line \(firstLine)", value: String(pid[repeatPair.second]),
                            fix: "give every person a different person_id")
            }
        }
        var order: [UInt32]? = nil
        if !sorted {
            // The rows by person, then stably by household_id: by (household, person).
            let householdKeys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n { buffer[i] = RadixSort.key(hh[i]) }
                initialized = n
            }
            let rows = householdKeys.withUnsafeBufferPointer { RadixSort.stableOrder(keys: $0, after: byPerson) }
            order = rows
        }
        // Households and their shared values.
        let weight = raw.weight.pointer, pmt = raw.pmtScore.pointer
        var population = Population()
        population.firstPerson = [0]
        var h = -1
        var firstRowOfHousehold = 0
        for k in 0..<n {
            let row = order.map { Int($0[k]) } ?? k
            if h < 0 || hh[row] != population.householdID[h] {
                population.householdID.append(hh[row])
                population.householdWeight.append(weight[row])
                population.pmtScore.append(pmt[row])
                if h >= 0 { population.firstPerson.append(Int32(k)) }
                h += 1
                firstRowOfHousehold = row
                continue
            }
            if weight[row] != population.householdWeight[h] {
                let firstLine = line(ofRow: firstRowOfHousehold, dataStart: dataStart)
                throw error(line: line(ofRow: row, dataStart: dataStart), column: "weight",
                            problem: "the weight differs between members of household \(hh[row]) (line \(firstLine) has \(PopulationCSV.shortestText(population.householdWeight[h])))",
                            value: PopulationCSV.shortestText(weight[row]), fix: "give every member of a household the household's weight")
            }
            for (k, field) in PopulationCSV.Field.householdMoney.enumerated() where raw.moneyPresent[k] {
                let column = raw.householdMoney[k]
                if column[row] != column[firstRowOfHousehold] {
                    let firstLine = line(ofRow: firstRowOfHousehold, dataStart: dataStart)
                    throw error(line: line(ofRow: row, dataStart: dataStart), column: field.name,
                                problem: "the \(field.name) differs between members of household \(hh[row]) (line \(firstLine) has \(PopulationCSV.shortestText(column[firstRowOfHousehold])))",
                                value: PopulationCSV.shortestText(column[row]), fix: "give every member of a household the household's \(field.name)")
                }
            }
            if pmt[row] != population.pmtScore[h] {
                let firstLine = line(ofRow: firstRowOfHousehold, dataStart: dataStart)
                throw error(line: line(ofRow: row, dataStart: dataStart), column: "pmt_score",
                            problem: "the pmt_score differs between members of household \(hh[row]) (line \(firstLine) has \(PopulationCSV.shortestText(population.pmtScore[h])))",
                            value: PopulationCSV.shortestText(pmt[row]), fix: "give every member of a household the household's PMT score")
            }
        }
        population.firstPerson.append(Int32(n))
        // The household money columns present in the file: each household's first row.
        var money = [[Double]](repeating: [], count: PopulationCSV.Field.householdMoney.count)
        for (k, present) in raw.moneyPresent.enumerated() where present {
            let column = raw.householdMoney[k]
            money[k] = (0..<population.householdCount).map { h in
                let k0 = Int(population.firstPerson[h])
                return column[order.map { Int($0[k0]) } ?? k0]
            }
            column.free()
        }
        // Gather each column into the population and free its raw copy at once, so peak
        // memory stays near one copy of the data.
        raw.householdID.free(); raw.weight.free(); raw.pmtScore.free()
        population.personID = raw.personID.take(count: n, order: order)
        population.age = raw.age.take(count: n, order: order)
        population.sex = raw.sex.take(count: n, order: order)
        population.province = raw.province.take(count: n, order: order)
        population.urban = raw.urban.take(count: n, order: order)
        population.labourStatus = raw.labourStatus.take(count: n, order: order)
        population.sector = raw.sector.take(count: n, order: order)
        population.formal = raw.formal.take(count: n, order: order)
        population.workerGroup = raw.workerGroup.take(count: n, order: order)
        population.monthlyEarnings = raw.monthlyEarnings.take(count: n, order: order)
        population.contributoryYears = raw.contributoryYears.take(count: n, order: order)
        population.disabled = raw.disabled.take(count: n, order: order)
        population.schoolLevel = raw.schoolLevel.take(count: n, order: order)
        population.birthInYear = raw.birthInYear.take(count: n, order: order)
        population.publicSector = raw.publicSector.take(count: n, order: order)
        population.pensionInPayment = raw.pensionInPayment.take(count: n, order: order)
        population.assignStoredDraws(seed: seed)
        // Optional columns the file lacks are imputed from the calibration file's published
        // rates with the same stored draws as the synthetic population (docs/population.md).
        let hasSchoolLevel = fieldSlot.contains(Int8(PopulationCSV.Field.schoolLevel.rawValue))
        let hasBirthInYear = fieldSlot.contains(Int8(PopulationCSV.Field.birthInYear.rawValue))
        if !hasSchoolLevel || !hasBirthInYear {
            let model = try CalibrationTargets.pakistan().model
            if !hasSchoolLevel { population.assignSchooling(model.schooling, seed: seed) }
            if !hasBirthInYear { population.assignBirths(model.fertility, seed: seed) }
        }
        // Income beyond earnings and consumption: from the file when it has all four income
        // columns (and consumption); otherwise imputed by the synthetic population's model,
        // with draws from the seed and the household identifier (docs/population.md). The
        // PMT score is the file's.
        let hasIncome = raw.moneyPresent.prefix(4).allSatisfy { $0 }, hasConsumption = raw.moneyPresent[4]
        if !hasIncome, let missing = PopulationCSV.Field.householdMoney.prefix(4).first(where: { !raw.moneyPresent[$0.rawValue - PopulationCSV.Field.selfEmploymentIncome.rawValue] }),
           raw.moneyPresent.prefix(4).contains(true) {
            throw error(line: 1, column: missing.name, problem: "the file has some of the income columns beyond earnings but not \(missing.name)", value: nil,
                        fix: "give all four (self_employment_income, remittance_income, property_income, transfer_income; 0 where a household has none) or none, to have them imputed")
        }
        if hasIncome {
            population.selfEmploymentIncome = money[0]; population.remittanceIncome = money[1]
            population.propertyIncome = money[2]; population.transferIncome = money[3]
        }
        if hasConsumption { population.consumption = money[4] }
        if !hasIncome || !hasConsumption {
            try HouseholdIncome.assign(&population, calibration: CalibrationTargets.pakistan(), seed: seed,
                                       replaceIncome: !hasIncome, replaceConsumption: !hasConsumption, scorePMT: false, imputing: true)
            // Imputed amounts obey the columns' range, so the population can be written and
            // read back: extreme weights (one household standing for 1e45) can push a
            // province's level beyond any plausible amount.
            let imputed: [(Field, [Double])] = (hasIncome ? [] : [(.selfEmploymentIncome, population.selfEmploymentIncome), (.remittanceIncome, population.remittanceIncome),
                                                                    (.propertyIncome, population.propertyIncome), (.transferIncome, population.transferIncome)])
                + (hasConsumption ? [] : [(.consumption, population.consumption)])
            for (field, column) in imputed {
                if let h = column.firstIndex(where: { !($0 >= 0 && $0 <= PopulationCSV.maximumMoney) }) {
                    throw error(line: nil, column: field.name,
                                problem: "\(field.name) cannot be imputed for this file: household \(population.householdID[h]) would get PKR \(String(format: "%.3g", column[h])) a month, beyond the \(String(format: "%.0e", PopulationCSV.maximumMoney)) the column allows (the household weights are too uneven for the HIES calibration)",
                                value: nil, fix: "check the weight column (a household's weight is the number of households it stands for), or give the income and consumption columns")
                }
            }
        }
        if let problem = population.structuralProblem() {
            throw error(line: nil, column: nil, problem: "the imported population is inconsistent (\(problem))", value: nil, fix: "this is a bug in spsim; please report it with the file")
        }
        return population
    }
}
