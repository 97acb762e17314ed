import SafeCityCore

/// Payload of `signal.sensor-rule`: which rule, about what, the transition and the observations behind it.
public struct RuleSignalPayload: Codable, Sendable, Equatable {
    public var ruleID: String
    /// A sensor id, or `cell:x:y` for an area rule.
    public var subject: String
    public var state: String
    public var value: Double?
    public var summary: String
    public var evidence: [EvidenceItem]
    /// Constituent firings of a composite rule, as `ruleID@subject`.
    public var constituents: [String]
    /// True when a late observation undid an earlier firing.
    public var retraction: Bool
    /// The last log record the analyser had folded in when it raised this signal.
    public var basisSequence: Int64
    /// The transition's identity, so that a restarted analyser does not raise it again.
    public var key: String

    /// One observation cited as evidence.
    public struct EvidenceItem: Codable, Sendable, Equatable {
        public var sensorID: String
        public var quantity: String
        public var time: Timestamp
        public var value: Double
    }

    init(firing: RuleFiring, basisSequence: Int64, key: String) {
        ruleID = firing.ruleID
        subject = firing.subject
        state = firing.state.rawValue
        value = firing.value
        evidence = firing.evidence.map { EvidenceItem(sensorID: $0.sensorID, quantity: $0.quantity.name, time: $0.time, value: $0.value) }
        constituents = firing.constituents.map { "\($0.ruleID)@\($0.subject)" }
        retraction = firing.isRetraction
        let valueText = firing.value.map { " at \(($0 * 100).rounded() / 100)" } ?? ""
        summary = "rule \(firing.ruleID) \(firing.state.rawValue) for \(firing.subject)\(valueText)"
        self.basisSequence = basisSequence
        self.key = key
    }
}

/// Payload of `signal.sensor-health`.
public struct HealthSignalPayload: Codable, Sendable, Equatable {
    public var sensorID: String
    public var quantity: String?
    public var problem: String
    public var state: String
    public var evidence: String
    public var values: [Double]
    public var basisSequence: Int64
    public var key: String

    init(change: SensorHealthChange, basisSequence: Int64, key: String) {
        sensorID = change.sensorID
        quantity = change.quantity?.name
        problem = change.problem.rawValue
        state = change.state.rawValue
        evidence = change.evidence
        values = change.values
        self.basisSequence = basisSequence
        self.key = key
    }
}
