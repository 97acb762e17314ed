/// The output of ``SelfExcitingSimulator``: incidents in time order and who triggered whom.
public struct SelfExcitingSimulation: Sendable {
    /// Simulated incidents, sorted by time.
    public var records: [IncidentRecord]
    /// For each record, the index of the record that triggered it, or nil for a background incident.
    public var parents: [Int?]
    /// How many records are background incidents.
    public var backgroundCount: Int
}
