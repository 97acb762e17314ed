/// A non-composite rule flattened for the hot path: integer milliseconds, no enum payloads to unpack,
/// and no strings, so that reading one costs no reference counting.
struct CompiledRule: Sendable {
    enum Kind: Sendable { case threshold, rate, aggregate, absence }

    var ruleIndex: Int
    var kind: Kind
    var condition: RuleCondition
    var forMs: Int64 = 0
    var windowMs: Int64 = 0
    var falls = false
    var function: AggregateFunction = .count
    var intervals: Double = 0
    var isArea = false

    init?(_ rule: Rule, index: Int) {
        ruleIndex = index
        switch rule.kind {
        case let .threshold(_, condition, forSeconds):
            kind = .threshold
            self.condition = condition
            forMs = Int64((forSeconds * 1000).rounded())
        case let .rateOfChange(_, direction, condition, windowSeconds):
            kind = .rate
            self.condition = condition
            falls = direction == .fall
            windowMs = Int64((windowSeconds * 1000).rounded())
        case let .aggregate(_, function, windowSeconds, condition, scope):
            kind = .aggregate
            self.condition = condition
            self.function = function
            windowMs = Int64((windowSeconds * 1000).rounded())
            isArea = scope == .area
        case let .absence(_, intervals):
            kind = .absence
            condition = RuleCondition(side: .above, limit: 0)
            self.intervals = intervals
        case .composite:
            return nil
        }
    }

    /// How far back this rule looks from an observation, in milliseconds.
    var lookBackMs: Int64 { max(windowMs, forMs) }

    /// Whether readings leaving the window cannot change the state: a statistic that can only fall
    /// (count, max) cannot newly exceed, one that can only rise (min) cannot newly undercut.
    @inline(__always) func expiryCannotFire(_ state: SlotState) -> Bool {
        guard !state.fired else { return false }
        switch (function, condition.side) {
        case (.count, .above), (.max, .above), (.min, .below): return true
        default: return false
        }
    }

    /// Whether transitions can happen between observations (window expiry, silence).
    var hasTail: Bool { kind == .aggregate || kind == .absence }
}
