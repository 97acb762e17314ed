import SafeCityCore

/// Event types the security service writes; none can be submitted over the API.
public enum SecurityEvents {
    public static let keyCreated: EventType = "security.key.created"
    public static let keyRevoked: EventType = "security.key.revoked"

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
    ])
}
