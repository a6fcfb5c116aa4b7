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
    var keys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
        for i in 0..<n { buffer[i] = orderPreservingKey(values[i]) }
        initialized = n
    }
    var order = [UInt32](unsafeUninitializedCapacity: n) { buffer, initialized in
        for i in 0..<n { buffer[i] = UInt32(truncatingIfNeeded: i) }
        initialized = n
    }
    let radix = 1 << 16
    var counts = [Int](repeating: 0, count: 4 * radix)
    counts.withUnsafeMutableBufferPointer { c in
        for key in keys {
            c[Int(key & 0xFFFF)] += 1
            c[radix + Int((key >> 16) & 0xFFFF)] += 1
            c[2 * radix + Int((key >> 32) & 0xFFFF)] += 1
            c[3 * radix + Int(key >> 48)] += 1
        }
    }
    var scratchKeys = [UInt64](repeating: 0, count: n)
    var scratchOrder = [UInt32](repeating: 0, count: n)
    for pass in 0..<4 {
        let shift = UInt64(16 * pass)
        let skip = counts.withUnsafeMutableBufferPointer { c -> Bool in
            let base = pass * radix
            // All keys in one bucket: this digit does not reorder anything.
            if c[base + Int((keys[0] >> shift) & 0xFFFF)] == n { return true }
            var running = 0
            for d in 0..<radix {
                let count = c[base + d]
                c[base + d] = running
                running += count
            }
            return false
        }
        if skip { continue }
        counts.withUnsafeMutableBufferPointer { c in
            keys.withUnsafeBufferPointer { k in
                order.withUnsafeBufferPointer { o in
                    scratchKeys.withUnsafeMutableBufferPointer { sk in
                        scratchOrder.withUnsafeMutableBufferPointer { so in
                            let base = pass * radix
                            for i in 0..<n {
                                let digit = base + Int((k[i] >> shift) & 0xFFFF)
                                let target = c[digit]
                                c[digit] = target + 1
                                sk[target] = k[i]
                                so[target] = o[i]
                            }
                        }
                    }
                }
            }
        }
        swap(&keys, &scratchKeys)
        swap(&order, &scratchOrder)
    }
    return order
}

/// Maps a double to a UInt64 whose unsigned order is the numeric order: negative
/// numbers have all bits flipped, others only the sign bit. `-0.0` becomes `0.0` first.
@inline(__always)
func orderPreservingKey(_ x: Double) -> UInt64 {
    let bits = (x + 0.0).bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
}
