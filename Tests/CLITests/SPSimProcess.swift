import Foundation
import Testing

/// The built `spsim` executable, run as a user runs it: arguments in, standard output,
/// standard error and the exit status out, from the package root.
struct SPSimProcess {
    struct Outcome: CustomStringConvertible {
        var status: Int32
        var standardOutput: String
        var standardError: String

        var outputLines: [String] { Self.lines(standardOutput) }
        var errorLines: [String] { Self.lines(standardError) }

        static func lines(_ text: String) -> [String] {
            var lines = text.components(separatedBy: "\n")
            if lines.last == "" { lines.removeLast() }
            return lines
        }

        var description: String { "exit status \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)" }
    }

    /// The package root (this file is Tests/CLITests/SPSimProcess.swift).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where the executable is looked for, in order: `SPSIM_BINARY`; the build products
    /// folder that holds this test bundle (where `swift test` builds `spsim`, as the test
    /// target depends on it); `.build/debug/spsim` under the package root.
    static var candidates: [URL] {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let first = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
        folders.append(packageRoot.appendingPathComponent(".build/debug"))
        var result: [URL] = []
        if let path = ProcessInfo.processInfo.environment["SPSIM_BINARY"], !path.isEmpty { result.append(URL(fileURLWithPath: path)) }
        for folder in folders {
            let candidate = folder.appendingPathComponent("spsim").standardizedFileURL
            if !result.contains(candidate) { result.append(candidate) }
        }
        return result
    }

    /// The executable, or nil when it is in none of the candidate places.
    static let executable: URL? = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Runs `spsim arguments` in `directory` (the package root by default) and waits for it.
    /// Output goes to files, not pipes, so a long output cannot block the process.
    static func run(_ arguments: [String], in directory: URL = packageRoot) throws -> Outcome {
        let executable = try #require(executable, "the spsim executable was not found; looked at: \(candidates.map(\.path).joined(separator: ", ")). Build it with 'swift build' (swift test builds it) or set SPSIM_BINARY")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-cli-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Outcome(status: process.terminationStatus,
                       standardOutput: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                       standardError: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A new empty folder for a test's files (removed by the caller).
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The published conformance folder beside the repository (`../shared/conformance`).
    static let conformanceFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    static var hasConformanceData: Bool {
        FileManager.default.fileExists(atPath: conformanceFolder.appendingPathComponent("r1-population-small.csv").path)
    }
}
