import Foundation
import SpsimSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// spsim's binary population file (`.spop`): the population's columns as they are in
/// memory, so a large population loads in a fraction of the time its CSV takes to parse.
///
/// Layout (little-endian; docs/population.md, "Binary population files"):
///
///     offset  size  field
///          0     8  magic "SPSIMPOP"
///          8     4  format version (UInt32; this reader reads version 1)
///         12     4  column count (UInt32)
///         16     8  household count
///         24     8  person count
///         32     8  seed of the stored draws
///         40     8  byte offset of the first column (the data start, a multiple of 64)
///         48     8  total file length in bytes (a shorter file is truncated)
///         56     4  metadata length (UInt32): JSON text after the column directory
///         60     4  reserved (0)
///         64  56×C  column directory: name (24 bytes, NUL-padded ASCII), element kind
///                   (1 byte) and 7 bytes of padding, element count (UInt64), byte offset
///                   from the data start (UInt64), XXH64 of the column's bytes (UInt64)
///          …     M  metadata (JSON: what the population is, which spsim wrote it, when)
///          …     8  XXH64 of every header byte before it (the directory and metadata included)
///
/// Columns follow, each starting at a multiple of 64 bytes. Categories and booleans are
/// stored as one-byte codes (the `rawValue`s of `Categories.swift`) and checked on
/// reading. The file is read through a memory map and every column's checksum is
/// verified before its values are used, so a truncated, damaged, foreign or
/// other-version file is refused with a message saying what to do, never half-read.
public enum PopulationBinary {
    public static let magic: [UInt8] = Array("SPSIMPOP".utf8)
    public static let formatVersion: UInt32 = 1
    public static let fileExtension = "spop"
    static let headerSize = 64
    static let entrySize = 56
    static let nameSize = 24

    /// What a `.spop` file says about itself (its header and metadata).
    public struct Header: Sendable, Equatable {
        public var version: UInt32
        public var households: Int
        public var persons: Int
        /// The seed its stored draws were made with.
        public var seed: UInt64
        /// What the population is (e.g. "synthetic, 100000 households, seed 20250701").
        public var source: String
        /// The spsim version that wrote it.
        public var writer: String
    }

    enum Kind: UInt8 {
        case uint8 = 1, uint16 = 2, int32 = 3, int64 = 4, float32 = 5, float64 = 6, flag = 7, code = 8
        var width: Int {
            switch self {
            case .uint8, .flag, .code: return 1
            case .uint16: return 2
            case .int32, .float32: return 4
            case .int64, .float64: return 8
            }
        }
    }

