import Foundation
import HTTPTypes
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Security
import Testing

/// A person signs in over HTTP with password and TOTP, works with the session token as with a key,
/// signs out; a lockdown revokes every session and key of a role but the caller's own.
@Suite struct AccountRoutesTests {
    @Test func signInWorkSignOutAndLockdown() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            var secret = ""
            try await client.execute(uri: "/v1/accounts", method: .post, headers: fixture.headers(.admin),
                                     body: buffer(#"{"username":"dana","role":"dispatcher","password":"dispatch desk pass"}"#)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                secret = response.json["totpSecret"] as? String ?? ""
                #expect((response.json["provisioningURI"] as? String)?.hasPrefix("otpauth://totp/") == true)
            }
            try await client.execute(uri: "/v1/accounts", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"username":"eve","role":"admin","password":"i want to be admin"}"#)) { #expect($0.status == .forbidden) }
            let code = TOTP(secret: try #require(Base32.decode(secret))).code(at: Int64(Date().timeIntervalSince1970))
            try await client.execute(uri: "/v1/auth/login", method: .post, headers: fixture.headers(nil),
                                     body: buffer(#"{"username":"dana","password":"wrong password here","code":"\#(code)"}"#)) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            var token = ""
            try await client.execute(uri: "/v1/auth/login", method: .post, headers: fixture.headers(nil),
                                     body: buffer(#"{"username":"dana","password":"dispatch desk pass","code":"\#(code)"}"#)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                token = response.json["token"] as? String ?? ""
                #expect(response.json["role"] as? String == "dispatcher")
            }
            var session = HTTPFields()
            session[.authorization] = "Bearer \(token)"
            try await client.execute(uri: "/v1/dispatch/board", method: .get, headers: session) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/keys", method: .get, headers: session) { #expect($0.status == .forbidden, "a dispatcher's session has a dispatcher's rights") }

            // The admin locks the dispatchers out: the session and the dispatcher key stop working, the admin's key does not.
            try await client.execute(uri: "/v1/security/lockdown", method: .post, headers: fixture.headers(.admin),
                                     body: buffer(#"{"roles":["dispatcher"],"reason":"suspected credential theft"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["sessionsRevoked"] as? Int == 1)
                #expect(response.json["keysRevoked"] as? Int == 1)
            }
            try await client.execute(uri: "/v1/dispatch/board", method: .get, headers: session) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/dispatch/board", method: .get, headers: fixture.headers(.dispatcher)) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/dispatch/board", method: .get, headers: fixture.headers(.admin)) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/security/lockdown", method: .post, headers: fixture.headers(.admin), body: buffer(#"{"roles":["wizard"]}"#)) {
                #expect($0.status == .unprocessableContent)
            }
        }
        await fixture.close()
    }

    @Test func fiveWrongSignInsLockTheAccountWithRetryAfter() async throws {
        let fixture = try await ServerFixture()
        _ = try await fixture.platform.accounts.create(username: "finn", role: .analyst, password: "analyst pass phrase", by: "test")
        try await fixture.app.test(.router) { client in
            for attempt in 1...5 {
                try await client.execute(uri: "/v1/auth/login", method: .post, headers: fixture.headers(nil),
                                         body: buffer(#"{"username":"finn","password":"guess number \#(attempt)","code":"000000"}"#)) { response in
                    #expect(response.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
                    if attempt == 5 { #expect(Int(response.headers[.retryAfter] ?? "") ?? 0 > 800) }
                }
            }
        }
        await fixture.close()
    }

    @Test func guessingManyUsernamesRaisesASecuritySignalOnTheBoard() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            for attempt in 1...9 {
                try await client.execute(uri: "/v1/auth/login", method: .post, headers: fixture.headers(nil),
                                         body: buffer(#"{"username":"guess\#(attempt)","password":"password password","code":"000000"}"#)) {
                    #expect($0.status == .unauthorized)
                }
            }
            let head = try await fixture.platform.log.lastSequence()
            try await client.execute(uri: "/v1/signals?atLeast=\(head)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let signals = response.json["signals"] as? [[String: Any]] ?? []
                let security = signals.first { $0["type"] as? String == "signal.security" }
                #expect((security?["summary"] as? String)?.contains("9 failed sign-ins for 9 usernames") == true, "\(signals)")
            }
        }
        await fixture.close()
    }

    @Test func anAddressThatFloodsSignInGets429WithRetryAfter() async throws {
        // Ten at once, then one a day: however slowly the machine runs the ten, the eleventh is refused.
        var limits = RateLimits()
        limits.signIn = .init(burst: 10, perMinute: 1.0 / 1_440)
        let fixture = try await ServerFixture(rateLimits: limits)
        try await fixture.app.test(.router) { client in
            for attempt in 1...11 {
                try await client.execute(uri: "/v1/auth/login", method: .post, headers: fixture.headers(nil),
                                         body: buffer(#"{"username":"user\#(attempt)","password":"guess guess guess","code":"000000"}"#)) { response in
                    if attempt <= 10 {
                        #expect(response.status == .unauthorized)
                    } else {
                        #expect(response.status == .tooManyRequests)
                        #expect((1...86_400).contains(Int(response.headers[.retryAfter] ?? "") ?? 0), "a token a day")
                    }
                }
            }
        }
        await fixture.close()
    }
}
