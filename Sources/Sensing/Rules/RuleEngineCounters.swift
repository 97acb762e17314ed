/// What a ``RuleEngine`` did with the observations it was given.
public struct RuleEngineCounters: Sendable, Hashable {
    /// Observations evaluated against rules.
    public var evaluated = 0
    /// Observations older than the allowed lateness behind their series, not evaluated.
    public var lateDropped = 0
    /// Observations whose ``ObservationKey`` had been seen, ignored.
    public var duplicates = 0
    /// Observations of a sensor or quantity no rule watches, or with a value that is not finite.
    public var ignored = 0

    public init() {}
}
