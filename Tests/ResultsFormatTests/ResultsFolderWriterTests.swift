import Foundation
import SpsimSupport
import Testing
@testable import ResultsFormat
#if canImport(Glibc)
import Glibc
#endif

/// A scratch parent folder with a results folder path inside it.
struct Scratch {
    let parent: URL
    let folder: URL
    init() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        folder = parent.appendingPathComponent("out")
    }
    func remove() { try? FileManager.default.removeItem(at: parent) }
    func siblings() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "out" && $0 != ".out.lock" }.sorted()
    }
    func text(_ name: String) throws -> String { try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) }
}

struct SimulatedCrash: Error {}

@Suite(.serialized) struct ResultsFolderWriterTests {
    @Test func replacesTheFolderAsAWhole() throws {
        let s = try Scratch()
        defer { s.remove() }
        let writer = try ResultsFolderWriter.begin(s.folder.path)
        try writer.replace { try AtomicFile.write("one", to: $0.appendingPathComponent("a.txt")); try AtomicFile.write("old", to: $0.appendingPathComponent("stale.txt")) }
        try writer.replace { try AtomicFile.write("two", to: $0.appendingPathComponent("a.txt")) }
        writer.finish()
        #expect(try s.text("a.txt") == "two")
        // A whole replacement: files of the previous contents are gone.
        #expect(!FileManager.default.fileExists(atPath: s.folder.appendingPathComponent("stale.txt").path))
        #expect(try s.siblings() == [])
    }

    @Test func aFailureBetweenWritingAndSwappingLeavesTheOldFolderIntact() throws {
        let s = try Scratch()
        defer { s.remove() }
        let writer = try ResultsFolderWriter.begin(s.folder.path)
        defer { writer.finish() }
        try writer.replace { try AtomicFile.write("complete old", to: $0.appendingPathComponent("a.txt")) }
        var written: URL?
        #expect(throws: SimulatedCrash.self) {
            try writer.replace(beforeSwap: { folder in written = folder; throw SimulatedCrash() }) { folder in
                try AtomicFile.write("complete new", to: folder.appendingPathComponent("a.txt"))
                try AtomicFile.write("new file", to: folder.appendingPathComponent("b.txt"))
            }
        }
        #expect(try s.text("a.txt") == "complete old")
        #expect(!FileManager.default.fileExists(atPath: s.folder.appendingPathComponent("b.txt").path))
        // The new folder was written beside the old one and removed on failure.
        #expect(written?.lastPathComponent.hasPrefix(".out.tmp-\(getpid())-") == true)
        #expect(try s.siblings() == [])
    }

    @Test func copyingExistingKeepsTheFilesAndAddsNewOnes() throws {
        let s = try Scratch()
        defer { s.remove() }
        let writer = try ResultsFolderWriter.begin(s.folder.path)
        defer { writer.finish() }
        try writer.replace { try AtomicFile.write("data", to: $0.appendingPathComponent("comparison.csv")) }
        try writer.replace(copyingExisting: true) { try AtomicFile.write("report", to: $0.appendingPathComponent("report.html")) }
        #expect(try s.text("comparison.csv") == "data")
        #expect(try s.text("report.html") == "report")
    }

    @Test func aSecondWriterIsRefusedWhileTheLockIsHeld() throws {
        let s = try Scratch()
        defer { s.remove() }
        // Another run holds the lock: take it here by hand, as that run would, with its pid.
        let lockPath = ResultsFolderWriter.lockURL(for: s.folder).path
        #expect(lockPath == s.parent.appendingPathComponent(".out.lock").path)
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        _ = "4242\n".withCString { write(fd, $0, 5) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let error = try #require(throws: InputError.self) { try ResultsFolderWriter.begin(s.folder.path) }
        #expect(error.description == "\(s.folder.path) [--out]: this folder is being written by another spsim run (pid 4242); wait for it or choose another --out. Fix: run again when that run has finished, or give a different --out folder")
        close(fd)
        // Once released, the folder can be written; a writer records its own pid.
        let writer = try ResultsFolderWriter.begin(s.folder.path)
        #expect(try String(contentsOfFile: lockPath, encoding: .utf8) == "\(getpid())\n")
        let second = try #require(throws: InputError.self) { try ResultsFolderWriter.begin(s.folder.path + "/") }
        #expect(second.problem.contains("(pid \(getpid()))"))
        writer.finish()
        try ResultsFolderWriter.begin(s.folder.path).finish()
    }

    @Test func staleFoldersOfKilledRunsAreRemovedAndALostFolderRestored() throws {
        let s = try Scratch()
        defer { s.remove() }
        let fm = FileManager.default
        // What kill -9 leaves: a half-written temporary folder of a dead pid, an old folder
        // between the two renames of the fallback swap (no `out` at all).
        let temporary = s.parent.appendingPathComponent(".out.tmp-999999-1")
        let old = s.parent.appendingPathComponent(".out.old-999999-2")
        try fm.createDirectory(at: temporary, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: temporary.appendingPathComponent("comparison.csv"))
        try fm.createDirectory(at: old, withIntermediateDirectories: true)
        try Data("previous".utf8).write(to: old.appendingPathComponent("manifest.json"))
        // Another folder's temporaries are not ours to touch.
        let other = s.parent.appendingPathComponent(".other.tmp-999999-3")
        try fm.createDirectory(at: other, withIntermediateDirectories: true)

        let writer = try ResultsFolderWriter.begin(s.folder.path)
        writer.finish()
        #expect(writer.removedStale == ["restored .out.old-999999-2", ".out.tmp-999999-1"])
        #expect(try s.text("manifest.json") == "previous")
        #expect(try s.siblings() == [".other.tmp-999999-3"])
    }

    @Test func anEmptyOutOrAnExistingFileIsRefused() throws {
        let s = try Scratch()
        defer { s.remove() }
        let empty = try #require(throws: InputError.self) { try ResultsFolderWriter.begin("") }
        #expect(empty.description == "--out: the results folder is empty; found ''. Fix: give a folder, e.g. --out results/my-run")
        let file = s.parent.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        let error = try #require(throws: InputError.self) { try ResultsFolderWriter.begin(file.path) }
        #expect(error.description == "\(file.path) [--out]: this is an existing file, not a results folder; found '\(file.path)'. Fix: give a folder with --out (spsim replaces the whole folder), or move the file away")
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }

    @Test func fileSystemErrorsArePlainSentencesNamingThePath() throws {
        let s = try Scratch()
        defer { s.remove() }
        let file = s.parent.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        // A folder inside a regular file cannot be created.
        let path = file.path + "/run"
        let error = try #require(throws: InputError.self) { try ResultsFolderWriter.begin(path) }
        #expect(error.file == path)
        #expect(error.description == "\(path) [--out]: cannot create the folder \(file.path): a file of that name is in the way. Fix: check the path and your permission to write there, or choose another --out")
        #expect(!error.description.contains("NSCocoaErrorDomain"))
        #expect(!error.description.contains("Error Domain"))
        // A Foundation error thrown while filling is translated too.
        let writer = try ResultsFolderWriter.begin(s.folder.path)
        defer { writer.finish() }
        let fill = try #require(throws: InputError.self) {
            try writer.replace { folder in _ = try Data(contentsOf: folder.appendingPathComponent("missing.csv")) }
        }
        #expect(fill.description == "\(s.folder.path): could not write the results folder: no such file or directory. Fix: check the path, your permission to write there and the free disk space, or choose another --out"
                || fill.description == "\(s.folder.path): could not write the results folder: no such file or folder. Fix: check the path, your permission to write there and the free disk space, or choose another --out")
    }
}
