/// One additive part of a threat score, so an operator can see why a score is what it is.
public struct ThreatTerm: Hashable, Sendable, Codable {
    /// Short name: "base", "zone sensitivity", "night", "nearby events", "limit".
    public var name: String
    /// Points this term adds (may be negative).
    public var value: Double
    /// Why it has this value.
    public var explanation: String

    /// Creates a term.
    public init(name: String, value: Double, explanation: String) {
        self.name = name
        self.value = value
        self.explanation = explanation
    }
}
