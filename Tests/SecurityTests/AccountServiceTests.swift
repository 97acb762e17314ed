import Foundation
import SafeCityCore
import SafeCityTesting
import Security
import Storage
import Testing

/// Sign-in with password and TOTP: sessions that expire and can be revoked, lock-out after failures,
/// forged tokens refused without a database read, and nothing secret in the log.
@Suite struct AccountServiceTests {
    struct Desk {
        let dir = TemporaryDirectory()
        let clock = ManualClock(Timestamp(millisecondsSince1970: 1_764_000_000_000))
        let log: SQLiteEventLog
        var service: AccountService

        init() throws {
            let database = try SQLiteDatabase(path: dir.path("a.sqlite"))
            log = try SQLiteEventLog(database: database)
            service = AccountService(store: SQLiteAccountStore(database: database), log: log, vault: .ephemeral(), clock: clock)
        }

        func code(_ created: AccountService.Created, offsetSeconds: Int64 = 0) -> String {
            TOTP(secret: Base32.decode(created.totpSecretBase32)!).code(at: clock.now().millisecondsSince1970 / 1000 + offsetSeconds)
        }
    }

    @Test func passwordAndCodeGiveASessionThatExpiresAndSignsOut() async throws {
        let desk = try Desk()
        defer { desk.dir.remove() }
        let created = try await desk.service.create(username: "alice", role: .dispatcher, password: "a long pass phrase", by: "key:admin")
        #expect(created.provisioningURI.hasPrefix("otpauth://totp/SafeCity:alice?secret="))
        let (token, session) = try await desk.service.login(username: "alice", password: "a long pass phrase", code: desk.code(created))
        #expect(token.hasPrefix("scs_"))
        let identity = try #require(try await desk.service.authenticate(token))
        #expect(identity.role == .dispatcher && identity.actorName == "user:alice")
        #expect(session.expiresAt == desk.clock.now().adding(milliseconds: 12 * 3_600_000))

        // A replayed code, a forged token and an expired session are refused.
        await #expect(throws: AccountService.LoginError.invalidCredentials) {
            try await desk.service.login(username: "alice", password: "a long pass phrase", code: desk.code(created))
        }
        var forged = token
        forged.removeLast()
        forged.append(token.last == "A" ? "B" : "A")
        #expect(try await desk.service.authenticate(forged) == nil)
        #expect(try await desk.service.logout(token, by: "user:alice"))
        #expect(try await desk.service.authenticate(token) == nil, "signed out")

        desk.clock.advance(milliseconds: 60_000)
        let (second, _) = try await desk.service.login(username: "alice", password: "a long pass phrase", code: desk.code(created))
        desk.clock.advance(milliseconds: 12 * 3_600_000 + 1)
        #expect(try await desk.service.authenticate(second) == nil, "expired")

        let text = try await desk.log.read(after: 0, limit: 100).map { String(decoding: $0.jsonBytes, as: UTF8.self) }.joined()
        #expect(!text.contains("a long pass phrase") && !text.contains(created.totpSecretBase32))
        #expect(text.contains("security.login.succeeded") && text.contains("security.login.failed"))
    }

    @Test func fiveFailuresLockTheAccountForAQuarterOfAnHour() async throws {
        let desk = try Desk()
        defer { desk.dir.remove() }
        let created = try await desk.service.create(username: "bob", role: .admin, password: "another long phrase", by: "key:admin")
        for attempt in 1...5 {
            do {
                _ = try await desk.service.login(username: "bob", password: "wrong password!!", code: desk.code(created))
                Issue.record("a wrong password signed in")
            } catch let error as AccountService.LoginError {
                #expect(error == (attempt < 5 ? .invalidCredentials : .locked(until: desk.clock.now().adding(milliseconds: 15 * 60_000))))
            }
        }
        await #expect(throws: AccountService.LoginError.locked(until: desk.clock.now().adding(milliseconds: 15 * 60_000))) {
            try await desk.service.login(username: "bob", password: "another long phrase", code: desk.code(created))
        }
        desk.clock.advance(milliseconds: 15 * 60_000 + 1)
        _ = try await desk.service.login(username: "bob", password: "another long phrase", code: desk.code(created))
        await #expect(throws: AccountService.LoginError.invalidCredentials) {
            try await desk.service.login(username: "nobody", password: "whatever it is", code: "123456")
        }
    }

    @Test func badAccountsAreRefusedWithTheField() async throws {
        let desk = try Desk()
        defer { desk.dir.remove() }
        for (username, role, password, field) in [("Al", Role.admin, "long enough pass", "username"), ("carol", .sensor, "long enough pass", "role"),
                                                   ("carol", .analyst, "short", "password")] {
            await #expect(throws: ValidationError.self) {
                do { _ = try await desk.service.create(username: username, role: role, password: password, by: "t") } catch let error as ValidationError {
                    #expect(error.field == field)
                    throw error
                }
            }
        }
    }
}
