/// SplitMix64's output function (Steele, Lea & Flood 2014): the one 64-bit mixer behind
/// every hashed draw and derived seed in spsim (stored draws, replicate seeds, GSL stream
/// seeds, uncertain-assumption draws, event draws). Each caller mixes its own inputs in
/// first; the finaliser is shared so that it is written, and checked, once.
public enum SplitMix64 {
    @inline(__always)
    public static func finalise(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
