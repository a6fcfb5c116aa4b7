import Dispatch
import Foundation
import SpsimSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Person-level microdata in CSV: the input format of conformance case R1
/// (`shared/conformance/R1.md`, documented in `docs/population.md`) plus optional
/// `worker_group`, `school_level` and `birth_in_year` columns (imputed from the calibration
/// file's published rates when absent), `public_sector` (0 when absent),
/// `pension_in_payment` (0 = no stored award when absent) and the household's income
/// beyond earnings (`self_employment_income`, `remittance_income`, `property_income`,
/// `transfer_income`: all four or none) and `consumption` (imputed by `HouseholdIncome`
/// when absent).
///
/// Reading: columns in any order, unknown columns ignored, a household's rows need not be
/// adjacent, a UTF-8 byte-order mark and Windows line endings accepted, empty lines
/// skipped. The whole file is checked before a population is returned; the first
/// problem (in file order) is thrown as an `InputError` naming file, line, column, the
/// value and the fix. Households come out sorted by `household_id`, persons within a
/// household by `person_id`. Stored draws are made from `seed` and the identifiers
/// (`StoredDraw`), so they do not depend on row order.
///
/// Writing: one row per person in the population's order, every column including
/// `worker_group`, numbers in the shortest text that reads back to the same `Double`,
/// written atomically.
public enum PopulationCSV {
    /// The columns, in the order `write` emits them.
    public static let columnNames: [String] = Field.allCases.map(\.name)

    /// The largest household money amount (income beyond earnings, consumption) a file may
    /// hold, PKR per month: what the reader accepts and what an imputation may produce.
    static let maximumMoney = 1e15

    enum Field: Int, CaseIterable {
        case householdID, personID, weight, age, sex, province, urban, labourStatus, sector, formal,
             monthlyEarnings, contributoryYears, pmtScore, disabled, workerGroup, schoolLevel, birthInYear,
             publicSector, pensionInPayment,
             selfEmploymentIncome, remittanceIncome, propertyIncome, transferIncome, consumption
        var name: String {
            ["household_id", "person_id", "weight", "age", "sex", "province", "urban", "labour_status", "sector",
             "formal", "monthly_earnings", "contributory_years", "pmt_score", "disabled", "worker_group", "school_level", "birth_in_year",
             "public_sector", "pension_in_payment",
             "self_employment_income", "remittance_income", "property_income", "transfer_income", "consumption"][rawValue]
        }
        /// The household money columns (income beyond earnings, consumption), in order.
        static let householdMoney: [Field] = [.selfEmploymentIncome, .remittanceIncome, .propertyIncome, .transferIncome, .consumption]
        /// Only the R1 columns are required; `worker_group`, `school_level`, `birth_in_year`,
        /// `public_sector`, `pension_in_payment` and the household money columns may be
        /// absent (see `docs/population.md`).
        var isRequired: Bool { rawValue < Field.workerGroup.rawValue }
        /// What a valid value looks like, for error messages.
        var expected: String {
            switch self {
            case .householdID: return "a whole number of 1 or more"
            case .personID: return "a whole number of 1 or more, unique in the file"
            case .weight: return "a number greater than 0 (the household's weight)"
            case .age: return "a whole number of years from 0 to 120"
            case .sex: return "F or M"
            case .province: return "one of PB, SD, KP, BA, IS"
            case .urban, .formal, .disabled, .birthInYear: return "0 or 1"
            case .publicSector: return "1 for an employee of the public sector (government, state enterprise), else 0 (or empty)"
            case .pensionInPayment: return "a number of 0 or more (PKR per month at the base date; 0 or empty when no EOBI pension is stored)"
            case .labourStatus: return "one of employee, own_account, employer, unpaid_family, unemployed, inactive"
            case .sector: return "agriculture, industry, services, or empty when not employed"
            case .monthlyEarnings: return "a number of 0 or more (PKR per month)"
            case .contributoryYears: return "a whole number of years from 0 to 100"
            case .pmtScore: return "a number from 0 to 100"
            case .workerGroup: return "other, domestic or home_based"
            case .schoolLevel: return "primary, secondary, higher_secondary, or empty when not enrolled"
            case .selfEmploymentIncome, .remittanceIncome, .propertyIncome, .transferIncome, .consumption:
                return "a number of 0 or more (the household's PKR per month at the earnings' prices, the same on every member's row)"
            }
        }
    }

