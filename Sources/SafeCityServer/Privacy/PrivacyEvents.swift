import SafeCityCore

/// Event types of key rotation, retention purges and personal data exports. Payloads never hold a key
/// or a person's contact: keys are named by fingerprint, people by the requests found.
public enum PrivacyEvents {
    /// A field-key rotation started (or resumed after a crash).
    public static let rotationStarted: EventType = "security.field-key.rotation.started"
    /// A batch of a rotation was done.
    public static let rotationProgress: EventType = "security.field-key.rotation.progress"
    /// A rotation finished: every data key is wrapped by the new field key, the old one can go.
    public static let rotationCompleted: EventType = "security.field-key.rotation.completed"
    /// Personal data past its retention was purged (data keys shredded or rows deleted).
    public static let purged: EventType = "privacy.purged"
    /// A person's own reports were exported.
    public static let exported: EventType = "privacy.exported"

    /// Payload of the rotation events.
    public struct Rotation: Codable, Sendable, Equatable {
        /// Fingerprints of the old and the new field key.
        public var fromKey: String
        public var toKey: String
        /// Data keys re-wrapped so far in this run, and still to do.
        public var rewrapped: Int
        public var remaining: Int
        /// Stored fields re-sealed from the old format so far in this run.
        public var resealed: Int
        /// Whether this run picked up a rotation a crash interrupted.
        public var resumed: Bool
    }

    /// Payload of ``purged``.
    public struct Purged: Codable, Sendable, Equatable {
        /// `caller`, `contact`, `notes`, `social`, `legacy` or `sessions`.
        public var kind: String
        /// The month whose data key was shredded (`YYYY-MM`), or the cut-off date of deleted rows.
        public var period: String
        public var dataKeys: Int
        /// Fields in the log that became unreadable, or rows deleted.
        public var count: Int
        public var retentionDays: Int
    }

    /// Payload of ``exported``.
    public struct Exported: Codable, Sendable, Equatable {
        /// `self` (the resident, with their key and contact) or `officer` (a privacy officer's search).
        public var requestedBy: String
        public var requestIDs: [String]
        /// Why an officer searched (e.g. the subject-access request's reference).
        public var reason: String?
    }

    /// The schemas, merged into the platform's registry.
    public static let registry = EventTypeRegistry([rotationStarted, rotationProgress, rotationCompleted].map { type in
        EventSchema(type: type, fields: [
            .init("fromKey", .string(maxLength: 64)), .init("toKey", .string(maxLength: 64)),
            .init("rewrapped", .integer(range: 0...Int64(Int32.max))), .init("remaining", .integer(range: 0...Int64(Int32.max))),
            .init("resealed", .integer(range: 0...Int64(Int32.max))), .init("resumed", .boolean),
        ], submitters: [])
    } + [
        EventSchema(type: purged, fields: [
            .init("kind", .string(maxLength: 32)), .init("period", .string(maxLength: 32)), .init("dataKeys", .integer(range: 0...Int64(Int32.max))),
            .init("count", .integer(range: 0...Int64(Int32.max))), .init("retentionDays", .integer(range: 0...36_500)),
        ], submitters: []),
        EventSchema(type: exported, fields: [
            .init("requestedBy", .oneOf(["self", "officer"])), .init("requestIDs", .array), .init("reason", .string(maxLength: 500), required: false),
        ], submitters: []),
    ])
}
