/// Persons and households as typed columns (a struct of arrays).
///
/// Household `h` owns the contiguous person range `personRange(h)` =
/// `firstPerson[h] ..< firstPerson[h + 1]`; household-level values (weight, PMT score,
/// identifier) live in household columns. Rules run over blocks of households
/// (`HouseholdBlock`), which are ranges, so a block costs nothing to make.
///
/// Memory: per person 8 (personID) + 8 (monthlyEarnings) + 1 each for age, sex,
/// province, urban, labourStatus, sector, formal, workerGroup, disabled + 2
/// (contributoryYears) + 1 each for schoolLevel, birthInYear and publicSector + 4
/// (pensionInPayment, Float) + 4 × 4 (stored random draws, Float) = 52 bytes; per household
/// 8 (id) + 8 (weight) + 8 (PMT score) + 4 (offset) + 4 (household draw) + 5 × 8 (income
/// beyond earnings in four components, consumption) = 72 bytes.
/// A population of 6.3 million persons in 1 million households takes about 400 MB.
///
/// Stored random draws: uniform numbers in [0, 1) drawn once when the population is
/// built (or imported: then from the seed and the person/household identifier), so every
/// scenario sees the same draws and differences between scenarios are policy, not noise.
public struct Population: Sendable {
    // MARK: Household columns
    public var householdID: [Int64] = []
    /// Household weight: the number of households in the population this one stands for.
    public var householdWeight: [Double] = []
    /// Proxy-means-test score, 0–100 (lower is poorer).
    public var pmtScore: [Double] = []
    /// Offsets into the person columns; `count == householdCount + 1`.
    public var firstPerson: [Int32] = [0]
    /// Household-level uniform draw (e.g. a household's take-up of a transfer).
    public var householdDraw: [Float] = []
    /// Household income beyond members' earnings, PKR per month at the population's price
    /// base (as `monthlyEarnings`), before the modelled schemes (`HouseholdIncome.swift`,
    /// docs/population.md): agricultural, livestock and other self-employment income not
    /// in earnings (own production included) …
    public var selfEmploymentIncome: [Double] = []
    /// … remittances from abroad and within Pakistan …
    public var remittanceIncome: [Double] = []
    /// … rent and property income (the imputed rent of owner-occupied housing included) …
    public var propertyIncome: [Double] = []
    /// … and other private and public transfers (not the schemes spsim models).
    public var transferIncome: [Double] = []
    /// Household consumption, PKR per month at the price base, before the modelled schemes.
    public var consumption: [Double] = []

    // MARK: Person columns
    public var personID: [Int64] = []
    public var age: [UInt8] = []
    public var sex: [Sex] = []
    public var province: [Province] = []
    public var urban: [Bool] = []
    public var labourStatus: [LabourStatus] = []
    public var sector: [Sector] = []
    public var formal: [Bool] = []
    public var workerGroup: [WorkerGroup] = []
    /// PKR per month before any policy.
    public var monthlyEarnings: [Double] = []
    public var contributoryYears: [UInt16] = []
    public var disabled: [Bool] = []
    /// School level a child is enrolled at (`.none` when not enrolled).
    public var schoolLevel: [SchoolLevel] = []
    /// A woman who gave birth in the year (a live birth in the 12 months the population
    /// describes); with static ageing the same women in every projected year.
    public var birthInYear: [Bool] = []
    /// An employee of the public sector (federal, provincial and local government, state
    /// enterprises, autonomous bodies): formal, never an EOBI contributor nor a target of
    /// contributory extension phases (their own pension systems are out of scope). False
    /// for everyone who is not an employee.
    public var publicSector: [Bool] = []
    /// The EOBI pension in payment, PKR/month at the population's base date (FY2023-24),
    /// as fixed at award and raised since; 0 = no stored award (the rule then computes a
    /// new award: `ContributoryInsurance`).
    public var pensionInPayment: [Float] = []
    /// Person-level uniform draws: take-up of schemes (registration, enrolment).
    public var takeUpDraw: [Float] = []
    /// Person-level uniform draw: whether an employer complies with the minimum wage.
    public var complianceDraw: [Float] = []
    /// Person-level uniform draw: job and status transitions over a projection.
    public var transitionDraw: [Float] = []
    /// Person-level uniform draw: take-up of person-level non-contributory benefits
    /// (social pension, disability benefit), independent of `takeUpDraw`.
    public var benefitDraw: [Float] = []

    public init() {}

    @inline(__always) public var householdCount: Int { householdID.count }
    @inline(__always) public var personCount: Int { personID.count }

    @inline(__always) public func personRange(_ household: Int) -> Range<Int> {
        Int(firstPerson[household]) ..< Int(firstPerson[household + 1])
    }