    // MARK: - Writing

    /// Writes `population` as CSV to `url` atomically (a reader never sees half a file).
    public static func write(_ population: Population, to url: URL) throws {
        if let problem = population.structuralProblem() {
            throw InputError(file: url.path, problem: "the population to write is inconsistent (\(problem))", fix: "this is a bug in the program that built the population; please report it")
        }
        try AtomicFile.stream(to: url) { emit in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 20)
            // The household money columns are written when the population has them (a
            // population built in code may not).
            let money: [[Double]] = population.selfEmploymentIncome.count == population.householdCount && population.consumption.count == population.householdCount
                ? [population.selfEmploymentIncome, population.remittanceIncome, population.propertyIncome, population.transferIncome, population.consumption] : []
            let header = money.isEmpty ? columnNames.filter { name in !Field.householdMoney.contains { $0.name == name } } : columnNames
            buffer.append(contentsOf: Array(header.joined(separator: ",").utf8))
            buffer.append(10)
            for h in 0..<population.householdCount {
                let householdText = Array(String(population.householdID[h]).utf8)
                let weightText = Array(shortestText(population.householdWeight[h]).utf8)
                let pmtText = Array(shortestText(population.pmtScore[h]).utf8)
                var moneyText: [UInt8] = []
                for column in money { moneyText.append(44); moneyText += Array(shortestText(column[h]).utf8) }
                for p in population.personRange(h) {
                    buffer.append(contentsOf: householdText); buffer.append(44)
                    appendInteger(population.personID[p], to: &buffer); buffer.append(44)
                    buffer.append(contentsOf: weightText); buffer.append(44)
                    appendInteger(Int64(population.age[p]), to: &buffer); buffer.append(44)
                    buffer.append(population.sex[p] == .female ? 70 : 77); buffer.append(44)
                    buffer.append(contentsOf: Array(population.province[p].code.utf8)); buffer.append(44)
                    buffer.append(population.urban[p] ? 49 : 48); buffer.append(44)
                    buffer.append(contentsOf: Array(population.labourStatus[p].code.utf8)); buffer.append(44)
                    buffer.append(contentsOf: Array(population.sector[p].code.utf8)); buffer.append(44)
                    buffer.append(population.formal[p] ? 49 : 48); buffer.append(44)
                    buffer.append(contentsOf: Array(shortestText(population.monthlyEarnings[p]).utf8)); buffer.append(44)
                    appendInteger(Int64(population.contributoryYears[p]), to: &buffer); buffer.append(44)
                    buffer.append(contentsOf: pmtText); buffer.append(44)
                    buffer.append(population.disabled[p] ? 49 : 48); buffer.append(44)
                    buffer.append(contentsOf: Array(population.workerGroup[p].code.utf8)); buffer.append(44)
                    buffer.append(contentsOf: Array(population.schoolLevel[p].code.utf8)); buffer.append(44)
                    buffer.append(population.birthInYear[p] ? 49 : 48); buffer.append(44)
                    buffer.append(population.publicSector[p] ? 49 : 48); buffer.append(44)
                    buffer.append(contentsOf: Array(shortestText(Double(population.pensionInPayment[p])).utf8))
                    buffer.append(contentsOf: moneyText)
                    buffer.append(10)
                }
                if buffer.count > (1 << 20) - 4096 {
                    try buffer.withUnsafeBytes { try emit($0) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try buffer.withUnsafeBytes { try emit($0) }
        }
    }

    /// The shortest decimal text that reads back to exactly `value` (Swift's `description`,
    /// which is round-trip exact), with a whole number printed without ".0".
    static func shortestText(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    @inline(__always)
    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(45) }
        var magnitude = value.magnitude
        if magnitude < 10 { buffer.append(48 + UInt8(magnitude)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[count] = 48 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
        }
    }

    // MARK: - Reading

    /// Reads a person-level CSV into a `Population` (see the type's documentation).
    /// - Parameters:
    ///   - seed: fixes the stored draws (`StoredDraw`).
    ///   - showProgress: a progress line on standard error when it is a terminal.
    /// - Throws: `InputError` for the first problem in the file; nothing is returned
    ///   partially.
    public static func read(_ url: URL, seed: UInt64 = 1, showProgress: Bool = true) throws -> Population {
        let file = try MappedFile(url: url)
        defer { file.close() }
        var reader = CSVReader(file: file, path: url.path)
        return try reader.read(seed: seed, showProgress: showProgress)
    }
}

/// `close(2)`, named through the platform's C library (Glibc on Linux, Darwin on macOS).
@inline(__always) func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
    _ = Glibc.close(descriptor)
    #elseif canImport(Darwin)
    _ = Darwin.close(descriptor)
    #endif
}

/// A read-only memory map of a whole file. Pages are released (`madvise`) as parsing
/// passes them, so mapping a large file does not hold it all in memory.
// @unchecked: the mapping is a raw pointer (never Sendable to the compiler), but it is
// read-only (PROT_READ, MAP_PRIVATE) and unmapped only by `close()` after every reader
// thread has finished, so sharing it between the parsing threads is safe.
final class MappedFile: @unchecked Sendable {
    let base: UnsafePointer<UInt8>?
    let count: Int
    private let mappedLength: Int
    private let descriptor: Int32

