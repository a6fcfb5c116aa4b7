import Foundation
import SpsimSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a results folder as a whole, so that a reader (or a `kill -9`) never finds it
/// half-written: the new contents go into a temporary sibling `.DIR.tmp-<pid>-<random>`,
/// which is then exchanged with DIR in one `renameat2(RENAME_EXCHANGE)` (or, where the
/// system lacks it, DIR is renamed to `.DIR.old-<pid>-<random>` and the new folder renamed
/// into place; a folder left missing between the two renames is restored from the old one
/// by the next writer). The previous contents are then deleted.
///
/// `begin` takes a non-blocking `flock` on the sibling `.DIR.lock` (holding the writer's
/// pid) for as long as the writer lives, so two runs never write one folder; while it holds
/// the lock it removes the temporary and old folders that killed runs left beside DIR
/// (no live writer can own them: a live writer would hold the lock).
public final class ResultsFolderWriter: @unchecked Sendable {
    /// The results folder (standardised).
    public let directory: URL
    /// The path as the user gave it, for messages.
    public let givenPath: String
    private let parent: URL
    private let name: String
    private var lockDescriptor: Int32 = -1
    /// Stale folders removed by `begin` (for logs and tests).
    public private(set) var removedStale: [String] = []

    /// The lock file beside `directory`.
    public static func lockURL(for directory: URL) -> URL {
        let d = directory.standardizedFileURL
        return d.deletingLastPathComponent().appendingPathComponent(".\(d.lastPathComponent).lock")
    }

