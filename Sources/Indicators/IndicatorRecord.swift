/// One figure of a result, in the tidy shape every output uses (see
/// `docs/results-format.md`): an indicator key, the breakdown dimension and group it
/// refers to (`total`/`all` for the whole population), its value and its unit.
///
/// `run` writes records for one year; `compare` adds the scenario and year.
public struct IndicatorRecord: Sendable, Equatable, Codable {
    public var indicator: String
    /// `total`, or a dimension: `sex`, `age_group`, `province`, `area`, `worker_type`,
    /// `decile`, `scheme`, `payer`.
    public var breakdown: String
    /// `all` for `total`, else the group's code (`F`, `65+`, `PB`, `urban`, `3`, …).
    public var group: String
    public var value: Double
    /// `PKR/year`, `PKR/month`, `% of GDP`, `/1`, `persons`, `households`.
    public var unit: String

    public init(indicator: String, breakdown: String = "total", group: String = "all", value: Double, unit: String) {
        self.indicator = indicator
        self.breakdown = breakdown
        self.group = group
        self.value = value
        self.unit = unit
    }
}

/// A record of a comparison: which scenario and year it belongs to, and, for a
/// comparison over several replicates, the 90% interval of `record.value` (the mean over
/// the replicates); `lower` and `upper` are nil for a single replicate.
public struct ScenarioYearRecord: Sendable, Equatable, Codable {
    public var scenario: String
    public var year: Int
    public var record: IndicatorRecord
    /// The 5th percentile of the replicate values (nil: one replicate, or undefined).
    public var lower: Double?
    /// The 95th percentile of the replicate values (nil: one replicate, or undefined).
    public var upper: Double?

    public init(scenario: String, year: Int, record: IndicatorRecord, lower: Double? = nil, upper: Double? = nil) {
        self.scenario = scenario
        self.year = year
        self.record = record
        self.lower = lower
        self.upper = upper
    }
}
