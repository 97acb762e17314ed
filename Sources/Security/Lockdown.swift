import SafeCityCore

/// Incident response: revoke every session and API key of the given roles at once (e.g. when a
/// dispatcher's credentials may be stolen), leaving the caller's own key standing.
public enum Lockdown {
    public struct Outcome: Sendable, Equatable, Codable {
        public var sessionsRevoked: Int
        public var keysRevoked: Int
    }

    public static func run(roles: Set<Role>, keys: KeyService, accounts: AccountService, sparingKeyID: String?, by actor: String, reason: String) async throws -> Outcome {
        let sessions = try await accounts.revokeSessions(roles: roles, by: actor, reason: reason)
        var revoked = 0
        for key in try await keys.store.all() where roles.contains(key.role) && key.revokedAt == nil && key.id != sparingKeyID {
            if try await keys.revoke(id: key.id, by: actor) { revoked += 1 }
        }
        return Outcome(sessionsRevoked: sessions, keysRevoked: revoked)
    }
}
