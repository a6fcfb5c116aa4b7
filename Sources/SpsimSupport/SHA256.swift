import Crypto
import Foundation

/// SHA-256 of bytes, as lowercase hexadecimal: the fingerprint a results manifest records
/// for each scenario and population file, so a reader can check that a figure came from
/// exactly that file (`sha256sum FILE` prints the same digest).
///
/// The hashing is swift-crypto's `SHA256`; this type only feeds it and spells the digest.
/// `update` may be called any number of times; `finalizeHex` returns the digest. Files are
/// read in chunks (`hex(ofFileAt:)`), so a large population file is never held in memory.
/// Not `Sendable`: a running digest belongs to one thread.
public struct SHA256Digest {
    private var hasher = Crypto.SHA256()

    /// Bytes read from a file at a time by `hex(ofFileAt:)`.
    public static let fileChunkSize = 1 << 20

    public init() {}

    /// The digest of `data` in one call.
    public static func hex(of data: Data) -> String {
        var digest = SHA256Digest()
        digest.update(data)
        return digest.finalizeHex()
    }

    /// The digest of a file's bytes, read `fileChunkSize` bytes at a time.
    public static func hex(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var digest = SHA256Digest()
        while let chunk = try handle.read(upToCount: fileChunkSize), !chunk.isEmpty {
            digest.update(chunk)
        }
        return digest.finalizeHex()
    }

    public mutating func update(_ data: Data) {
        hasher.update(data: data)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    /// The digest of everything fed so far, as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
