import Synchronization

/// A fixed number of slots filled by parallel work (each index by one worker) and read
/// once the work is done: the generator's demography blocks, the comparison's scenarios.
/// The slots sit behind a `Mutex`, so the class is `Sendable` as checked by the compiler.
public final class ResultSlots<Value: Sendable>: Sendable {
    private let values: Mutex<[Value?]>

    public init(count: Int) {
        values = Mutex([Value?](repeating: nil, count: count))
    }

    public var count: Int { values.withLock { $0.count } }

    public subscript(_ index: Int) -> Value? {
        get { values.withLock { $0[index] } }
        set { values.withLock { $0[index] = newValue } }
    }

    /// Removes and returns the value (frees its memory early).
    public func take(_ index: Int) -> Value? {
        values.withLock { slots in
            let value = slots[index]
            slots[index] = nil
            return value
        }
    }
}
