import PopulationData

/// The broad age groups of the population projection (the census age structure's):
/// under 15, 15–64, 65 and over.
public enum ProjectionAgeGroup: Int, CaseIterable, Sendable {
    case children = 0, workingAge, older
    /// The code used in the projection file and in messages.
    public var code: String { ["0-14", "15-64", "65+"][rawValue] }
    public init?(code: String) {
        guard let match = ProjectionAgeGroup.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
    @inline(__always) public init(age: UInt8) {
        self = age < 15 ? .children : (age < 65 ? .workingAge : .older)
    }
}

/// Projected numbers of persons in one year: by age group × sex, and by province.
///
/// Both margins describe the same population, so their sums must agree (the loader
/// checks it). Values are persons (not households).
public struct PopulationTargets: Sendable, Equatable {
    public var year: Int
    /// Persons by age group and sex: `ageSex[ageGroup.rawValue][sex.rawValue]`.
    public var ageSex: [[Double]]
    /// Persons by province, indexed by `Province.rawValue`.
    public var province: [Double]
    /// Where the figures come from (for the manifest and messages).
    public var source: String

    public init(year: Int, ageSex: [[Double]], province: [Double], source: String) {
        self.year = year
        self.ageSex = ageSex
        self.province = province
        self.source = source
    }

    /// Total persons (the sum of the age × sex cells).
    public var total: Double { ageSex.joined().reduce(0, +) }

    public func persons(_ group: ProjectionAgeGroup, _ sex: Sex) -> Double { ageSex[group.rawValue][Int(sex.rawValue)] }
    public func persons(_ province: Province) -> Double { self.province[Int(province.rawValue)] }
}
