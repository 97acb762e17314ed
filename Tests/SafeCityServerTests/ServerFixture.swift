import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Security
import Sensing

/// A platform on a fresh database with one key per role.
struct ServerFixture {
    let directory = TemporaryDirectory("safecity-server")
    let platform: Platform
    let keys: [Role: String]

    init(roads: CityRoads? = nil, sensorRules: RuleSet? = nil, rateLimits: RateLimits = RateLimits()) async throws {
        // The lowest scrypt cost the hash format takes: a debug build's scrypt at the default cost would dominate the suite.
        platform = try await Platform(databasePath: directory.path("server.sqlite"), roads: roads, sensorRules: sensorRules, rateLimits: rateLimits,
                                      passwordCost: 10)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            keys[role] = try await platform.keys.create(name: "test \(role.rawValue)", role: role, createdBy: "test").token
        }
        self.keys = keys
    }

    var app: some ApplicationProtocol { SafeCityApp.buildApplication(platform: platform, port: 0) }

    func headers(_ role: Role?, json: Bool = true) -> HTTPFields {
        var fields = HTTPFields()
        if let role { fields[.authorization] = "Bearer \(keys[role]!)" }
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    /// Headers with a person's session (password and TOTP code) for `role`: what the dashboard sends,
    /// and what person-only actions (approving alerts, acknowledging signals, callers' details) need.
    func sessionHeaders(_ role: Role, json: Bool = true) async throws -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Bearer \(try await sessions.token(for: role, accounts: platform.accounts))"
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    let sessions = SessionCache()

    func close() async {
        await platform.shutdown()
        directory.remove()
    }
}

/// One signed-in session per role for a fixture: each TOTP step signs in once, so the token is kept.
actor SessionCache {
    private var tokens: [Role: String] = [:]

    func token(for role: Role, accounts: AccountService) async throws -> String {
        if let token = tokens[role] { return token }
        let username = "test.\(role.rawValue)"
        let created = try await accounts.create(username: username, role: role, password: "correct horse battery", by: "test")
        let totp = TOTP(secret: Base32.decode(created.totpSecretBase32)!)
        let code = totp.code(step: totp.step(at: accounts.clock.now().millisecondsSince1970 / 1000))
        let token = try await accounts.login(username: username, password: "correct horse battery", code: code).token
        tokens[role] = token
        return token
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }
}

func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

/// A valid observation event as JSON text.
func observationJSON(value: Any = 12.5, id: String? = nil) -> String {
    let idPart = id.map { #""id":"\#($0)","# } ?? ""
    return #"{\#(idPart)"type":"sensor.observation","source":"sensor:aq-1","occurredAt":"2026-11-25T10:00:00Z","location":{"latitude":43.73,"longitude":7.42},"payload":{"sensorID":"aq-1","quantity":"pm25","value":\#(value),"unit":"ug/m3"}}"#
}
