import SafeCityCore

/// Event types the alerting service writes; none can be submitted over the events API.
public enum AlertEvents {
    public static let drafted: EventType = "alert.drafted"
    public static let approved: EventType = "alert.approved"

    /// Payload of ``drafted``: the draft, and what it updates or cancels. The drafter is the event's actor.
    public struct Drafted: Codable, Sendable, Equatable {
        public var alertID: String
        public var msgType: CAPAlert.MessageType
        /// The alert this one updates or cancels.
        public var references: String?
        public var draft: AlertDraft
    }

    /// Payload of ``approved``: the CAP message exactly as issued. The approver is the event's actor.
    public struct Approved: Codable, Sendable, Equatable {
        public var alertID: String
        public var cap: CAPAlert
    }

    /// The schemas of the alert event types.
    public static let registry = EventTypeRegistry([
        EventSchema(type: drafted, fields: [
            .init("alertID", .string(maxLength: 64)),
            .init("msgType", .oneOf(Set(CAPAlert.MessageType.allCases.map(\.rawValue)))),
            .init("references", .string(maxLength: 64), required: false),
            .init("draft", .object),
        ], submitters: []),
        EventSchema(type: approved, fields: [.init("alertID", .string(maxLength: 64)), .init("cap", .object)], submitters: []),
    ])
}