    init(url: URL) throws {
        let path = url.path
        // Only a regular file is read. A FIFO opened for reading would block until a writer
        // appears, and a device has no size to map: both are refused from their type,
        // before opening (and O_NONBLOCK keeps a path swapped in between from blocking).
        var before = stat()
        if stat(path, &before) == 0, let kind = Self.notRegular(before.st_mode) {
            throw InputError(file: path, problem: "this is \(kind), not a CSV file",
                             fix: kind == "a folder" ? "give the path of a person-level CSV file" : "give the path of a person-level CSV file (a regular file); save piped data to a file first")
        }
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            throw InputError(file: path, problem: "cannot open the file (\(String(cString: strerror(errno))))", fix: "check the path and that the file is readable")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            closeDescriptor(fd)
            throw InputError(file: path, problem: "cannot read the file (\(reason))", fix: "check the path and that the file is readable")
        }
        if let kind = Self.notRegular(info.st_mode) {
            closeDescriptor(fd)
            throw InputError(file: path, problem: "this is \(kind), not a CSV file", fix: "give the path of a person-level CSV file (a regular file)")
        }
        descriptor = fd
        count = Int(info.st_size)
        mappedLength = count
        if count == 0 {
            base = nil
            return
        }
        let pointer = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let pointer, pointer != MAP_FAILED else {
            let reason = String(cString: strerror(errno))
            closeDescriptor(fd)
            throw InputError(file: path, problem: "cannot map the file into memory (\(reason))", fix: "check that the file is a regular, readable file")
        }
        base = UnsafePointer(pointer.assumingMemoryBound(to: UInt8.self))
    }

    /// What a file mode names when it is not a regular file ("a folder", "a named pipe
    /// (FIFO)", …), nil for a regular file.
    static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "a special file"
        }
    }

    /// Tells the kernel the bytes in `range` will not be needed soon (they can be read
    /// again from the file if they are).
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
    }

    func close() {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), mappedLength) }
        closeDescriptor(descriptor)
    }
}
