import SafeCityCore

/// A rule's transition for one subject: fired or cleared at an event time, with its evidence.
///
/// - Note: A firing with `isRetraction` withdraws the earlier firing with the same rule, subject,
///   state and time: a late observation showed it did not happen. See ``RuleEngine``.
public struct RuleFiring: Sendable, Hashable {
    /// Whether the rule started or stopped firing.
    public enum State: String, Sendable, Hashable, Codable { case fired, cleared }

    public var ruleID: String
    /// A sensor id, `cell:x:y` for an area rule, or `subjectA+subjectB` for a composite.
    public var subject: String
    public var state: State
    /// Event time of the transition.
    public var time: Timestamp
    /// The value that crossed (reading, rate per minute or window statistic); for absence the silent
    /// seconds, for a composite nil.
    public var value: Double?
    /// The observations behind the transition, most recent first, at most ``RuleFiring/maxEvidence``.
    public var evidence: [Observation]
    /// For a composite, the two constituent `fired` transitions.
    public var constituents: [RuleFiring]
    /// True when this withdraws an earlier emitted transition instead of reporting a new one; a
    /// retraction repeats the withdrawn transition's rule, subject, state, time and value, without evidence.
    public var isRetraction: Bool

    /// At most this many observations are kept as evidence.
    public static let maxEvidence = 20

    public init(ruleID: String, subject: String, state: State, time: Timestamp, value: Double?, evidence: [Observation] = [],
                constituents: [RuleFiring] = [], isRetraction: Bool = false) {
        self.ruleID = ruleID
        self.subject = subject
        self.state = state
        self.time = time
        self.value = value
        self.evidence = evidence
        self.constituents = constituents
        self.isRetraction = isRetraction
    }

    /// What identifies a transition: a transition with the same key is never emitted twice in a row.
    public var key: RuleFiringKey { RuleFiringKey(ruleID: ruleID, subject: subject, state: state, time: time) }
}

/// Rule, subject, state and event time: the identity of a transition.
public struct RuleFiringKey: Sendable, Hashable {
    public var ruleID: String
    public var subject: String
    public var state: RuleFiring.State
    public var time: Timestamp
}
