import SpsimSupport

/// The stored random draws of a population are pure functions of
/// `(seed, column, identifier)`: a person's draw in a column depends only on the seed,
/// which column it is, and the person's `person_id` (the household draw on the
/// `household_id`). So a generated population written to CSV and read back with the same
/// seed has identical draws, an imported population gets the same draws whatever order
/// its rows come in, and no draw depends on the number of threads.
///
/// The function is SplitMix64's finaliser (Steele, Lea & Flood 2014) applied to a mix of
/// the three inputs; the top 24 bits become a `Float` in [0, 1) (every value exactly
/// representable, so the draw prints and reads back exactly).
public enum StoredDraw: UInt64, CaseIterable, Sendable {
    /// Person: take-up of schemes (registration, enrolment). Column `takeUpDraw`.
    case takeUp = 1
    /// Person: employer compliance with the minimum wage. Column `complianceDraw`.
    case compliance = 2
    /// Person: job and status transitions over a projection. Column `transitionDraw`.
    case transition = 3
    /// Person: take-up of person-level non-contributory benefits. Column `benefitDraw`.
    case benefit = 4
    /// Household: e.g. a household's take-up of a transfer. Column `householdDraw`.
    case household = 5
    /// Person: school enrolment (`Population.assignSchooling`); only the attribute is stored.
    case schooling = 6
    /// Person: a birth in the year (`Population.assignBirths`); only the attribute is stored.
    case birth = 7

    /// The uniform draw in [0, 1) for `identifier` in this column under `seed`.
    @inline(__always)
    public func uniform(seed: UInt64, identifier: Int64) -> Float {
        var z = seed &* 0x9E37_79B9_7F4A_7C15
        z ^= rawValue &* 0xD1B5_4A32_D192_ED03
        z = StoredDraw.mix(z)
        z ^= UInt64(bitPattern: identifier) &* 0xBF58_476D_1CE4_E5B9
        z = StoredDraw.mix(z &+ 0x9E37_79B9_7F4A_7C15)
        return Float(z >> 40) * (1.0 / 16_777_216.0)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 { SplitMix64.finalise(value) }
}

extension Population {
    /// Fills every stored-draw column from `seed` and the identifiers (see `StoredDraw`).
    /// Person identifiers and household identifiers must already be set.
    public mutating func assignStoredDraws(seed: UInt64) {
        let n = personCount
        takeUpDraw = [Float](repeating: 0, count: n)
        complianceDraw = [Float](repeating: 0, count: n)
        transitionDraw = [Float](repeating: 0, count: n)
        benefitDraw = [Float](repeating: 0, count: n)
        for p in 0..<n {
            let id = personID[p]
            takeUpDraw[p] = StoredDraw.takeUp.uniform(seed: seed, identifier: id)
            complianceDraw[p] = StoredDraw.compliance.uniform(seed: seed, identifier: id)
            transitionDraw[p] = StoredDraw.transition.uniform(seed: seed, identifier: id)
            benefitDraw[p] = StoredDraw.benefit.uniform(seed: seed, identifier: id)
        }
        householdDraw = householdID.map { StoredDraw.household.uniform(seed: seed, identifier: $0) }
    }
}
