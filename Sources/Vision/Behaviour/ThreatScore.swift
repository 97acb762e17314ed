/// A 0–100 threat score for one event, with the terms that add up to it.
public struct ThreatScore: Hashable, Sendable, Codable {
    /// The event's episode.
    public var episodeId: Int
    /// The score, 0…100; exactly the sum of ``terms``.
    public var score: Double
    /// The parts of the score, in order.
    public var terms: [ThreatTerm]
    /// Whether the score reaches the configured incident level (never for a cleared event).
    public var suggestsIncident: Bool

    /// Creates a score.
    public init(episodeId: Int, score: Double, terms: [ThreatTerm], suggestsIncident: Bool) {
        self.episodeId = episodeId
        self.score = score
        self.terms = terms
        self.suggestsIncident = suggestsIncident
    }
}
