import Synchronization

/// Token buckets per client (an IP address or a key): each request takes a token, tokens come back
/// at a steady rate up to the bucket's size, so short bursts pass and sustained floods get 429.
///
/// Memory is bounded: past `maxClients` buckets the fullest (least recently useful) are dropped first,
/// which can only ever forgive a client, never lock one out.
public final class RateLimiter: Sendable {
    public struct Rule: Sendable, Equatable {
        /// Requests allowed at once.
        public var burst: Double
        /// Requests allowed per second, sustained.
        public var perSecond: Double

        public init(burst: Double, perMinute: Double) {
            self.burst = burst
            perSecond = perMinute / 60
        }
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; a token will be back after this many seconds (rounded up).
        case limited(retryAfterSeconds: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public let rule: Rule
    private let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(_ rule: Rule, maxClients: Int = 100_000) {
        self.rule = rule
        self.maxClients = maxClients
    }

    /// Takes a token for `client` at `seconds` (any monotonic clock in seconds).
    public func take(_ client: String, at seconds: Double) -> Decision {
        buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: rule.burst, updated: seconds)
            bucket.tokens = min(rule.burst, bucket.tokens + max(0, seconds - bucket.updated) * rule.perSecond)
            bucket.updated = seconds
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                decision = .limited(retryAfterSeconds: Int(((1 - bucket.tokens) / rule.perSecond).rounded(.up)))
            }
            buckets[client] = bucket
            if buckets.count > maxClients {
                // Drop the tenth of buckets that would be fullest by now: they hold the least information.
                let drop = buckets.sorted { $0.value.tokens + (seconds - $0.value.updated) * rule.perSecond > $1.value.tokens + (seconds - $1.value.updated) * rule.perSecond }
                    .prefix(max(1, maxClients / 10)).map(\.key)
                for key in drop where key != client { buckets[key] = nil }
            }
            return decision
        }
    }
}
