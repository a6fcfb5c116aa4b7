// Population CSV import, 2 of 5: the reader (header, chunks, threads, located errors).
// Raw columns: CSVRawColumns.swift; rows: CSVChunkParser.swift; fields: CSVFieldParsing.swift;
// ordering and checks of the parsed persons: CSVAssembly.swift.
import Dispatch
import Foundation
import SpsimSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    func error(line: Int?, column: String?, problem: String, value: String?, fix: String) -> InputError {
        InputError(file: path, line: line, column: column, problem: problem, value: value, fix: fix)
    }

    /// 1-based line number of the line starting at byte `offset`.
    func lineNumber(atOffset offset: Int) -> Int {
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
        let raw = RawPersons(capacity: capacity, moneyPresent: PopulationCSV.Field.householdMoney.map { fieldSlot.contains(Int8($0.rawValue)) })
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
    func offsetOfRow(_ row: Int, dataStart: Int) -> Int {
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

    func line(ofRow row: Int, dataStart: Int) -> Int {
        lineNumber(atOffset: offsetOfRow(row, dataStart: dataStart))
    }
}
