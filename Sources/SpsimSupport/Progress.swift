import Foundation
import Synchronization

/// A single self-overwriting progress line on standard error, shown only when standard
/// error is a terminal (so logs, pipes and CI stay clean). Updates are rate-limited.
/// Callable from several threads: the time of the last update is behind a `Mutex`, which
/// also keeps two threads from writing the line at once.
public final class ProgressLine: Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let lastUpdate = Mutex<UInt64>(0)

    public init(_ label: String, total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = max(1, total)
        self.enabled = enabled
    }

    public func update(_ done: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        lastUpdate.withLock { last in
            guard now - last > 100_000_000 || done >= total else { return }
            last = now
            let percent = min(100, done * 100 / total)
            FileHandle.standardError.write(Data("\r\(label): \(percent)% (\(done)/\(total))\u{1B}[K".utf8))
        }
    }

    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Counts finished steps reported from several threads (e.g. for a `ProgressLine`).
public final class ProgressCounter: Sendable {
    private let count = Atomic<Int>(0)
    public init() {}
    /// Adds one and returns the new count.
    public func increment() -> Int { count.wrappingAdd(1, ordering: .relaxed).newValue }
}
