/// XXH64 (Yann Collet's xxHash, 64-bit variant, as specified in xxhash's
/// doc/xxhash_spec.md): a fast non-cryptographic checksum, used by the binary
/// population format to detect damaged or truncated columns. Reads several GB/s,
/// so checking a 400 MB population costs a fraction of reading it. Not a defence
/// against deliberate tampering (that is what SHA-256 in the manifests is for).
public enum XXHash64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(acc &+ lane &* prime2, 31) &* prime1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        (acc ^ round(0, value)) &* prime1 &+ prime4
    }

    /// The XXH64 digest of `bytes` under `seed`.
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let length = bytes.count
        guard let base = bytes.baseAddress else { return finish(seed &+ prime5, base: nil, from: 0, to: 0) }
        var offset = 0
        var acc: UInt64
        if length >= 32 {
            var v1 = seed &+ prime1 &+ prime2, v2 = seed &+ prime2, v3 = seed, v4 = seed &- prime1
            while offset + 32 <= length {
                v1 = round(v1, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
                v2 = round(v2, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
                v3 = round(v3, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
                v4 = round(v4, UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
                offset += 32
            }
            acc = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
            acc = merge(acc, v1); acc = merge(acc, v2); acc = merge(acc, v3); acc = merge(acc, v4)
        } else {
            acc = seed &+ prime5
        }
        acc = acc &+ UInt64(length)
        return finish(acc, base: base, from: offset, to: length)
    }

    /// The digest of an array's bytes.
    public static func hash<T>(_ values: [T], seed: UInt64 = 0) -> UInt64 {
        values.withUnsafeBytes { hash($0, seed: seed) }
    }

    @inline(__always) private static func finish(_ start: UInt64, base: UnsafeRawPointer?, from: Int, to length: Int) -> UInt64 {
        var acc = start
        var offset = from
        if let base {
            while offset + 8 <= length {
                let lane = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                acc ^= round(0, lane)
                acc = rotl(acc, 27) &* prime1 &+ prime4
                offset += 8
            }
            if offset + 4 <= length {
                let lane = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                acc ^= lane &* prime1
                acc = rotl(acc, 23) &* prime2 &+ prime3
                offset += 4
            }
            while offset < length {
                let byte = UInt64(base.load(fromByteOffset: offset, as: UInt8.self))
                acc ^= byte &* prime5
                acc = rotl(acc, 11) &* prime1
                offset += 1
            }
        }
        acc ^= acc >> 33
        acc = acc &* prime2
        acc ^= acc >> 29
        acc = acc &* prime3
        acc ^= acc >> 32
        return acc
    }
}
