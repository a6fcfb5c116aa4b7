// Population CSV import, 4 of 5: parsing the rows of one chunk of the file.
import Dispatch
import Foundation
import SpsimSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif


struct ChunkResult: Sendable {
    var rows: Int
    var problem: CSVProblem?
}

/// Parses the rows of one chunk of the file (whole lines) into `raw`, from `firstRow`.
struct ChunkParser {
    typealias Field = PopulationCSV.Field
    let base: UnsafePointer<UInt8>
    let file: MappedFile
    let fieldSlot: [Int8]
    let raw: RawPersons
    let progress: ProgressLine
    let hasWorkerGroup: Bool
    let hasSchoolLevel: Bool
    let hasBirthInYear: Bool
    let hasPublicSector: Bool
    let hasPensionInPayment: Bool
    /// Start and end offsets of each known field of the current row (by `Field` raw value).
    let fieldStart: UnsafeMutablePointer<Int>
    let fieldEnd: UnsafeMutablePointer<Int>
    /// Header position → `Field` raw value, or −1 for an ignored column.
    let slots: UnsafeMutablePointer<Int8>
    /// The previous row's weight and PMT text and values: members of a household usually
    /// repeat them byte for byte, so the number is parsed once per household.
    var previousWeight = (start: 0, end: 0, value: 0.0)
    var previousPMT = (start: 0, end: 0, value: 0.0)

    init(base: UnsafePointer<UInt8>, file: MappedFile, fieldSlot: [Int8], raw: RawPersons, progress: ProgressLine) {
        self.base = base
        self.file = file
        self.fieldSlot = fieldSlot
        self.raw = raw
        self.progress = progress
        hasWorkerGroup = fieldSlot.contains(Int8(Field.workerGroup.rawValue))
        hasSchoolLevel = fieldSlot.contains(Int8(Field.schoolLevel.rawValue))
        hasBirthInYear = fieldSlot.contains(Int8(Field.birthInYear.rawValue))
        hasPublicSector = fieldSlot.contains(Int8(Field.publicSector.rawValue))
        hasPensionInPayment = fieldSlot.contains(Int8(Field.pensionInPayment.rawValue))
        fieldStart = .allocate(capacity: Field.allCases.count)
        fieldStart.initialize(repeating: 0, count: Field.allCases.count)
        fieldEnd = .allocate(capacity: Field.allCases.count)
        fieldEnd.initialize(repeating: 0, count: Field.allCases.count)
        slots = .allocate(capacity: max(1, fieldSlot.count))
        slots.initialize(repeating: -1, count: max(1, fieldSlot.count))
        for (i, slot) in fieldSlot.enumerated() { slots[i] = slot }
    }

    /// Frees the parser's scratch memory.
    func release() {
        fieldStart.deallocate()
        fieldEnd.deallocate()
        slots.deallocate()
    }

    private static let provinceCodes: [[UInt8]] = Province.allCases.map { Array($0.code.utf8) }
    private static let labourCodes: [[UInt8]] = LabourStatus.allCases.map { Array($0.code.utf8) }
    private static let sectorCodes: [[UInt8]] = Sector.allCases.map { Array($0.code.utf8) }
    private static let workerGroupCodes: [[UInt8]] = WorkerGroup.allCases.map { Array($0.code.utf8) }
    private static let schoolLevelCodes: [[UInt8]] = SchoolLevel.allCases.map { Array($0.code.utf8) }

    private func text(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
    }

    private func problem(_ line: Int, _ field: Field, _ what: String, _ s: Int, _ e: Int, fix: String? = nil) -> CSVProblem {
        CSVProblem(lineOffset: line, column: field.name, problem: what, value: text(s, e), fix: fix ?? "write \(field.expected)")
    }