    /// Checks the path (`option` names the command-line option in messages), takes the
    /// lock and cleans what killed runs left. Throws an `InputError` when the path is empty
    /// or an existing regular file, or when another run holds the lock.
    public static func begin(_ path: String, option: String = "--out") throws -> ResultsFolderWriter {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputError(file: option, problem: "the results folder is empty", value: path, fix: "give a folder, e.g. \(option) results/my-run")
        }
        let directory = URL(fileURLWithPath: path).standardizedFileURL
        let name = directory.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else {
            throw InputError(file: path, column: option, problem: "not a folder spsim can replace", value: path, fix: "give a folder below the current one, e.g. \(option) results/my-run")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw InputError(file: path, column: option, problem: "this is an existing file, not a results folder", value: path,
                             fix: "give a folder with \(option) (spsim replaces the whole folder), or move the file away")
        }
        let writer = ResultsFolderWriter(directory: directory, givenPath: path)
        try writer.lock(option: option)
        writer.recover()
        return writer
    }

    private init(directory: URL, givenPath: String) {
        self.directory = directory
        self.givenPath = givenPath
        self.parent = directory.deletingLastPathComponent()
        self.name = directory.lastPathComponent
    }

    deinit { finish() }

    /// Releases the lock (the lock file stays: removing it would let two runs lock different files).
    public func finish() {
        if lockDescriptor >= 0 {
            close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    private func lock(option: String) throws {
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw InputError(file: givenPath, column: option, problem: "cannot create the folder \(parent.path): \(FileProblem.sentence(error))", fix: "check the path and your permission to write there, or choose another \(option)")
        }
        let lockPath = Self.lockURL(for: directory).path
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw InputError(file: lockPath, column: option, problem: "cannot open the lock file: \(reason)", fix: "check your permission to write in \(parent.path), or choose another \(option)")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &buffer, 31, 0)
            close(fd)
            if busy {
                let pid = count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "unknown"
                throw InputError(file: givenPath, column: option, problem: "this folder is being written by another spsim run (pid \(pid)); wait for it or choose another \(option)",
                                 fix: "run again when that run has finished, or give a different \(option) folder")
            }
            throw InputError(file: lockPath, column: option, problem: "cannot lock the results folder: \(reason)", fix: "choose another \(option)")
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { pwrite(fd, $0, strlen($0), 0) }
        lockDescriptor = fd
    }

    /// Names of the siblings a writer of this folder makes.
    private var temporaryPrefix: String { ".\(name).tmp-" }
    private var oldPrefix: String { ".\(name).old-" }

    /// With the lock held: puts back a folder lost between the two renames of the fallback
    /// swap, then removes every temporary or old sibling (their writers are gone).
    private func recover() {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        if !fm.fileExists(atPath: directory.path),
           let old = entries.filter({ $0.hasPrefix(oldPrefix) }).sorted().last {
            if rename(parent.appendingPathComponent(old).path, directory.path) == 0 { removedStale.append("restored \(old)") }
        }
        for entry in entries where entry.hasPrefix(temporaryPrefix) || entry.hasPrefix(oldPrefix) {
            let url = parent.appendingPathComponent(entry)
            guard fm.fileExists(atPath: url.path) else { continue }
            if (try? fm.removeItem(at: url)) != nil { removedStale.append(entry) }
        }
    }

    /// A fresh temporary sibling name.
    private func sibling(_ prefix: String) -> URL {
        parent.appendingPathComponent("\(prefix)\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// Writes the new folder and swaps it in. `fill` writes every file into the temporary
    /// folder it is given (a copy of the current folder when `copyingExisting`, else empty);
    /// `beforeSwap` runs between writing and swapping (tests use it to fail there). If
    /// either throws, the temporary folder is removed and DIR is as it was.
    /// Errors from the file system are thrown as one-line `InputError`s naming the path.
    public func replace(copyingExisting: Bool = false, beforeSwap: (URL) throws -> Void = { _ in }, _ fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let temporary = sibling(temporaryPrefix)
        do {
            do {
                if copyingExisting, fm.fileExists(atPath: directory.path) {
                    try fm.copyItem(at: directory, to: temporary)
                } else {
                    try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
                }
            } catch {
                throw InputError(file: givenPath, problem: "cannot prepare the new results folder \(temporary.path): \(FileProblem.sentence(error))",
                                 fix: "check your permission to write in \(parent.path) and the free disk space, or choose another --out")
            }
            try fill(temporary)
            try beforeSwap(temporary)
            try swap(in: temporary)
        } catch {
            try? fm.removeItem(at: temporary)
            throw FileProblem.inputError(error, path: givenPath, action: "write the results folder")
        }
    }

    private func swap(in temporary: URL) throws {
        guard FileManager.default.fileExists(atPath: directory.path) else {
            if rename(temporary.path, directory.path) != 0 { throw posix("move the new folder into place") }
            return
        }
        if Self.exchange(temporary.path, directory.path) {
            try? FileManager.default.removeItem(at: temporary)   // now holds the previous contents
            return
        }
        let old = sibling(oldPrefix)
        if rename(directory.path, old.path) != 0 { throw posix("move the previous folder aside") }
        if rename(temporary.path, directory.path) != 0 {
            let failure = posix("move the new folder into place")
            _ = rename(old.path, directory.path)
            throw failure
        }
        try? FileManager.default.removeItem(at: old)
    }

    private func posix(_ action: String) -> InputError {
        let reason = String(cString: strerror(errno))
        return InputError(file: givenPath, problem: "could not \(action): \(reason)", fix: "check your permission to write in \(parent.path), or choose another --out")
    }

    #if os(Linux)
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
    /// glibc's renameat2, looked up at run time (older C libraries lack it).
    private static let renameat2Function: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif

    /// Exchanges two paths atomically; false when the system or file system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        guard let function = renameat2Function else { return false }
        let atCurrentDirectory: Int32 = -100   // AT_FDCWD
        let renameExchange: UInt32 = 1 << 1    // RENAME_EXCHANGE
        return function(atCurrentDirectory, a, atCurrentDirectory, b, renameExchange) == 0
        #else
        return false
        #endif
    }
}

/// File-system errors as plain sentences: Foundation's `NSCocoaErrorDomain` texts are never shown.
public enum FileProblem {
    /// "permission denied", "no such file or folder", … for any error a file operation throws.
    public static func sentence(_ error: Error) -> String {
        if let error = error as? POSIXError { return String(cString: strerror(error.code.rawValue)).lowercased() }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))).lowercased() }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        if let error = error as? CocoaError {
            switch error.code {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "the disk is full"
            case .fileWriteVolumeReadOnly: return "the disk is read-only"
            case .fileWriteFileExists: return "a file of that name is in the way"
            case .fileReadCorruptFile: return "the file is damaged"
            case .fileReadInapplicableStringEncoding: return "the file is not in the expected text encoding"
            default: break
            }
        }
        return "the file system refused the operation"
    }

    /// `error` as it should reach the user: spsim's own input errors unchanged, anything
    /// else as one `InputError` naming `path`.
    public static func inputError(_ error: Error, path: String, action: String) -> Error {
        let domain = (error as NSError).domain
        guard error is CocoaError || error is POSIXError || domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain else { return error }
        return InputError(file: path, problem: "could not \(action): \(sentence(error))", fix: "check the path, your permission to write there and the free disk space, or choose another --out")
    }
}
