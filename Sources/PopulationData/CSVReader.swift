import Dispatch
import Foundation
import SpsimSupport
#if canImport(Glibc)
import Glibc
#endif

/// One column of raw values in file order, in manually managed memory so that chunks
/// parsed on different threads can fill disjoint parts of it.
final class RawColumn<Element>: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    /// Allocates without filling: every element type used here is trivial (integers,
    /// doubles, one-byte enums, Bool), for which assigning to uninitialised memory is
    /// defined, and only rows that were parsed (written) are ever read. Not filling
    /// lets the two parsing threads take the page faults in parallel.
    init(capacity: Int, initial: Element) {
        self.capacity = max(1, capacity)
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
        if !_isPOD(Element.self) { pointer.initialize(repeating: initial, count: self.capacity) }
    }
    deinit { if capacity > 0 { pointer.deallocate() } }
    /// Frees the memory now (the column must not be used afterwards).
    func free() {
        guard capacity > 0 else { return }
        pointer.deallocate()
        capacity = 0
    }
    /// The first `count` values gathered through `order`, then frees this column.
    func take(count: Int, order: [Int32]?) -> [Element] {
        let result = array(count: count, order: order)
        free()
        return result
    }
    @inline(__always) subscript(_ i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
    /// The first `count` values gathered through `order` (or in order when nil).
    func array(count: Int, order: [Int32]?) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let order {
                for i in 0..<count { buffer.initializeElement(at: i, to: pointer[Int(order[i])]) }
            } else {
                for i in 0..<count { buffer.initializeElement(at: i, to: pointer[i]) }
            }
            initialized = count
        }
    }
    /// Moves values `from ..< from+count` to start at `to` (to ≤ from).
    func shift(from: Int, to: Int, count: Int) {
        guard from != to, count > 0 else { return }
        (pointer + to).update(from: pointer + from, count: count)
    }
}

/// The parsed person values of a file, in file order.
final class RawPersons: @unchecked Sendable {
    let householdID, personID: RawColumn<Int64>
    let weight, pmtScore, monthlyEarnings: RawColumn<Double>
    let age: RawColumn<UInt8>
    let sex: RawColumn<Sex>
    let province: RawColumn<Province>
    let urban, formal, disabled: RawColumn<Bool>
    let labourStatus: RawColumn<LabourStatus>
    let sector: RawColumn<Sector>
    let workerGroup: RawColumn<WorkerGroup>
    let schoolLevel: RawColumn<SchoolLevel>
    let birthInYear: RawColumn<Bool>
    let contributoryYears: RawColumn<UInt16>

    init(capacity: Int) {
        householdID = RawColumn(capacity: capacity, initial: 0)
        personID = RawColumn(capacity: capacity, initial: 0)
        weight = RawColumn(capacity: capacity, initial: 0)
        pmtScore = RawColumn(capacity: capacity, initial: 0)
        monthlyEarnings = RawColumn(capacity: capacity, initial: 0)
        age = RawColumn(capacity: capacity, initial: 0)
        sex = RawColumn(capacity: capacity, initial: .female)
        province = RawColumn(capacity: capacity, initial: .punjab)
        urban = RawColumn(capacity: capacity, initial: false)
        formal = RawColumn(capacity: capacity, initial: false)
        disabled = RawColumn(capacity: capacity, initial: false)
        labourStatus = RawColumn(capacity: capacity, initial: .inactive)
        sector = RawColumn(capacity: capacity, initial: .none)
        workerGroup = RawColumn(capacity: capacity, initial: .other)
        schoolLevel = RawColumn(capacity: capacity, initial: .none)
        birthInYear = RawColumn(capacity: capacity, initial: false)
        contributoryYears = RawColumn(capacity: capacity, initial: 0)
    }

