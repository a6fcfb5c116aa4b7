import Foundation

/// A single self-overwriting progress line on standard error, shown only when standard
/// error is a terminal (so logs, pipes and CI stay clean). Updates are rate-limited.
public final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private var lastUpdate: UInt64 = 0
    private let lock = NSLock()

    public init(_ label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = max(1, total)
        self.enabled = enabled
    }

    public func update(_ done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock(); defer { lock.unlock() }
        guard now - lastUpdate > 100_000_000 || done >= total else { return }
        lastUpdate = now
        let percent = min(100, done * 100 / total)
        FileHandle.standardError.write(Data("\r\(label): \(percent)% (\(done)/\(total))\u{1B}[K".utf8))
    }

    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
