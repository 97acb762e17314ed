/// A limit with hysteresis: fires beyond `limit`, clears only once back past `clearAt`.
///
/// For `.above`, a value fires when `value > limit` and clears when `value <= clearAt`; for `.below`,
/// it fires when `value < limit` and clears when `value >= clearAt`. Values in between keep the state.
public struct RuleCondition: Sendable, Hashable {
    /// Which side of the limit fires.
    public enum Side: String, Sendable, Hashable { case above, below }

    public var side: Side
    public var limit: Double
    /// Where the firing clears; equal to `limit` when the rule gave no hysteresis band.
    public var clearAt: Double

    public init(side: Side, limit: Double, clearAt: Double? = nil) {
        self.side = side
        self.limit = limit
        self.clearAt = clearAt ?? limit
    }

    /// Whether `value` is beyond the limit.
    @inline(__always) func fires(_ value: Double) -> Bool {
        side == .above ? value > limit : value < limit
    }

    /// Whether `value` is back past the clearing level.
    @inline(__always) func clears(_ value: Double) -> Bool {
        side == .above ? value <= clearAt : value >= clearAt
    }
}
