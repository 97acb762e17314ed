/// How many crossings a trip line has counted in each direction.
public struct CrossingCounts: Hashable, Sendable, Codable {
    /// Crossings from the right of A→B to its left.
    public var negativeToPositive: Int
    /// Crossings from the left of A→B to its right.
    public var positiveToNegative: Int

    /// Creates counts.
    public init(negativeToPositive: Int = 0, positiveToNegative: Int = 0) {
        self.negativeToPositive = negativeToPositive
        self.positiveToNegative = positiveToNegative
    }

    /// Both directions together.
    public var total: Int { negativeToPositive + positiveToNegative }

    /// The count in one direction.
    public subscript(direction: CrossingDirection) -> Int {
        get { direction == .negativeToPositive ? negativeToPositive : positiveToNegative }
        set {
            if direction == .negativeToPositive { negativeToPositive = newValue } else { positiveToNegative = newValue }
        }
    }
}
