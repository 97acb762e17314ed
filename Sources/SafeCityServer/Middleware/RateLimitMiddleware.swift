import Hummingbird
import Security

/// Refuses a client's requests beyond its rate with `429 Too Many Requests` and `Retry-After`, per
/// route group (`scope`) and client IP address.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let scope: String
    let limiter: RateLimiter
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let elapsed = RateLimitMiddleware.origin.duration(to: .now).components
        let now = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        if case let .limited(seconds) = limiter.take("\(scope)|\(context.remoteAddress ?? "unknown")", at: now) {
            metrics.recordRateLimited(scope: scope)
            var problem = SafeCityError(.tooManyRequests, title: "Too many requests",
                                        detail: "more than \(Int(limiter.rule.burst)) requests in a burst to \(scope) from this address; try again in \(seconds) s")
            problem.headers[.retryAfter] = String(seconds)
            throw problem
        }
        return try await next(request, context)
    }

    /// A fixed instant the monotonic clock is measured from.
    static let origin = ContinuousClock.now
}
