import Foundation
import Testing
@testable import Reports

/// Renders the HTML report in a real browser (headless Chromium, Debian package `chromium`)
/// and checks the screenshot: a PNG of the window's size that is not blank. Skipped with a
/// message when Chromium is not installed; CI installs it (see .ci/run).
@Suite(.serialized) struct BrowserRenderTests {
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()

    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The repository root (this file is Tests/ReportsTests/BrowserRenderTests.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let width = 1280, height = 2400

    /// Runs a program, killing it after `limit` seconds (a hung browser must not hang the tests).
    static func run(_ executable: String, _ arguments: [String], limit: TimeInterval = 90) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func screenshot(_ page: URL, to png: URL, profile: URL) throws {
        guard let chromium else { return }
        _ = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                               "--user-data-dir=\(profile.path)", "--screenshot=\(png.path)",
                               "--window-size=\(width),\(height)", page.absoluteString])
    }

    /// Width and height from the PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    struct PixelFacts: Decodable {
        var width: Int
        var height: Int
        var distinct_colours: Int
        var non_white_fraction: Double
        var luminance_stddev: Double
    }

    static func pixelFacts(_ png: URL) throws -> PixelFacts? {
        guard let python else { return nil }
        let script = repositoryRoot.appendingPathComponent("scripts/png-stats").path
        let result = try run(python, [script, png.path])
        guard result.status == 0 else { return nil }
        return try JSONDecoder().decode(PixelFacts.self, from: Data(result.output.utf8))
    }

    /// CI sets SPSIM_REQUIRE_BROWSER=1 so that a missing browser fails instead of skipping.
    @Test func browserPresentWhenRequired() {
        if ProcessInfo.processInfo.environment["SPSIM_REQUIRE_BROWSER"] == "1" {
            #expect(Self.chromium != nil, "SPSIM_REQUIRE_BROWSER=1 but no chromium on PATH: install the Debian package `chromium`")
            #expect(Self.python != nil, "SPSIM_REQUIRE_BROWSER=1 but no python3 to decode the screenshot")
        }
    }

    @Test(.enabled(if: chromium != nil, "Chromium is not installed: install the Debian package `chromium` (apt-get install chromium) to run the browser render test"))
    func reportRendersInChromium() throws {
        let folder = try SyntheticResults.makeFolder()
        defer { SyntheticResults.remove(folder) }
        try ReportWriter.write(resultsDirectory: folder)
        let png = folder.appendingPathComponent("report.png")
        try Self.screenshot(folder.appendingPathComponent("report.html"), to: png, profile: folder.appendingPathComponent("profile"))
        let data = try Data(contentsOf: png)
        let size = try #require(Self.pngSize(data), "the screenshot is not a PNG")
        #expect(size.0 == Self.width && size.1 == Self.height)
        if let facts = try Self.pixelFacts(png) {
            #expect(facts.distinct_colours > 50, "too few colours: the page looks blank")
            #expect(facts.non_white_fraction > 0.02)
            #expect(facts.luminance_stddev > 10)
        } else {
            // Without python3, a blank page still shows up as tiny compressed image data.
            #expect(data.count > 40_000)
        }
    }

    /// The check above can fail: an empty page gives a one-colour screenshot.
    @Test(.enabled(if: chromium != nil && python != nil, "Chromium or python3 is not installed: skipping the blank-page control"))
    func blankPageIsDetectedAsBlank() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-blank-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { SyntheticResults.remove(folder) }
        let page = folder.appendingPathComponent("blank.html")
        try Data("<!DOCTYPE html><html><body style=\"background:#fff\"></body></html>".utf8).write(to: page)
        let png = folder.appendingPathComponent("blank.png")
        try Self.screenshot(page, to: png, profile: folder.appendingPathComponent("profile"))
        let facts = try #require(try Self.pixelFacts(png))
        #expect(facts.distinct_colours == 1)
        #expect(facts.luminance_stddev == 0)
    }
}