    func shift(from: Int, to: Int, count: Int) {
        householdID.shift(from: from, to: to, count: count); personID.shift(from: from, to: to, count: count)
        weight.shift(from: from, to: to, count: count); pmtScore.shift(from: from, to: to, count: count)
        monthlyEarnings.shift(from: from, to: to, count: count); age.shift(from: from, to: to, count: count)
        sex.shift(from: from, to: to, count: count); province.shift(from: from, to: to, count: count)
        urban.shift(from: from, to: to, count: count); formal.shift(from: from, to: to, count: count)
        disabled.shift(from: from, to: to, count: count); labourStatus.shift(from: from, to: to, count: count)
        sector.shift(from: from, to: to, count: count); workerGroup.shift(from: from, to: to, count: count)
        contributoryYears.shift(from: from, to: to, count: count)
        schoolLevel.shift(from: from, to: to, count: count); birthInYear.shift(from: from, to: to, count: count)
    }
}

/// A problem found while parsing, located by the byte offset of its line.
struct CSVProblem: Sendable {
    var lineOffset: Int
    var column: String?
    var problem: String
    var value: String?
    var fix: String
}

struct CSVReader {
    typealias Field = PopulationCSV.Field
    let file: MappedFile
    let path: String

    init(file: MappedFile, path: String) {
        self.file = file
        self.path = path
    }

    private func error(line: Int?, column: String?, problem: String, value: String?, fix: String) -> InputError {
        InputError(file: path, line: line, column: column, problem: problem, value: value, fix: fix)
    }