    mutating func parse(from start: Int, to stop: Int, firstRow: Int, isLastChunk: Bool, fileEnd: Int) -> ChunkResult {
        let headerFieldCount = fieldSlot.count
        var row = firstRow
        var pos = start
        var lastReported = start
        while pos < stop {
            let lineStart = pos
            let lineEnd: Int
            if let hit = memchr(base + pos, 10, stop - pos) { lineEnd = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base } else { lineEnd = stop }
            let hasNewline = lineEnd < stop
            var contentEnd = lineEnd
            if contentEnd > lineStart, base[contentEnd - 1] == 13 { contentEnd -= 1 }
            pos = lineEnd + 1
            if contentEnd == lineStart { continue }  // empty line
            // Split into fields, noting any non-ASCII byte on the way.
            var high: UInt8 = 0
            var fieldIndex = 0
            var s = lineStart
            var i = lineStart
            while i < contentEnd {
                let byte = base[i]
                high |= byte
                if byte == 44 {
                    if fieldIndex < headerFieldCount {
                        let slot = Int(slots[fieldIndex])
                        if slot >= 0 { fieldStart[slot] = s; fieldEnd[slot] = i }
                    }
                    fieldIndex += 1
                    s = i + 1
                }
                i += 1
            }
            if fieldIndex < headerFieldCount {
                let slot = Int(slots[fieldIndex])
                if slot >= 0 { fieldStart[slot] = s; fieldEnd[slot] = contentEnd }
            }
            fieldIndex += 1
            // Encoding: ASCII is the common case; otherwise the line must be valid UTF-8.
            if high & 0x80 != 0 {
                if String(validating: UnsafeBufferPointer(start: base + lineStart, count: contentEnd - lineStart), as: UTF8.self) == nil {
                    // Name the field holding the first invalid sequence.
                    var index = 0, fieldBegin = lineStart
                    var badField = 0, badStart = lineStart, badEnd = contentEnd
                    var j = lineStart
                    while j <= contentEnd {
                        if j == contentEnd || base[j] == 44 {
                            if String(validating: UnsafeBufferPointer(start: base + fieldBegin, count: j - fieldBegin), as: UTF8.self) == nil {
                                badField = index; badStart = fieldBegin; badEnd = j
                                break
                            }
                            index += 1; fieldBegin = j + 1
                        }
                        j += 1
                    }
                    let slot = badField < fieldSlot.count ? Int(fieldSlot[badField]) : -1
                    return ChunkResult(rows: row - firstRow, problem: CSVProblem(
                        lineOffset: lineStart, column: slot >= 0 ? Field.allCases[slot].name : "field \(badField + 1)",
                        problem: "the text is not valid UTF-8", value: text(badStart, badEnd),
                        fix: "save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')"))
                }
            }
            if fieldIndex != headerFieldCount {
                if fieldIndex < headerFieldCount && !hasNewline && isLastChunk && lineEnd == fileEnd {
                    return ChunkResult(rows: row - firstRow, problem: CSVProblem(
                        lineOffset: lineStart, column: nil,
                        problem: "the last line is cut short: it has \(fieldIndex) of the \(headerFieldCount) fields in the header",
                        value: text(lineStart, contentEnd), fix: "the file looks truncated; export it again completely"))
                }
                return ChunkResult(rows: row - firstRow, problem: CSVProblem(
                    lineOffset: lineStart, column: nil,
                    problem: "the row has \(fieldIndex) fields but the header has \(headerFieldCount)",
                    value: text(lineStart, contentEnd),
                    fix: "give every row one value per header column, separated by commas (values must not contain commas)"))
            }
            if let found = parseRow(row: row, lineStart: lineStart) {
                return ChunkResult(rows: row - firstRow, problem: found)
            }
            row += 1
            if pos - lastReported > 16 << 20 {
                file.release(lastReported ..< min(pos, stop))
                progress.update(pos)
                lastReported = pos
            }
        }
        file.release(lastReported ..< stop)
        return ChunkResult(rows: row - firstRow, problem: nil)
    }

    private func bounds(_ field: Field) -> (Int, Int) { (fieldStart[field.rawValue], fieldEnd[field.rawValue]) }

    /// Whether bytes s..<e equal bytes a..<b (an empty previous range never matches).
    @inline(__always)
    private func sameText(_ s: Int, _ e: Int, _ a: Int, _ b: Int) -> Bool {
        let length = e - s
        guard length > 0, length == b - a else { return false }
        for k in 0..<length where base[s + k] != base[a + k] { return false }
        return true
    }

