import Crypto
import Foundation
import SafeCityCore
import Storage

/// Issues, checks and revokes API keys; every change is an event naming who made it.
///
/// A key is `sck_<id>_<secret>`: the id finds the row, the SHA-256 of the whole key is
/// compared in constant time. The secret has 256 bits of entropy, so a fast hash suffices;
/// the plaintext is returned once at creation and never stored or logged.
public struct KeyService: Sendable {
    public let store: any APIKeyStore
    public let log: any EventLog
    public let clock: any WallClock

    public init(store: any APIKeyStore, log: any EventLog, clock: any WallClock = SystemClock()) {
        self.store = store
        self.log = log
        self.clock = clock
    }

    /// A newly created key: the plaintext (shown once) and its stored record.
    public struct CreatedKey: Sendable {
        public var token: String
        public var record: APIKeyRecord
    }

    /// Creates a key for a role, recording a `security.key.created` event.
    public func create(name: String, role: Role, createdBy: String) async throws -> CreatedKey {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw ValidationError(field: "name", reason: "must be 1–200 characters")
        }
        let id = Hex.encode(Self.randomBytes(6))
        let secret = Self.base64URL(Self.randomBytes(32))
        let token = "sck_\(id)_\(secret)"
        let now = clock.now()
        let record = APIKeyRecord(id: id, name: trimmed, role: role, secretHash: Self.hash(token), createdAt: now, createdBy: createdBy)
        try await store.insert(record)
        _ = try await log.append([NewEvent(
            type: SecurityEvents.keyCreated, source: "security", actor: createdBy, occurredAt: now,
            payload: try EventPayload(encoding: SecurityEvents.KeyCreated(keyID: id, name: trimmed, role: role)))])
        return CreatedKey(token: token, record: record)
    }

    /// The identity a presented key belongs to, or nil when it is unknown, wrong or revoked.
    public func authenticate(_ token: String) async throws -> Identity? {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sck", parts[1].count == 12, parts[2].count >= 32 else { return nil }
        guard let record = try await store.key(id: String(parts[1])), record.revokedAt == nil else { return nil }
        guard Self.constantTimeEqual(Self.hash(token), record.secretHash) else { return nil }
        return Identity(keyID: record.id, name: record.name, role: record.role)
    }

    /// Revokes a key, recording a `security.key.revoked` event; false when there was none to revoke.
    public func revoke(id: String, by actor: String) async throws -> Bool {
        let now = clock.now()
        guard try await store.revoke(id: id, at: now) else { return false }
        _ = try await log.append([NewEvent(
            type: SecurityEvents.keyRevoked, source: "security", actor: actor, occurredAt: now,
            payload: try EventPayload(encoding: SecurityEvents.KeyRevoked(keyID: id)))])
        return true
    }

    static func hash(_ token: String) -> [UInt8] { Array(SHA256.hash(data: Array(token.utf8))) }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