    /// 1-based line number of the line starting at byte `offset`.
    private func lineNumber(atOffset offset: Int) -> Int {
        guard let base = file.base else { return 1 }
        var count = 1
        var i = 0
        while i < offset {
            guard let hit = memchr(base + i, 10, offset - i) else { break }
            count += 1
            i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
        return count
    }

    mutating func read(seed: UInt64, showProgress: Bool) throws -> Population {
        guard let base = file.base, file.count > 0 else {
            throw error(line: nil, column: nil, problem: "the file is empty", value: nil,
                        fix: "export the microdata again with a header row (\(PopulationCSV.columnNames.prefix(14).joined(separator: ","))) and one row per person")
        }
        let end = file.count
        // Header
        var start = 0
        if end >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
        let headerEnd: Int = {
            if let hit = memchr(base + start, 10, end - start) { return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base }
            return end
        }()
        var headerContentEnd = headerEnd
        if headerContentEnd > start, base[headerContentEnd - 1] == 13 { headerContentEnd -= 1 }
        let headerBytes = UnsafeBufferPointer(start: base + start, count: headerContentEnd - start)
        guard let headerText = String(validating: headerBytes, as: UTF8.self) else {
            throw error(line: 1, column: nil, problem: "the header row is not valid UTF-8 text", value: String(decoding: headerBytes, as: UTF8.self),
                        fix: "save the file as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')")
        }
        if headerText.trimmingCharacters(in: .whitespaces).isEmpty {
            throw error(line: 1, column: nil, problem: "the file has no header row", value: headerText,
                        fix: "put the column names on the first line: \(PopulationCSV.columnNames.prefix(14).joined(separator: ","))")
        }
        let headerNames = headerText.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var fieldSlot = [Int8](repeating: -1, count: headerNames.count)
        var seen = [Int?](repeating: nil, count: Field.allCases.count)
        for (index, name) in headerNames.enumerated() {
            guard let field = Field.allCases.first(where: { $0.name == name }) else { continue }
            if seen[field.rawValue] != nil {
                throw error(line: 1, column: name, problem: "the column '\(name)' appears twice in the header", value: headerText,
                            fix: "keep one column named '\(name)' and rename or delete the other")
            }
            seen[field.rawValue] = index
            fieldSlot[index] = Int8(field.rawValue)
        }
        for field in Field.allCases where field.isRequired && seen[field.rawValue] == nil {
            throw error(line: 1, column: field.name, problem: "the required column '\(field.name)' is missing from the header", value: headerText,
                        fix: "add a column named '\(field.name)' (\(field.expected)); column names are lower case, comma separated")
        }
        let dataStart = min(end, headerEnd + 1)
        guard dataStart < end else {
            throw error(line: 2, column: nil, problem: "the file has a header but no rows", value: nil, fix: "add one row per person below the header")
        }

        // Split the data into chunks at line boundaries; each chunk is parsed on its own thread.
        let chunkCount = max(1, min(ProcessInfo.processInfo.activeProcessorCount, (end - dataStart) / (1 << 20) + 1, 8))
        var bounds = [dataStart]
        for c in 1..<chunkCount {
            var cut = dataStart + (end - dataStart) * c / chunkCount
            cut = max(cut, bounds[c - 1])
            if let hit = memchr(base + cut, 10, end - cut) {
                cut = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
            } else {
                cut = end
            }
            bounds.append(cut)
        }
        bounds.append(end)
        // Count lines per chunk to place each chunk's rows.
        var lineCounts = [Int](repeating: 0, count: chunkCount)
        lineCounts.withUnsafeMutableBufferPointer { counts in
            nonisolated(unsafe) let countsPointer = counts.baseAddress!  // non-empty: chunkCount ≥ 1; each thread writes its own entry
            nonisolated(unsafe) let base = base  // read-only mapping
            let boundsCopy = bounds
            let fileRef = file
            DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
                var n = 0
                var i = boundsCopy[c]
                let stop = boundsCopy[c + 1]
                var released = i
                while i < stop {
                    guard let hit = memchr(base + i, 10, stop - i) else { n += 1; break }
                    n += 1
                    i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
                    // Let go of counted pages so the whole file is never resident at once.
                    if i - released > 16 << 20 { fileRef.release(released ..< i); released = i }
                }
                fileRef.release(released ..< stop)
                countsPointer[c] = n
            }
        }
        var rowStart = [0]
        for c in 0..<chunkCount { rowStart.append(rowStart[c] + lineCounts[c]) }
        let capacity = rowStart[chunkCount]
        guard capacity < Int(Int32.max) else {
            throw error(line: nil, column: nil, problem: "the file has more than \(Int32.max) rows", value: nil, fix: "split the population into smaller files")
        }
        let raw = RawPersons(capacity: capacity)
        let progress = ProgressLine("reading \(URL(fileURLWithPath: path).lastPathComponent)", total: end, enabled: showProgress && isatty(STDERR_FILENO) == 1 && end > 32 << 20)
        var results = [ChunkResult](repeating: ChunkResult(rows: 0, problem: nil), count: chunkCount)
        let slots = fieldSlot
        let fileRef = file
        let boundsCopy = bounds
        let rowStartCopy = rowStart
        results.withUnsafeMutableBufferPointer { resultBuffer in
            nonisolated(unsafe) let resultPointer = resultBuffer.baseAddress!  // non-empty: chunkCount ≥ 1; each thread writes its own entry
            nonisolated(unsafe) let base = base  // read-only mapping
            DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
                var parser = ChunkParser(base: base, file: fileRef, fieldSlot: slots, raw: raw, progress: progress)
                defer { parser.release() }
                resultPointer[c] = parser.parse(from: boundsCopy[c], to: boundsCopy[c + 1], firstRow: rowStartCopy[c], isLastChunk: c == chunkCount - 1, fileEnd: end)
            }
        }
        progress.finish()
        for result in results {
            if let problem = result.problem {
                throw error(line: lineNumber(atOffset: problem.lineOffset), column: problem.column, problem: problem.problem, value: problem.value, fix: problem.fix)
            }
        }
        // Close the gaps left by empty lines.
        var rowCount = 0
        for c in 0..<chunkCount {
            raw.shift(from: rowStart[c], to: rowCount, count: results[c].rows)
            rowCount += results[c].rows
        }
        guard rowCount > 0 else {
            throw error(line: 2, column: nil, problem: "the file has a header but no rows", value: nil, fix: "add one row per person below the header")
        }
        return try assemble(raw: raw, count: rowCount, dataStart: dataStart, seed: seed, fieldSlot: fieldSlot)
    }

    /// The byte offset of the line holding data row `row` (0-based, empty lines skipped).
    private func offsetOfRow(_ row: Int, dataStart: Int) -> Int {
        guard let base = file.base else { return 0 }
        var i = dataStart
        var seenRows = 0
        while i < file.count {
            let lineEnd: Int
            if let hit = memchr(base + i, 10, file.count - i) { lineEnd = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base } else { lineEnd = file.count }
            var contentEnd = lineEnd
            if contentEnd > i, base[contentEnd - 1] == 13 { contentEnd -= 1 }
            if contentEnd > i {
                if seenRows == row { return i }
                seenRows += 1
            }
            i = lineEnd + 1
        }
        return i
    }

    private func line(ofRow row: Int, dataStart: Int) -> Int {
        lineNumber(atOffset: offsetOfRow(row, dataStart: dataStart))
    }

    /// Orders persons by household then person, checks identifiers and household-level
    /// values, and builds the population.
    private func assemble(raw: RawPersons, count n: Int, dataStart: Int, seed: UInt64, fieldSlot: [Int8]) throws -> Population {
        let hh = raw.householdID.pointer, pid = raw.personID.pointer
        var sorted = true, personIDsIncreasing = true
        for i in 1..<max(1, n) {
            if pid[i - 1] >= pid[i] { personIDsIncreasing = false }
            if hh[i - 1] > hh[i] || (hh[i - 1] == hh[i] && pid[i - 1] >= pid[i]) { sorted = false }
            if !sorted && !personIDsIncreasing { break }
        }
        if !personIDsIncreasing {
            // Sort rows by (person_id, row) and look for equal neighbours.
            var byPerson = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n { buffer[i] = Int32(i) }
                initialized = n
            }
            byPerson.sort { a, b in
                let pa = pid[Int(a)], pb = pid[Int(b)]
                return pa != pb ? pa < pb : a < b
            }
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
        var order: [Int32]? = nil
        if !sorted {
            var rows = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
                for i in 0..<n { buffer[i] = Int32(i) }
                initialized = n
            }
            rows.sort { a, b in
                let ha = hh[Int(a)], hb = hh[Int(b)]
                if ha != hb { return ha < hb }
                return pid[Int(a)] < pid[Int(b)]
            }
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
            if pmt[row] != population.pmtScore[h] {
                let firstLine = line(ofRow: firstRowOfHousehold, dataStart: dataStart)
                throw error(line: line(ofRow: row, dataStart: dataStart), column: "pmt_score",
                            problem: "the pmt_score differs between members of household \(hh[row]) (line \(firstLine) has \(PopulationCSV.shortestText(population.pmtScore[h])))",
                            value: PopulationCSV.shortestText(pmt[row]), fix: "give every member of a household the household's PMT score")
            }
        }
        population.firstPerson.append(Int32(n))
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
        population.assignStoredDraws(seed: seed)
        // Optional columns the file lacks are imputed from the calibration file's published
        // rates with the same stored draws as the synthetic population (docs/population.md).
        if !fieldSlot.contains(Int8(PopulationCSV.Field.schoolLevel.rawValue)) || !fieldSlot.contains(Int8(PopulationCSV.Field.birthInYear.rawValue)) {
            let model = try CalibrationTargets.pakistan().model
            if !fieldSlot.contains(Int8(PopulationCSV.Field.schoolLevel.rawValue)) { population.assignSchooling(model.schooling, seed: seed) }
            if !fieldSlot.contains(Int8(PopulationCSV.Field.birthInYear.rawValue)) { population.assignBirths(model.fertility, seed: seed) }
        }
        if let problem = population.structuralProblem() {
            throw error(line: nil, column: nil, problem: "the imported population is inconsistent (\(problem))", value: nil, fix: "this is a bug in spsim; please report it with the file")
        }
        return population
    }
}

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
        return nil
    }
}

