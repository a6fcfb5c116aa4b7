/// Compact categorical codes, one byte each. `code` is the text used in CSV microdata
/// (see `shared/conformance/R1.md`); `label` is the name shown to people.

public enum Sex: UInt8, CaseIterable, Sendable {
    case female = 0, male = 1
    public var code: String { self == .female ? "F" : "M" }
    public var label: String { self == .female ? "women" : "men" }
    public init?(code: String) {
        switch code { case "F": self = .female; case "M": self = .male; default: return nil }
    }
}

public enum Province: UInt8, CaseIterable, Sendable {
    case punjab = 0, sindh, khyberPakhtunkhwa, balochistan, islamabad
    public var code: String { ["PB", "SD", "KP", "BA", "IS"][Int(rawValue)] }
    public var label: String { ["Punjab", "Sindh", "Khyber Pakhtunkhwa", "Balochistan", "Islamabad"][Int(rawValue)] }
    public init?(code: String) {
        guard let match = Province.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}

public enum LabourStatus: UInt8, CaseIterable, Sendable {
    case employee = 0, ownAccount, employer, unpaidFamily, unemployed, inactive
    public var code: String { ["employee", "own_account", "employer", "unpaid_family", "unemployed", "inactive"][Int(rawValue)] }
    public var label: String { ["employees", "own-account workers", "employers", "unpaid family workers", "unemployed", "inactive"][Int(rawValue)] }
    /// Employed means employee, own-account worker, employer or unpaid family worker.
    @inline(__always) public var isEmployed: Bool { rawValue <= LabourStatus.unpaidFamily.rawValue }
    public init?(code: String) {
        guard let match = LabourStatus.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}

public enum Sector: UInt8, CaseIterable, Sendable {
    /// Not employed (empty in CSV).
    case none = 0, agriculture, industry, services
    public var code: String { ["", "agriculture", "industry", "services"][Int(rawValue)] }
    public var label: String { ["none", "agriculture", "industry", "services"][Int(rawValue)] }
    public init?(code: String) {
        guard let match = Sector.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}

/// Occupational groups the extension strategy targets by name (R202 practice); most
/// workers are `.other`. Carried by the synthetic population and by microdata that
/// has a `worker_group` column.
public enum WorkerGroup: UInt8, CaseIterable, Sendable {
    case other = 0, domestic, homeBased
    public var code: String { ["other", "domestic", "home_based"][Int(rawValue)] }
    public var label: String { ["other workers", "domestic workers", "home-based workers"][Int(rawValue)] }
    public init?(code: String) {
        guard let match = WorkerGroup.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}

/// The school level a child is enrolled at (PSLM): what education stipends are paid by.
/// Carried by the synthetic population (drawn from published enrolment rates) and by
/// microdata with a `school_level` column (imputed the same way when the column is absent).
public enum SchoolLevel: UInt8, CaseIterable, Sendable {
    /// Not enrolled, or beyond higher secondary (empty in CSV).
    case none = 0, primary, secondary, higherSecondary
    public var code: String { ["", "primary", "secondary", "higher_secondary"][Int(rawValue)] }
    public var label: String { ["not enrolled", "primary", "secondary", "higher secondary"][Int(rawValue)] }
    public init?(code: String) {
        guard let match = SchoolLevel.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}
