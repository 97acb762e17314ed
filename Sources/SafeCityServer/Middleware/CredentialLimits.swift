import HTTPTypes
import Security

/// Token buckets per API key or session on the authenticated routes, one budget for reads
/// (`GET`, `HEAD`) and one for writes, so a client polling hard can still write and the reverse.
///
/// - Note: The buckets are keyed by the credential (`key:<id>`, or the session), never by address: a
///   key behind a shared proxy is not punished for its neighbours, and a leaked key used from many
///   addresses still gets one budget.
final class CredentialLimits: Sendable {
    let reads: RateLimiter?
    let writes: RateLimiter?
    /// Told of each refusal, to watch for a credential that keeps hitting its limit.
    let noteLimited: @Sendable (Identity) async -> Void
    let metrics: ServerMetrics

    init(_ limits: RateLimits, metrics: ServerMetrics, noteLimited: @escaping @Sendable (Identity) async -> Void) {
        reads = limits.credentialReads.map { RateLimiter($0) }
        writes = limits.credentialWrites.map { RateLimiter($0) }
        self.metrics = metrics
        self.noteLimited = noteLimited
    }

    /// Takes a token for this credential and method, or throws 429 with `Retry-After`.
    func check(_ identity: Identity, method: HTTPRequest.Method) async throws {
        let isRead = method == .get || method == .head
        guard let limiter = isRead ? reads : writes else { return }
        let elapsed = RateLimitMiddleware.origin.duration(to: .now).components
        let now = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        let credential = identity.isSession ? "session:\(identity.keyID)" : "key:\(identity.keyID)"
        guard case let .limited(seconds) = limiter.take(credential, at: now) else { return }
        let scope = isRead ? "credential-reads" : "credential-writes"
        metrics.recordRateLimited(scope: scope)
        await noteLimited(identity)
        var problem = SafeCityError(
            .tooManyRequests, title: "Too many requests",
            detail: "\(identity.actorName) sent more than \(Int(limiter.rule.burst)) \(isRead ? "reads" : "writes") in a burst; try again in \(seconds) s")
        problem.headers[.retryAfter] = String(seconds)
        throw problem
    }
}
