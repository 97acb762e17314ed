/// When to try a failed delivery again: exponential backoff with full jitter, capped.
///
/// Attempt *n* (1 for the first retry) waits a random time in `[delay/2, delay]` where
/// `delay = min(cap, base · 2^(n−1))`; the randomness comes from the caller's generator.
public struct DeliveryBackoff: Sendable, Equatable {
    public var baseMilliseconds: Int64
    public var capMilliseconds: Int64
    /// How long a delivery keeps being retried after it was queued; then it is given up.
    public var giveUpAfterMilliseconds: Int64

    public init(baseMilliseconds: Int64 = 1_000, capMilliseconds: Int64 = 300_000, giveUpAfterMilliseconds: Int64 = 86_400_000) {
        self.baseMilliseconds = max(1, baseMilliseconds)
        self.capMilliseconds = max(self.baseMilliseconds, capMilliseconds)
        self.giveUpAfterMilliseconds = giveUpAfterMilliseconds
    }

    /// The wait before retry number `attempt` (1-based).
    public func delayMilliseconds(attempt: Int, using generator: inout some RandomNumberGenerator) -> Int64 {
        let exponent = min(max(attempt - 1, 0), 40)
        let (scaled, overflow) = baseMilliseconds.multipliedReportingOverflow(by: Int64(1) << exponent)
        let delay = overflow ? capMilliseconds : min(capMilliseconds, scaled)
        return delay / 2 + Int64.random(in: 0...(delay - delay / 2), using: &generator)
    }
}
