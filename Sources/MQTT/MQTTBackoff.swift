/// Capped exponential delays between reconnection attempts.
public struct MQTTBackoff: Sendable, Hashable {
    /// The delay before the first attempt, in seconds.
    public var initialSeconds: Double
    /// The longest delay, in seconds.
    public var maxSeconds: Double
    /// The factor between consecutive delays.
    public var multiplier: Double

    /// Creates a backoff; the default goes 0.5, 1, 2, 4, … seconds up to 30.
    public init(initialSeconds: Double = 0.5, maxSeconds: Double = 30, multiplier: Double = 2) {
        self.initialSeconds = initialSeconds
        self.maxSeconds = maxSeconds
        self.multiplier = multiplier
    }

    /// The delay in seconds before attempt `attempt` (0 for the first): `initial × multiplier^attempt`, at most `maxSeconds`.
    public func delaySeconds(attempt: Int) -> Double {
        var delay = initialSeconds
        for _ in 0..<max(0, attempt) {
            delay *= multiplier
            if delay >= maxSeconds { return maxSeconds }
        }
        return min(delay, maxSeconds)
    }
}