    /// True when `url` is a regular file that starts with the `.spop` magic bytes (a pipe,
    /// device or folder is never opened here, so asking cannot block).
    public static func isBinary(_ url: URL) -> Bool {
        var status = stat()
        guard stat(url.path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var start = [UInt8](repeating: 0, count: magic.count)
        #if canImport(Glibc)
        let count = start.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, magic.count) }
        #else
        let count = start.withUnsafeMutableBytes { Darwin.read(descriptor, $0.baseAddress, magic.count) }
        #endif
        return count == magic.count && start == magic
    }

    // MARK: - Writing

    /// Writes `population` to `url` atomically.
    ///   - seed: the seed its stored draws were made with (recorded, so a reader with
    ///     another seed knows to draw again).
    ///   - source: one line saying what the population is.
    public static func write(_ population: Population, seed: UInt64, source: String, to url: URL) throws {
        if let problem = population.structuralProblem() {
            throw InputError(file: url.path, problem: "the population to write is inconsistent (\(problem))", fix: "this is a bug in the program that built the population; please report it")
        }
        let columns = Column.all(of: population)
        let metadata: [String: String] = [
            "source": source, "writer": "spsim \(SpsimVersion.current)",
            "written": ISO8601DateFormatter().string(from: Date()),
            "format": "docs/population.md, Binary population files",
        ]
        let metadataBytes = Array((try? JSONSerialization.data(withJSONObject: metadata, options: [.sortedKeys])) ?? Data("{}".utf8))
        let directoryEnd = headerSize + entrySize * columns.count + metadataBytes.count + 8
        let dataStart = aligned(directoryEnd)
        var offsets: [Int] = []
        var position = 0
        for column in columns {
            offsets.append(position)
            position = aligned(position + column.byteCount)
        }
        let totalLength = dataStart + position

        var header = [UInt8]()
        header.reserveCapacity(dataStart)
        header += magic
        append(formatVersion, to: &header)
        append(UInt32(columns.count), to: &header)
        append(UInt64(population.householdCount), to: &header)
        append(UInt64(population.personCount), to: &header)
        append(seed, to: &header)
        append(UInt64(dataStart), to: &header)
        append(UInt64(totalLength), to: &header)
        append(UInt32(metadataBytes.count), to: &header)
        append(UInt32(0), to: &header)
        for (column, offset) in zip(columns, offsets) {
            var name = Array(column.name.utf8.prefix(nameSize))
            name += [UInt8](repeating: 0, count: nameSize - name.count)
            header += name
            header.append(column.kind.rawValue)
            header += [UInt8](repeating: 0, count: 7)
            append(UInt64(column.count), to: &header)
            append(UInt64(offset), to: &header)
            append(column.checksum, to: &header)
        }
        header += metadataBytes
        append(header.withUnsafeBytes { XXHash64.hash($0) }, to: &header)
        header += [UInt8](repeating: 0, count: dataStart - header.count)

        try AtomicFile.stream(to: url) { emit in
            try header.withUnsafeBytes { try emit($0) }
            var written = 0
            let padding = [UInt8](repeating: 0, count: 64)
            for (column, offset) in zip(columns, offsets) {
                if offset > written { try padding.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0.prefix(offset - written))) } }
                try column.bytes { try emit($0) }
                written = offset + column.byteCount
            }
            if position > written { try padding.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0.prefix(position - written))) } }
        }
    }

    static func aligned(_ value: Int) -> Int { (value + 63) & ~63 }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    // MARK: - Reading

    /// Reads the header only (for `population info` and error messages).
    public static func header(of url: URL) throws -> Header {
        let map = try MappedFile(url)
        return try Reader(map: map, file: url.path).header
    }

    /// Reads a `.spop` file. With a `seed` other than the one its draws were made with,
    /// the stored draws are made again from `seed` and the identifiers (as importing the
    /// same microdata with that seed would); the persons themselves are unchanged.
    public static func read(_ url: URL, seed: UInt64? = nil) throws -> Population {
        let map = try MappedFile(url)
        let reader = try Reader(map: map, file: url.path)
        var population = try reader.population()
        if let seed, seed != reader.header.seed { population.assignStoredDraws(seed: seed) }
        return population
    }

    /// A read-only memory map of a whole file (unmapped on deinit).
    final class MappedFile {
        let bytes: UnsafeRawBufferPointer
        private let length: Int

        init(_ url: URL) throws {
            var kind = stat()
            if stat(url.path, &kind) == 0, (kind.st_mode & S_IFMT) != S_IFREG {
                throw InputError(file: url.path, problem: "this is not a regular file (a folder, pipe or device), so it cannot be a binary population", fix: "give the path of a .spop file written by 'spsim population convert' or 'population generate --out FILE.spop'")
            }
            let descriptor = open(url.path, O_RDONLY)
            guard descriptor >= 0 else {
                throw InputError(file: url.path, problem: "cannot open the population file (\(String(cString: strerror(errno))))", fix: "check the path and that the file is readable")
            }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                throw InputError(file: url.path, problem: "cannot read the population file's size (\(String(cString: strerror(errno))))", fix: "check that the file is readable")
            }
            length = Int(status.st_size)
            if length == 0 {
                bytes = UnsafeRawBufferPointer(start: nil, count: 0)
                return
            }
            guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
                throw InputError(file: url.path, problem: "cannot map the population file into memory (\(String(cString: strerror(errno))))", fix: "check that the file is a regular, readable file")
            }
            bytes = UnsafeRawBufferPointer(start: address, count: length)
        }

        deinit {
            if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), length) }
        }
    }

    struct Entry {
        var name: String
        var kind: UInt8
        var count: Int
        var offset: Int
        var checksum: UInt64
    }

    struct Reader {
        let map: MappedFile
        let file: String
        var header: Header
        var entries: [String: Entry] = [:]
        var dataStart = 0

        init(map: MappedFile, file: String) throws {
            self.map = map
            self.file = file
            let bytes = map.bytes
            func refuse(_ problem: String, _ fix: String = "write it again with 'spsim population convert' (from the CSV) or 'spsim population generate --out FILE.spop'") -> InputError {
                InputError(file: file, problem: problem, fix: fix)
            }
            guard bytes.count >= 8, Array(bytes.prefix(8)) == PopulationBinary.magic else {
                throw refuse("not an spsim binary population file (it does not start with SPSIMPOP)",
                             "give a file written by 'spsim population convert' or 'population generate --out FILE.spop', or a person-level CSV named *.csv (docs/population.md)")
            }
            guard bytes.count >= headerSize else { throw refuse("the file is truncated: \(bytes.count) bytes, shorter than the \(headerSize)-byte header") }
            func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
            let version = u32(8)
            if version < PopulationBinary.formatVersion {
                throw refuse("the file is in binary population format version \(version), written by an older spsim; this spsim reads version \(PopulationBinary.formatVersion)",
                             "convert the population again from its CSV with this spsim: 'spsim population convert FILE.csv FILE.spop'")
            }
            if version > PopulationBinary.formatVersion {
                throw refuse("the file is in binary population format version \(version), written by a newer spsim; this spsim reads version \(PopulationBinary.formatVersion)",
                             "use the spsim that wrote it, or have it write a CSV ('spsim population convert FILE.spop FILE.csv') and read that")
            }
            let columnCount = Int(u32(12))
            let total = u64(48)
            let start = u64(40)
            let metadataLength = Int(u32(56))
            guard columnCount <= 1024, metadataLength <= 1 << 20, start <= total else { throw refuse("the header is damaged (impossible column count, metadata or data offsets)") }
            guard UInt64(bytes.count) >= total else {
                throw refuse("the file is truncated: \(bytes.count) bytes where its header says \(total) (an interrupted copy or download?)", "copy the file again, or write it again with 'spsim population convert'")
            }
            if UInt64(bytes.count) > total { throw refuse("the file has \(UInt64(bytes.count) - total) bytes after its end (\(total) bytes by its header)", "copy the file again, or write it again with 'spsim population convert'") }
            let directoryEnd = headerSize + entrySize * columnCount + metadataLength
            guard directoryEnd + 8 <= Int(start) else { throw refuse("the header is damaged (the column directory runs into the data)") }
            let stored = u64(directoryEnd)
            let computed = XXHash64.hash(UnsafeRawBufferPointer(rebasing: bytes[0..<directoryEnd]))
            guard stored == computed else { throw refuse("the header is damaged (its checksum does not match)", "copy the file again, or write it again with 'spsim population convert'") }
            dataStart = Int(start)
            for c in 0..<columnCount {
                let at = headerSize + entrySize * c
                let nameBytes = Array(bytes[at..<(at + nameSize)]).prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                // No column can hold more elements, or start further, than the file has bytes
                // (checked before converting, so a damaged directory cannot overflow).
                let count = u64(at + 32), offset = u64(at + 40)
                guard count <= UInt64(bytes.count), offset <= UInt64(bytes.count) else {
                    throw refuse("the column directory is damaged (column '\(name)' claims \(count) values at offset \(offset) in a file of \(bytes.count) bytes)", "copy the file again, or write it again with 'spsim population convert'")
                }
                entries[name] = Entry(name: name, kind: bytes[at + nameSize], count: Int(count), offset: Int(offset), checksum: u64(at + 48))
            }
            let metadataStart = headerSize + entrySize * columnCount
            let metadata = (try? JSONSerialization.jsonObject(with: Data(bytes[metadataStart..<(metadataStart + metadataLength)]))) as? [String: Any] ?? [:]
            guard u64(16) <= UInt64(bytes.count), u64(24) <= UInt64(bytes.count), u64(16) <= u64(24) else {
                throw refuse("the header is damaged (impossible household and person counts)")
            }
            header = Header(version: version, households: Int(u64(16)), persons: Int(u64(24)), seed: u64(32),
                            source: metadata["source"] as? String ?? "unknown", writer: metadata["writer"] as? String ?? "unknown")
        }

        /// The bytes of column `name`, checked for kind, length and checksum.
        func column(_ name: String, _ kind: Kind, count: Int, optional: Bool = false) throws -> UnsafeRawBufferPointer? {
            guard let entry = entries[name] else {
                if optional { return nil }
                throw InputError(file: file, column: name, problem: "the file has no column '\(name)'", fix: "write the file again with this spsim ('spsim population convert')")
            }
            if optional && entry.count == 0 { return nil }
            guard entry.kind == kind.rawValue, entry.count == count else {
                throw InputError(file: file, column: name, problem: "column '\(name)' holds \(entry.count) values of kind \(entry.kind) where \(count) of kind \(kind.rawValue) are expected", fix: "the file is damaged or was not written by spsim; write it again with 'spsim population convert'")
            }
            let start = dataStart + entry.offset
            let length = count * kind.width
            guard entry.offset >= 0, start + length <= map.bytes.count else {
                throw InputError(file: file, column: name, problem: "column '\(name)' runs past the end of the file", fix: "copy the file again, or write it again with 'spsim population convert'")
            }
            let slice = UnsafeRawBufferPointer(rebasing: map.bytes[start..<(start + length)])
            guard XXHash64.hash(slice) == entry.checksum else {
                throw InputError(file: file, column: name, problem: "column '\(name)' is damaged (its checksum does not match)", fix: "copy the file again, or write it again with 'spsim population convert'")
            }
            return slice
        }

        func values<T>(_ name: String, _ kind: Kind, _ type: T.Type, count: Int, optional: Bool = false) throws -> [T] {
            guard let slice = try column(name, kind, count: count, optional: optional) else { return [] }
            defer { release(slice) }
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: slice)
                initialized = count
            }
        }

        /// Gives a copied column's pages of the map back to the system, so reading holds
        /// about one copy of the population in memory, not two.
        func release(_ slice: UnsafeRawBufferPointer) {
            guard let base = slice.baseAddress, let mapBase = map.bytes.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let start = (base - mapBase) / page * page
            let end = base - mapBase + slice.count
            guard end > start else { return }
            _ = madvise(UnsafeMutableRawPointer(mutating: mapBase + start), end - start, MADV_DONTNEED)
        }

        func flags(_ name: String, count: Int) throws -> [Bool] {
            let slice = try column(name, .flag, count: count)!
            defer { release(slice) }
            if let bad = slice.firstIndex(where: { $0 > 1 }) {
                throw InputError(file: file, line: nil, column: name, problem: "column '\(name)' holds \(slice[bad]) at position \(bad), where 0 or 1 is expected", fix: "the file is damaged or was not written by spsim; write it again with 'spsim population convert'")
            }
            return slice.map { $0 == 1 }
        }

        func codes<E: RawRepresentable>(_ name: String, _ type: E.Type, count: Int) throws -> [E] where E.RawValue == UInt8 {
            let slice = try column(name, .code, count: count)!
            defer { release(slice) }
            var result: [E] = []
            result.reserveCapacity(count)
            for (index, byte) in slice.enumerated() {
                guard let value = E(rawValue: byte) else {
                    throw InputError(file: file, column: name, problem: "column '\(name)' holds code \(byte) at position \(index), which is not a \(E.self) code", fix: "the file is damaged or was written by another spsim; write it again with 'spsim population convert'")
                }
                result.append(value)
            }
            return result
        }

        func population() throws -> Population {
            let h = header.households, n = header.persons
            var p = Population()
            p.householdID = try values("household_id", .int64, Int64.self, count: h)
            p.householdWeight = try values("household_weight", .float64, Double.self, count: h)
            p.pmtScore = try values("pmt_score", .float64, Double.self, count: h)
            p.firstPerson = try values("first_person", .int32, Int32.self, count: h + 1)
            p.householdDraw = try values("household_draw", .float32, Float.self, count: h)
            p.selfEmploymentIncome = try values("self_employment_income", .float64, Double.self, count: h, optional: true)
            p.remittanceIncome = try values("remittance_income", .float64, Double.self, count: h, optional: true)
            p.propertyIncome = try values("property_income", .float64, Double.self, count: h, optional: true)
            p.transferIncome = try values("transfer_income", .float64, Double.self, count: h, optional: true)
            p.consumption = try values("consumption", .float64, Double.self, count: h, optional: true)
            p.personID = try values("person_id", .int64, Int64.self, count: n)
            p.age = try values("age", .uint8, UInt8.self, count: n)
            p.sex = try codes("sex", Sex.self, count: n)
            p.province = try codes("province", Province.self, count: n)
            p.urban = try flags("urban", count: n)
            p.labourStatus = try codes("labour_status", LabourStatus.self, count: n)
            p.sector = try codes("sector", Sector.self, count: n)
            p.formal = try flags("formal", count: n)
            p.workerGroup = try codes("worker_group", WorkerGroup.self, count: n)
            p.monthlyEarnings = try values("monthly_earnings", .float64, Double.self, count: n)
            p.contributoryYears = try values("contributory_years", .uint16, UInt16.self, count: n)
            p.disabled = try flags("disabled", count: n)
            p.schoolLevel = try codes("school_level", SchoolLevel.self, count: n)
            p.birthInYear = try flags("birth_in_year", count: n)
            p.publicSector = try flags("public_sector", count: n)
            p.pensionInPayment = try values("pension_in_payment", .float32, Float.self, count: n)
            p.takeUpDraw = try values("take_up_draw", .float32, Float.self, count: n)
            p.complianceDraw = try values("compliance_draw", .float32, Float.self, count: n)
            p.transitionDraw = try values("transition_draw", .float32, Float.self, count: n)
            p.benefitDraw = try values("benefit_draw", .float32, Float.self, count: n)
            if let problem = p.structuralProblem() {
                throw InputError(file: file, problem: "the population in the file is inconsistent (\(problem))", fix: "the file is damaged; write it again with 'spsim population convert'")
            }
            return p
        }
    }

    /// One column to write: its name, kind, element count, checksum and bytes.
    struct Column {
        var name: String
        var kind: Kind
        var count: Int
        var checksum: UInt64
        var bytes: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void
        var byteCount: Int { count * kind.width }

        static func numeric<T>(_ name: String, _ kind: Kind, _ values: [T]) -> Column {
            Column(name: name, kind: kind, count: values.count, checksum: XXHash64.hash(values)) { body in try values.withUnsafeBytes { try body($0) } }
        }

        static func bytes(_ name: String, _ kind: Kind, _ values: [UInt8]) -> Column {
            numeric(name, kind, values)
        }

        static func all(of p: Population) -> [Column] {
            [
                numeric("household_id", .int64, p.householdID),
                numeric("household_weight", .float64, p.householdWeight),
                numeric("pmt_score", .float64, p.pmtScore),
                numeric("first_person", .int32, p.firstPerson),
                numeric("household_draw", .float32, p.householdDraw),
                numeric("self_employment_income", .float64, p.selfEmploymentIncome),
                numeric("remittance_income", .float64, p.remittanceIncome),
                numeric("property_income", .float64, p.propertyIncome),
                numeric("transfer_income", .float64, p.transferIncome),
                numeric("consumption", .float64, p.consumption),
                numeric("person_id", .int64, p.personID),
                numeric("age", .uint8, p.age),
                bytes("sex", .code, p.sex.map(\.rawValue)),
                bytes("province", .code, p.province.map(\.rawValue)),
                bytes("urban", .flag, p.urban.map { $0 ? 1 : 0 }),
                bytes("labour_status", .code, p.labourStatus.map(\.rawValue)),
                bytes("sector", .code, p.sector.map(\.rawValue)),
                bytes("formal", .flag, p.formal.map { $0 ? 1 : 0 }),
                bytes("worker_group", .code, p.workerGroup.map(\.rawValue)),
                numeric("monthly_earnings", .float64, p.monthlyEarnings),
                numeric("contributory_years", .uint16, p.contributoryYears),
                bytes("disabled", .flag, p.disabled.map { $0 ? 1 : 0 }),
                bytes("school_level", .code, p.schoolLevel.map(\.rawValue)),
                bytes("birth_in_year", .flag, p.birthInYear.map { $0 ? 1 : 0 }),
                bytes("public_sector", .flag, p.publicSector.map { $0 ? 1 : 0 }),
                numeric("pension_in_payment", .float32, p.pensionInPayment),
                numeric("take_up_draw", .float32, p.takeUpDraw),
                numeric("compliance_draw", .float32, p.complianceDraw),
                numeric("transition_draw", .float32, p.transitionDraw),
                numeric("benefit_draw", .float32, p.benefitDraw),
            ]
        }
    }
}

/// A population file of either format: a binary `.spop` file (recognised by its first
/// bytes) or a person-level CSV. What `--population` reads.
public enum PopulationFile {
    /// Reads `url` as `.spop` when it starts with the `.spop` magic bytes, otherwise as
    /// CSV; a file named `*.spop` without them is refused (it is not what its name says).
    public static func read(_ url: URL, seed: UInt64, showProgress: Bool = true) throws -> Population {
        if PopulationBinary.isBinary(url) || url.pathExtension.lowercased() == PopulationBinary.fileExtension {
            return try PopulationBinary.read(url, seed: seed)
        }
        return try PopulationCSV.read(url, seed: seed, showProgress: showProgress)
    }

    /// Writes `population` as `.spop` when `url` ends in `.spop`, otherwise as CSV.
    public static func write(_ population: Population, seed: UInt64, source: String, to url: URL) throws {
        if url.pathExtension.lowercased() == PopulationBinary.fileExtension {
            try PopulationBinary.write(population, seed: seed, source: source, to: url)
        } else {
            try PopulationCSV.write(population, to: url)
        }
    }
}
