import Foundation
import SafeCityCore
import Security

/// The rate limits of the API: per address on the public writes, per credential on the authenticated
/// routes; one set per platform, so a test can set its own.
public struct RateLimits: Sendable {
    /// `POST /v1/auth/login`, on top of each account's lock-out.
    public var signIn = RateLimiter.Rule(burst: 10, perMinute: 10)
    /// Open311 `POST …/requests`: residents file reports by hand; this stops a flood, not a person.
    public var open311 = RateLimiter.Rule(burst: 20, perMinute: 20)
    /// Portal quiz answers.
    public var portal = RateLimiter.Rule(burst: 30, perMinute: 30)
    /// Reads (`GET`, `HEAD`) on authenticated routes, per API key or session; nil for none.
    ///
    /// Generous: a dashboard polls a few routes every few seconds, a feed far less; this stops a
    /// runaway script or a scraper holding a leaked key, not a busy operations room.
    public var credentialReads: RateLimiter.Rule? = RateLimiter.Rule(burst: 600, perMinute: 12_000)
    /// Writes (every other method) on authenticated routes, per API key or session; nil for none.
    ///
    /// A sensor gateway sends batches of up to 50,000 observations per request, so 100 requests a
    /// second sustained is far above any real feed.
    public var credentialWrites: RateLimiter.Rule? = RateLimiter.Rule(burst: 300, perMinute: 6_000)

    public init() {}

    /// Sets the per-credential limits from `off` or `reads=N,writes=M` (requests per minute; the burst is a
    /// twentieth of a minute's worth), as `serve --credential-limits` and `SAFECITY_CREDENTIAL_LIMITS` give them.
    public mutating func setCredentialLimits(_ text: String) throws(ValidationError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "off" {
            credentialReads = nil
            credentialWrites = nil
            return
        }
        for part in trimmed.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let perMinute = Int(pair[1]), perMinute >= 1 else {
                throw ValidationError(field: "credential-limits", reason: "expects off or reads=N,writes=M (per minute, N ≥ 1), got \"\(part)\"")
            }
            let rule = RateLimiter.Rule(burst: Double(max(1, perMinute / 20)), perMinute: Double(perMinute))
            switch pair[0] {
            case "reads": credentialReads = rule
            case "writes": credentialWrites = rule
            default: throw ValidationError(field: "credential-limits", reason: "knows reads and writes, not \"\(pair[0])\"")
            }
        }
    }

    /// No per-credential limits: for the loopback benchmarks, which measure the server's own ceiling
    /// with one key; a budget there would only measure the budget.
    public static var loopbackBench: RateLimits {
        var limits = RateLimits()
        limits.credentialReads = nil
        limits.credentialWrites = nil
        return limits
    }
}
