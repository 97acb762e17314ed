import Security

/// The per-address limits on the public writes; one set per platform, so a test can set its own.
public struct RateLimits: Sendable {
    /// `POST /v1/auth/login`, on top of each account's lock-out.
    public var signIn = RateLimiter.Rule(burst: 10, perMinute: 10)
    /// Open311 `POST …/requests`: residents file reports by hand; this stops a flood, not a person.
    public var open311 = RateLimiter.Rule(burst: 20, perMinute: 20)
    /// Portal quiz answers.
    public var portal = RateLimiter.Rule(burst: 30, perMinute: 30)

    public init() {}
}
