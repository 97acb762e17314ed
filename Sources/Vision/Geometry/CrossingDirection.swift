/// Which way an object crossed a ``TripLine``.
public enum CrossingDirection: String, Hashable, Sendable, Codable, CaseIterable {
    /// From the right of A→B to its left (the positive side).
    case negativeToPositive
    /// From the left of A→B (the positive side) to its right.
    case positiveToNegative
}
