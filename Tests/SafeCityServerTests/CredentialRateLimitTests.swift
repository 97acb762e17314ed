import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Security
import Testing

/// Per-credential budgets on the authenticated routes: a key over its budget gets 429 with
/// `Retry-After` as problem+json, while other keys, its other budget and the public routes go on.
@Suite struct CredentialRateLimitTests {
    /// A budget of `burst` requests, then one a day: however slowly the machine runs them, the next is refused.
    static func tiny(_ burst: Double) -> RateLimiter.Rule { .init(burst: burst, perMinute: 1.0 / 1_440) }

    @Test func aKeyOverItsReadBudgetGets429WhileOtherKeysItsWritesAndPublicRoutesGoOn() async throws {
        var limits = RateLimits()
        limits.credentialReads = Self.tiny(3)
        let fixture = try await ServerFixture(rateLimits: limits)
        try await fixture.app.test(.router) { client in
            for _ in 1...3 {
                try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.dispatcher)) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect((1...86_400).contains(Int(response.headers[.retryAfter] ?? "") ?? 0), "a token a day")
                #expect(response.json["status"] as? Int == 429)
                #expect((response.json["detail"] as? String)?.contains("reads") == true, "\(response.json)")
            }
            // Another key has its own budget.
            try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.analyst)) { #expect($0.status == .ok) }
            // The same key's writes have their own budget: this body is refused for what it is, not for the rate.
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.dispatcher), body: buffer("{}")) { response in
                #expect(response.status != .tooManyRequests)
                #expect(response.status.code >= 400 && response.status.code < 500)
            }
            // Public routes take no credential budget.
            try await client.execute(uri: "/healthz", method: .get, headers: fixture.headers(nil)) { #expect($0.status == .ok) }
            // The refusal is counted.
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.admin)) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"safecity_rate_limited_total{scope="credential-reads"} 1"#), "\(text.split(separator: "\n").filter { $0.contains("rate_limited") })")
            }
        }
        await fixture.close()
    }

    @Test func aKeyOverItsWriteBudgetGets429AndCanStillRead() async throws {
        var limits = RateLimits()
        limits.credentialWrites = Self.tiny(2)
        let fixture = try await ServerFixture(rateLimits: limits)
        try await fixture.app.test(.router) { client in
            for attempt in 1...3 {
                try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer("[\(observationJSON())]")) { response in
                    if attempt <= 2 {
                        #expect(response.status == .created || response.status == .ok, "\(attempt): \(response.status)")
                    } else {
                        #expect(response.status == .tooManyRequests)
                        #expect(response.headers[.retryAfter] != nil)
                    }
                }
            }
            try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.sensor)) { #expect($0.status == .ok) }
        }
        await fixture.close()
    }

    @Test func aKeyThatKeepsHittingItsLimitRaisesASecuritySignal() async throws {
        var limits = RateLimits()
        limits.credentialReads = Self.tiny(1)
        let fixture = try await ServerFixture(rateLimits: limits)
        let refusals = AccessWatch.Settings().maxRefusalsPerCredential + 1
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.fieldUnit)) { #expect($0.status == .ok) }
            for _ in 0..<refusals {
                try await client.execute(uri: "/v1/whoami", method: .get, headers: fixture.headers(.fieldUnit)) { #expect($0.status == .tooManyRequests) }
            }
            let head = try await fixture.platform.log.lastSequence()
            try await client.execute(uri: "/v1/signals?atLeast=\(head)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let signals = response.json["signals"] as? [[String: Any]] ?? []
                let security = signals.filter { $0["type"] as? String == "signal.security" }
                #expect(security.count == 1, "reported once per quiet period: \(signals)")
                #expect((security.first?["summary"] as? String)?.contains("refused \(refusals) requests by its rate limit") == true, "\(signals)")
            }
        }
        await fixture.close()
    }
}

@Suite struct CredentialLimitSettingsTests {
    @Test func operatorsSetOrTurnOffTheLimitsAndBadTextNamesTheFault() throws {
        var limits = RateLimits()
        try limits.setCredentialLimits("reads=600, writes=120")
        #expect(limits.credentialReads == RateLimiter.Rule(burst: 30, perMinute: 600))
        #expect(limits.credentialWrites == RateLimiter.Rule(burst: 6, perMinute: 120))
        try limits.setCredentialLimits("off")
        #expect(limits.credentialReads == nil && limits.credentialWrites == nil)
        for bad in ["reads=0", "reads", "deletes=5", "writes=lots"] {
            #expect(throws: ValidationError.self) { try limits.setCredentialLimits(bad) }
        }
    }
}
