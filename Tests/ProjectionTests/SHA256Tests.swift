import Foundation
import Testing
import SpsimSupport

@Suite("SHA-256 fingerprints")
struct SHA256Tests {
    /// The digest `sha256sum` prints for the bytes (an independent implementation).
    static func reference(_ data: Data) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-sha-\(UUID().uuidString)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init)
    }

    @Test("matches sha256sum at every padding edge", arguments: [0, 1, 3, 55, 56, 63, 64, 65, 119, 128, 1000, 100_003])
    func matchesSha256sum(length: Int) throws {
        let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 7) }
        let data = Data(bytes)
        let expected = try #require(try Self.reference(data))
        #expect(SHA256Digest.hex(of: data) == expected)
        // Fed in uneven pieces, the digest is the same.
        var digest = SHA256Digest()
        var start = 0, piece = 1
        while start < data.count {
            let end = min(data.count, start + piece)
            digest.update(data.subdata(in: start..<end))
            start = end
            piece = piece * 3 % 97 + 1
        }
        #expect(digest.finalizeHex() == expected)
    }

    @Test("a file is read in chunks and gives the digest of its bytes", arguments: [0, 1, SHA256Digest.fileChunkSize, 2 * SHA256Digest.fileChunkSize + 12_345])
    func fileDigest(length: Int) throws {
        let data = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) })
        let expected = try #require(try Self.reference(data))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-sha-file-\(UUID().uuidString)")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SHA256Digest.hex(ofFileAt: url) == expected)
    }

    @Test("a missing file is an error, not a digest")
    func missingFile() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("spsim-sha-missing-\(UUID().uuidString)")
        #expect(throws: (any Error).self) { try SHA256Digest.hex(ofFileAt: url) }
    }
}