/// Byte-level parsing of CSV fields (no allocation on the common path).
enum NumberParsing {
    private static let powersOfTen: [Double] = (0...22).map { k in
        var value = 1.0
        for _ in 0..<k { value *= 10 }
        return value
    }

    /// A whole number written with digits only (a trailing ".0…" is accepted); nil otherwise.
    @inline(__always)
    static func integer(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int64? {
        guard e > s else { return nil }
        var value: Int64 = 0
        var i = s
        while i < e {
            let d = p[i] &- 48
            if d > 9 { break }
            if i - s >= 18 { return nil }
            value = value * 10 + Int64(d)
            i += 1
        }
        if i == s { return nil }
        if i < e {
            guard p[i] == 46 else { return nil }
            i += 1
            while i < e {
                guard p[i] == 48 else { return nil }
                i += 1
            }
        }
        return value
    }

    /// `0` or `1`.
    @inline(__always)
    static func flag(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool? {
        guard e - s == 1 else { return nil }
        switch p[s] {
        case 48: return false
        case 49: return true
        default: return nil
        }
    }

    /// The index of the code equal to the field's bytes. The candidate is picked by length
    /// and first and last byte, then compared in full (codes of one category differ in
    /// one of those three).
    @inline(__always)
    static func code(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int, _ codes: [[UInt8]]) -> Int? {
        let length = e - s
        if length == 0 { return codes.firstIndex { $0.isEmpty } }
        let first = p[s], last = p[e - 1]
        for index in codes.indices {
            let code = codes[index]
            guard code.count == length, code[0] == first, code[length - 1] == last else { continue }
            for k in 1..<max(1, length - 1) where code[k] != p[s + k] { return nil }
            return index
        }
        return nil
    }

    /// A decimal number `[+-]digits[.digits][(e|E)[+-]digits]`, correctly rounded.
    /// Mantissas of up to 2^53 with a power of ten up to 22 take the exact fast path
    /// (Clinger 1990); anything else goes through `strtod`. NaN, infinities and hex are
    /// refused.
    static func double(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
        guard e > s else { return nil }
        var i = s
        var negative = false
        if p[i] == 45 || p[i] == 43 { negative = p[i] == 45; i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var anyDigit = false
        var inexact = false
        while i < e {
            let d = p[i] &- 48
            if d > 9 { break }
            anyDigit = true
            if mantissa == 0 && d == 0 {
            } else if significant < 19 {
                mantissa = mantissa * 10 + UInt64(d); significant += 1
            } else {
                exponent += 1; if d != 0 { inexact = true }
            }
            i += 1
        }
        if i < e && p[i] == 46 {
            i += 1
            while i < e {
                let d = p[i] &- 48
                if d > 9 { break }
                anyDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(d); significant += 1; exponent -= 1
                } else if d != 0 {
                    inexact = true
                }
                i += 1
            }
        }
        guard anyDigit else { return nil }
        if i < e && (p[i] == 101 || p[i] == 69) {
            i += 1
            var exponentNegative = false
            if i < e && (p[i] == 45 || p[i] == 43) { exponentNegative = p[i] == 45; i += 1 }
            var written = 0
            var digits = 0
            while i < e {
                let d = p[i] &- 48
                if d > 9 { break }
                if written < 100_000 { written = written * 10 + Int(d) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard i == e else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !inexact && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent < 0 ? m / powersOfTen[-exponent] : m * powersOfTen[exponent]
            return negative ? -value : value
        }
        // Slow path: the C library's correctly rounded conversion.
        let length = e - s
        guard length < 400 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double? in
            for k in 0..<length { buffer[k] = CChar(bitPattern: p[s + k]) }
            buffer[length] = 0
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(buffer.baseAddress!, &endPointer)  // non-nil: capacity ≥ 1
            guard let endPointer, endPointer - buffer.baseAddress! == length, value.isFinite else { return nil }
            return value
        }
    }
}
