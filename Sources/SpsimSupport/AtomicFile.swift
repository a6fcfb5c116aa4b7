import Foundation

/// Writes files so that a reader never sees a half-written output: the bytes go to a
/// temporary file in the same directory, which is then renamed over the target
/// (rename is atomic within one file system). On failure the target is untouched.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "could not move \(temporary.path) to \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes a large file by streaming chunks from `produce` (which calls `emit` with
    /// successive byte buffers) to a temporary file, then renames it over `url`.
    public static func stream(to url: URL, _ produce: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        guard let handle = fopen(temporary.path, "wb") else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path, NSLocalizedDescriptionKey: "cannot create \(temporary.path): \(String(cString: strerror(errno)))"])
        }
        var closed = false
        do {
            try produce { buffer in
                guard buffer.count > 0 else { return }
                if fwrite(buffer.baseAddress, 1, buffer.count, handle) != buffer.count {
                    throw CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "write to \(url.path) failed: \(String(cString: strerror(errno)))"])
                }
            }
            closed = true
            if fclose(handle) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "closing \(url.path) failed: \(String(cString: strerror(errno)))"])
            }
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: "could not move the finished file to \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            if !closed { fclose(handle) }
            unlink(temporary.path)
            throw error
        }
    }
}