    /// Parses the fields of one row into `raw[row]`; returns the first problem.
    private mutating func parseRow(row: Int, lineStart: Int) -> CSVProblem? {
        var (s, e) = bounds(.householdID)
        guard let householdID = NumberParsing.integer(base, s, e) else { return problem(lineStart, .householdID, "not a whole number", s, e) }
        guard householdID >= 1 else { return problem(lineStart, .householdID, "out of range", s, e) }
        raw.householdID[row] = householdID
        (s, e) = bounds(.personID)
        guard let personID = NumberParsing.integer(base, s, e) else { return problem(lineStart, .personID, "not a whole number", s, e) }
        guard personID >= 1 else { return problem(lineStart, .personID, "out of range", s, e) }
        raw.personID[row] = personID
        (s, e) = bounds(.weight)
        let weight: Double
        if sameText(s, e, previousWeight.start, previousWeight.end) {
            weight = previousWeight.value
        } else {
            guard let parsed = NumberParsing.double(base, s, e) else { return problem(lineStart, .weight, "not a number", s, e) }
            weight = parsed
        }
        guard weight > 0, weight.isFinite else { return problem(lineStart, .weight, "the weight is zero or negative", s, e, fix: "give every household a weight greater than 0 (the number of households it stands for); drop households that should not count") }
        raw.weight[row] = weight
        previousWeight = (s, e, weight)
        (s, e) = bounds(.age)
        guard let age = NumberParsing.integer(base, s, e) else { return problem(lineStart, .age, "not a whole number", s, e) }
        guard age <= 120 else { return problem(lineStart, .age, "out of range", s, e) }
        raw.age[row] = UInt8(age)
        (s, e) = bounds(.sex)
        if e - s == 1 && (base[s] == 70 || base[s] == 77) { raw.sex[row] = base[s] == 70 ? .female : .male } else { return problem(lineStart, .sex, "unknown category", s, e) }
        (s, e) = bounds(.province)
        guard let province = NumberParsing.code(base, s, e, ChunkParser.provinceCodes) else { return problem(lineStart, .province, "unknown category", s, e) }
        raw.province[row] = Province(rawValue: UInt8(province)) ?? .punjab
        (s, e) = bounds(.urban)
        guard let urban = NumberParsing.flag(base, s, e) else { return problem(lineStart, .urban, "unknown category", s, e) }
        raw.urban[row] = urban
        (s, e) = bounds(.labourStatus)
        guard let labourCode = NumberParsing.code(base, s, e, ChunkParser.labourCodes), let labour = LabourStatus(rawValue: UInt8(labourCode)) else { return problem(lineStart, .labourStatus, "unknown category", s, e) }
        raw.labourStatus[row] = labour
        (s, e) = bounds(.sector)
        guard let sectorCode = NumberParsing.code(base, s, e, ChunkParser.sectorCodes), let sector = Sector(rawValue: UInt8(sectorCode)) else { return problem(lineStart, .sector, "unknown category", s, e) }
        if labour.isEmployed && sector == .none {
            return problem(lineStart, .sector, "an employed person (\(labour.code)) has no sector", s, e, fix: "give the sector (agriculture, industry or services) of every employed person")
        }
        if !labour.isEmployed && sector != .none {
            return problem(lineStart, .sector, "a person who is \(labour.code) has a sector", s, e, fix: "leave sector empty for unemployed and inactive persons")
        }
        raw.sector[row] = sector
        (s, e) = bounds(.formal)
        guard let formal = NumberParsing.flag(base, s, e) else { return problem(lineStart, .formal, "unknown category", s, e) }
        if formal && !labour.isEmployed {
            return problem(lineStart, .formal, "a person who is \(labour.code) is marked formal", s, e, fix: "set formal to 1 only for employed persons in formal jobs")
        }
        raw.formal[row] = formal
        (s, e) = bounds(.monthlyEarnings)
        guard let earnings = NumberParsing.double(base, s, e) else { return problem(lineStart, .monthlyEarnings, "not a number", s, e) }
        guard earnings >= 0, earnings.isFinite else { return problem(lineStart, .monthlyEarnings, "out of range", s, e) }
        raw.monthlyEarnings[row] = earnings
        (s, e) = bounds(.contributoryYears)
        guard let years = NumberParsing.integer(base, s, e) else { return problem(lineStart, .contributoryYears, "not a whole number", s, e) }
        guard years <= 100 else { return problem(lineStart, .contributoryYears, "out of range", s, e) }
        raw.contributoryYears[row] = UInt16(years)
        (s, e) = bounds(.pmtScore)
        let pmt: Double
        if sameText(s, e, previousPMT.start, previousPMT.end) {
            pmt = previousPMT.value
        } else {
            guard let parsed = NumberParsing.double(base, s, e) else { return problem(lineStart, .pmtScore, "not a number", s, e) }
            pmt = parsed
        }
        guard pmt >= 0, pmt <= 100 else { return problem(lineStart, .pmtScore, "out of range", s, e) }
        raw.pmtScore[row] = pmt
        previousPMT = (s, e, pmt)
        (s, e) = bounds(.disabled)
        guard let disabled = NumberParsing.flag(base, s, e) else { return problem(lineStart, .disabled, "unknown category", s, e) }
        raw.disabled[row] = disabled
        var group = WorkerGroup.other
        if hasWorkerGroup {
            (s, e) = bounds(.workerGroup)
            if e > s {
                guard let code = NumberParsing.code(base, s, e, ChunkParser.workerGroupCodes) else { return problem(lineStart, .workerGroup, "unknown category", s, e, fix: "write other, domestic or home_based (or leave it empty for other)") }
                group = WorkerGroup(rawValue: UInt8(code)) ?? .other
            }
        }
        raw.workerGroup[row] = group
        // Raw columns are not pre-filled: every row sets every column, present or not.
        var level = SchoolLevel.none
        if hasSchoolLevel {
            (s, e) = bounds(.schoolLevel)
            if e > s {
                guard let code = NumberParsing.code(base, s, e, ChunkParser.schoolLevelCodes) else { return problem(lineStart, .schoolLevel, "unknown category", s, e, fix: "write primary, secondary or higher_secondary (or leave it empty when not enrolled)") }
                level = SchoolLevel(rawValue: UInt8(code)) ?? .none
            }
        }
        raw.schoolLevel[row] = level
        var birth = false
        if hasBirthInYear {
            (s, e) = bounds(.birthInYear)
            if e > s {
                guard let flag = NumberParsing.flag(base, s, e) else { return problem(lineStart, .birthInYear, "unknown category", s, e, fix: "write 1 for a woman who gave birth in the year, else 0 (or leave it empty)") }
                birth = flag
            }
        }
        raw.birthInYear[row] = birth
        var publicEmployee = false
        if hasPublicSector {
            (s, e) = bounds(.publicSector)
            if e > s {
                guard let flag = NumberParsing.flag(base, s, e) else { return problem(lineStart, .publicSector, "unknown category", s, e, fix: "write 1 for an employee of the public sector (government, state enterprise), else 0 (or leave it empty)") }
                publicEmployee = flag
                if flag && raw.labourStatus[row] != .employee {
                    return problem(lineStart, .publicSector, "public_sector is 1 but labour_status is \(raw.labourStatus[row].code): only employees work for a public employer", s, e,
                                   fix: "write 0 for a person who is not an employee (or correct labour_status to employee)")
                }
            }
        }
        raw.publicSector[row] = publicEmployee
        var pension: Float = 0
        if hasPensionInPayment {
            (s, e) = bounds(.pensionInPayment)
            if e > s {
                guard let value = NumberParsing.double(base, s, e) else { return problem(lineStart, .pensionInPayment, "not a number", s, e) }
                guard value >= 0, value <= 10_000_000 else { return problem(lineStart, .pensionInPayment, "out of range", s, e, fix: "write a pension of 0 to 10,000,000 PKR per month (0 or empty when none is stored)") }
                pension = Float(value)
            }
        }
        raw.pensionInPayment[row] = pension
        for (k, field) in Field.householdMoney.enumerated() where raw.moneyPresent[k] {
            (s, e) = bounds(field)
            guard let value = NumberParsing.double(base, s, e) else {
                return problem(lineStart, field, "not a number", s, e, fix: "write the household's \(field.name) as a number of 0 or more in PKR per month, e.g. 12500 (or leave the column out to impute it)")
            }
            guard value >= 0, value.isFinite, value <= PopulationCSV.maximumMoney else {
                return problem(lineStart, field, "out of range", s, e, fix: "write a number of 0 or more in PKR per month (or leave the column out to impute it)")
            }
            raw.householdMoney[k][row] = value
        }
        return nil
    }
}
