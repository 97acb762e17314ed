import SafeCityCore

/// Event types the security service writes; none can be submitted over the API.
public enum SecurityEvents {
    public static let keyCreated: EventType = "security.key.created"
    public static let keyRevoked: EventType = "security.key.revoked"
    public static let accountCreated: EventType = "security.account.created"
    public static let loginSucceeded: EventType = "security.login.succeeded"
    public static let loginFailed: EventType = "security.login.failed"
    public static let sessionsRevoked: EventType = "security.sessions.revoked"
    /// Access that looks like abuse (payload ``AccessWatch/Finding``), for the signal board.
    public static let signal: EventType = "signal.security"

    /// Payload of the account and sign-in events: never a password or a code.
    public struct AccountEvent: Codable, Sendable, Equatable {
        public var username: String
        public var role: Role?
        /// Why a sign-in failed: `password`, `one-time code`, `locked`, or an unknown account.
        public var reason: String?
    }

    /// Payload of ``sessionsRevoked``.
    public struct SessionsRevoked: Codable, Sendable, Equatable {
        public var roles: [String]
        public var count: Int
        public var reason: String
    }

    /// Payload of ``keyCreated``: never the secret.
    public struct KeyCreated: Codable, Sendable, Equatable {
        public var keyID: String
        public var name: String
        public var role: Role
    }

    /// Payload of ``keyRevoked``.
    public struct KeyRevoked: Codable, Sendable, Equatable {
        public var keyID: String
    }

    /// The schemas of the security event types.
    public static let registry = EventTypeRegistry([
        EventSchema(type: keyCreated, fields: [
            .init("keyID", .string(maxLength: 64)), .init("name", .string(maxLength: 200)),
            .init("role", .oneOf(Set(Role.allCases.map(\.rawValue)))),
        ], submitters: []),
        EventSchema(type: keyRevoked, fields: [.init("keyID", .string(maxLength: 64))], submitters: []),
        EventSchema(type: accountCreated, fields: [.init("username", .string(maxLength: 64))], submitters: []),
        EventSchema(type: loginSucceeded, fields: [.init("username", .string(maxLength: 200))], submitters: []),
        EventSchema(type: loginFailed, fields: [.init("username", .string(maxLength: 200))], submitters: []),
        EventSchema(type: sessionsRevoked, fields: [.init("count", .integer(range: 0...Int64.max))], submitters: []),
        EventSchema(type: signal, fields: [
            .init("kind", .oneOf(["credential-shared", "sign-in-guessing", "bulk-read"])), .init("subject", .string(maxLength: 200)),
            .init("summary", .string(maxLength: 2_000)),
        ], submitters: []),
    ])
}
