/// Where an event stands in its episode.
public enum BehaviourPhase: String, Hashable, Sendable, Codable {
    /// The behaviour has just been recognised; one per episode.
    case began
    /// The episode is over (the person left, the bag was picked up, the crowd thinned).
    case cleared
    /// A one-off event with no duration, such as a line crossing.
    case instant
}
