/// Stable least-significant-digit radix sort of row positions by 64-bit keys: the one
/// sorting mechanism for large columns (incomes for the weighted statistics, household
/// and person identifiers of imported microdata).
///
/// `stableOrder(keys:)` returns the positions 0..<n ordered by ascending key, ties in
/// position order; `stableOrder(keys:after:)` does the same starting from a given order,
/// so sorting by a secondary key first and then by a primary key gives the order by
/// (primary, secondary, position). Four passes of 16 bits; a pass is skipped when every
/// key has the same digit there (identifiers below 65,536 households cost one pass).
/// O(n) time; memory: two key and two position columns (24 bytes per row).
public enum RadixSort {
    /// Positions whose keys are ascending; ties keep position order. n < 2³² rows.
    public static func stableOrder(keys: UnsafeBufferPointer<UInt64>) -> [UInt32] {
        let n = keys.count
        let identity = [UInt32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n { buffer[i] = UInt32(truncatingIfNeeded: i) }
            initialized = n
        }
        return stableOrder(keys: keys, after: identity)
    }

    /// `order` (a permutation of 0..<n) reordered stably by `keys[order[k]]`.
    public static func stableOrder(keys: UnsafeBufferPointer<UInt64>, after order: [UInt32]) -> [UInt32] {
        let n = keys.count
        // A programming invariant, never input: the callers pass the identity or an order
        // this type returned for the same n (CSVAssembly's person order), never user data.
        precondition(order.count == n, "the order must hold every position once")
        guard n > 1 else { return order }
        var sortedKeys = [UInt64](unsafeUninitializedCapacity: n) { buffer, initialized in
            order.withUnsafeBufferPointer { o in
                for k in 0..<n { buffer[k] = keys[Int(o[k])] }
            }
            initialized = n
        }
        var positions = order
        let radix = 1 << 16
        var counts = [Int](repeating: 0, count: 4 * radix)
        counts.withUnsafeMutableBufferPointer { c in
            for key in sortedKeys {
                c[Int(key & 0xFFFF)] += 1
                c[radix + Int((key >> 16) & 0xFFFF)] += 1
                c[2 * radix + Int((key >> 32) & 0xFFFF)] += 1
                c[3 * radix + Int(key >> 48)] += 1
            }
        }
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchPositions = [UInt32](repeating: 0, count: n)
        for pass in 0..<4 {
            let shift = UInt64(16 * pass)
            let base = pass * radix
            let skip = counts.withUnsafeMutableBufferPointer { c -> Bool in
                // All keys in one bucket: this digit does not reorder anything.
                if c[base + Int((sortedKeys[0] >> shift) & 0xFFFF)] == n { return true }
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
                sortedKeys.withUnsafeBufferPointer { k in
                    positions.withUnsafeBufferPointer { o in
                        scratchKeys.withUnsafeMutableBufferPointer { sk in
                            scratchPositions.withUnsafeMutableBufferPointer { so in
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
            swap(&sortedKeys, &scratchKeys)
            swap(&positions, &scratchPositions)
        }
        return positions
    }

    /// The key of a signed integer whose unsigned order is the numeric order.
    @inline(__always) public static func key(_ x: Int64) -> UInt64 {
        UInt64(bitPattern: x) ^ (1 << 63)
    }

    /// The key of a double whose unsigned order is the numeric order (not NaN): negative
    /// numbers have all bits flipped, others only the sign bit; `-0.0` becomes `0.0` first.
    @inline(__always) public static func key(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