    /// The household index of every person (built on demand; 4 bytes per person).
    public func householdIndexOfPersons() -> [Int32] {
        var result = [Int32](repeating: 0, count: personCount)
        for h in 0..<householdCount {
            for p in personRange(h) { result[p] = Int32(h) }
        }
        return result
    }

    /// Household income beyond earnings (the four components), PKR per month.
    @inline(__always) public func otherIncome(_ household: Int) -> Double {
        selfEmploymentIncome[household] + remittanceIncome[household] + propertyIncome[household] + transferIncome[household]
    }

    /// Each person's weight (their household's weight).
    public func personWeights() -> [Double] {
        var result = [Double](repeating: 0, count: personCount)
        for h in 0..<householdCount {
            let w = householdWeight[h]
            for p in personRange(h) { result[p] = w }
        }
        return result
    }

    /// Reserves capacity in every column.
    public mutating func reserve(households: Int, persons: Int) {
        householdID.reserveCapacity(households)
        householdWeight.reserveCapacity(households)
        pmtScore.reserveCapacity(households)
        firstPerson.reserveCapacity(households + 1)
        householdDraw.reserveCapacity(households)
        for column in [\Population.selfEmploymentIncome, \.remittanceIncome, \.propertyIncome, \.transferIncome, \.consumption] {
            self[keyPath: column].reserveCapacity(households)
        }
        personID.reserveCapacity(persons)
        age.reserveCapacity(persons)
        sex.reserveCapacity(persons)
        province.reserveCapacity(persons)
        urban.reserveCapacity(persons)
        labourStatus.reserveCapacity(persons)
        sector.reserveCapacity(persons)
        formal.reserveCapacity(persons)
        workerGroup.reserveCapacity(persons)
        monthlyEarnings.reserveCapacity(persons)
        contributoryYears.reserveCapacity(persons)
        disabled.reserveCapacity(persons)
        schoolLevel.reserveCapacity(persons)
        birthInYear.reserveCapacity(persons)
        publicSector.reserveCapacity(persons)
        pensionInPayment.reserveCapacity(persons)
        takeUpDraw.reserveCapacity(persons)
        complianceDraw.reserveCapacity(persons)
        transitionDraw.reserveCapacity(persons)
        benefitDraw.reserveCapacity(persons)
    }

    /// Checks the structural invariants (column lengths, offsets). Used by tests and
    /// after imports; returns a description of the first violation, or nil.
    public func structuralProblem() -> String? {
        let h = householdCount, n = personCount
        if householdWeight.count != h || pmtScore.count != h || householdDraw.count != h { return "household columns differ in length" }
        // Income beyond earnings and consumption: every household's, or absent (empty) in a
        // population built in code (then income is earnings only and consumption = income).
        let incomeLengths = [selfEmploymentIncome.count, remittanceIncome.count, propertyIncome.count, transferIncome.count]
        if !(incomeLengths.allSatisfy { $0 == h } || incomeLengths.allSatisfy { $0 == 0 }) || !(consumption.count == h || consumption.isEmpty) {
            return "household income and consumption columns differ in length from the households"
        }
        if firstPerson.count != h + 1 || firstPerson.first != 0 || Int(firstPerson.last ?? -1) != n { return "household offsets do not cover the persons" }
        for i in 0..<h where firstPerson[i] >= firstPerson[i + 1] { return "household \(householdID[i]) has no persons" }
        let lengths: [Int] = [age.count, sex.count, province.count, urban.count, labourStatus.count, sector.count, formal.count,
                       workerGroup.count, monthlyEarnings.count, contributoryYears.count, disabled.count, schoolLevel.count, birthInYear.count,
                       publicSector.count, pensionInPayment.count,
                       takeUpDraw.count, complianceDraw.count, transitionDraw.count, benefitDraw.count]
        if lengths.contains(where: { $0 != n }) { return "person columns differ in length" }
        return nil
    }
}

/// A contiguous range of households (and so of persons): the unit of work for rules.
public struct HouseholdBlock: Sendable {
    public let households: Range<Int>
    public let persons: Range<Int>
}

extension Population {
    /// Splits the households into blocks of at most `size` households. Results computed
    /// per block and combined in block order do not depend on the block size.
    public func blocks(ofSize size: Int = 16_384) -> [HouseholdBlock] {
        let size = max(1, size)
        var result: [HouseholdBlock] = []
        result.reserveCapacity(householdCount / size + 1)
        var start = 0
        while start < householdCount {
            let end = min(householdCount, start + size)
            result.append(HouseholdBlock(households: start..<end, persons: Int(firstPerson[start])..<Int(firstPerson[end])))
            start = end
        }
        return result
    }
}
