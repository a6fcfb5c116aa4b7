import SpsimSupport

/// The order of a column sorted ascending by value, ties by position: `order[k]` is the
/// input position of the k-th smallest value. Values must be finite or ±∞ (not NaN);
/// `-0.0` and `0.0` are equal (so they tie and keep their input order).
///
/// Large columns use a stable least-significant-digit radix sort on an order-preserving
/// 64-bit image of each value (4 passes of 16 bits, a pass skipped when all keys share
/// its digit): O(n), and stability gives the tie rule for free. Small columns use the
/// standard library's sort with the same total order, so both give identical results.
func ascendingOrder(_ values: UnsafeBufferPointer<Double>) -> [UInt32] {
    let n = values.count
    if n < 8192 {
        var order = (0..<n).map { UInt32(truncatingIfNeeded: $0) }
        order.sort { a, b in
            let xa = values[Int(a)], xb = values[Int(b)]
            return xa < xb || (xa == xb && a < b)
        }
        return order
    }
    let keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
        for i in 0..<n { buffer[i] = RadixSort.key(values[i]) }
        initialized = n
    }
    return keys.withUnsafeBufferPointer { RadixSort.stableOrder(keys: $0) }
}
