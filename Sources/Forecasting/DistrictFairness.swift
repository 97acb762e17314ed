/// One district's figures in a fairness audit.
public struct DistrictFairness: Hashable, Sendable, Codable {
    /// District name.
    public var name: String
    /// Grid cells whose centre is in the district.
    public var cells: Int
    /// Share of the audited area.
    public var areaShare: Double
    /// Share of the audited population, when every district has one.
    public var populationShare: Double?
    /// Share of the test incidents.
    public var incidentShare: Double
    /// Share of all flagged cell-steps.
    public var flaggedShare: Double
    /// Test incidents in the district.
    public var incidents: Int
    /// Of those, incidents in flagged cells.
    public var hits: Int
    /// hits / incidents, nil without incidents.
    public var hitRate: Double?
    /// flagged share ÷ incident share (1 = attention in proportion to recorded incidents).
    public var flaggedToIncidentRatio: Double?
    /// flagged share ÷ population share.
    public var flaggedToPopulationRatio: Double?
}
