/// The outcome of a fairness audit.
public struct FairnessReport: Hashable, Sendable, Codable {
    /// Audited method.
    public var method: String
    /// Audited coverage.
    public var coverage: Double
    /// Figures per district, in the order given.
    public var districts: [DistrictFairness]
    /// Max/min across districts of flagged share ÷ incident share (nil with fewer than two districts with incidents).
    public var flaggedToIncidentDisparity: Double?
    /// Max/min across districts of hit rate (infinity when some district's incidents were never hit).
    public var hitRateDisparity: Double?
    /// Plain-language warnings; empty when nothing exceeds the threshold.
    public var warnings: [String]
}
