import Security
import Testing

@Suite struct RateLimiterTests {
    @Test func aBurstPassesThenTheSteadyRateWithRetryAfter() {
        let limiter = RateLimiter(.init(burst: 3, perMinute: 6))  // a token every 10 s
        #expect((0..<3).map { _ in limiter.take("a", at: 100) } == [.allowed, .allowed, .allowed])
        #expect(limiter.take("a", at: 100) == .limited(retryAfterSeconds: 10))
        #expect(limiter.take("a", at: 104) == .limited(retryAfterSeconds: 6))
        #expect(limiter.take("b", at: 104) == .allowed, "another client has its own bucket")
        #expect(limiter.take("a", at: 110) == .allowed)
        #expect(limiter.take("a", at: 111) == .limited(retryAfterSeconds: 9))
        #expect(limiter.take("a", at: 1_000) == .allowed, "a quiet client is forgiven up to the burst")
        #expect(limiter.take("a", at: 1_000) == .allowed)
        #expect(limiter.take("a", at: 1_000) == .allowed)
        #expect(limiter.take("a", at: 1_000) == .limited(retryAfterSeconds: 10))
    }

    @Test func memoryStaysBoundedAndOnlyForgives() {
        let limiter = RateLimiter(.init(burst: 1, perMinute: 1), maxClients: 100)
        #expect(limiter.take("flooder", at: 0) == .allowed)
        for i in 0..<1_000 { _ = limiter.take("client-\(i)", at: 1) }
        // Whatever was dropped, the flooder is never refused more than its rule says.
        if case let .limited(seconds) = limiter.take("flooder", at: 2) { #expect(seconds <= 60) }
    }
}
