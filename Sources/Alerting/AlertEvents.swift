import SafeCityCore

/// Event types the alerting service writes; none can be submitted over the events API.
public enum AlertEvents {
    public static let drafted: EventType = "alert.drafted"
    public static let approved: EventType = "alert.approved"
    /// A draft turned down by a supervisor; it can no longer be issued.
    public static let rejected: EventType = "alert.rejected"
    public static let subscribed: EventType = "alert.subscription.created"
    public static let unsubscribed: EventType = "alert.subscription.deleted"
    /// A delivery given up: the subscription was removed, or the receiver failed for the whole retry window.
    public static let deliveryAbandoned: EventType = "alert.delivery.abandoned"
    /// An external CAP alert taken in as a signal (e.g. a national weather service's warning).
    public static let ingested: EventType = "signal.cap-alert"

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

    /// Payload of ``rejected``: why the draft was turned down. The supervisor is the event's actor.
    public struct Rejected: Codable, Sendable, Equatable {
        public var alertID: String
        public var reason: String
    }

    /// Payload of ``subscribed``: the subscription, and its webhook URL and secret sealed with the field key.
    public struct Subscribed: Codable, Sendable, Equatable {
        public var subscription: Subscription
        public var sealedEndpoint: String
        public var sealedSecret: String
    }

    /// Payload of ``unsubscribed``.
    public struct Unsubscribed: Codable, Sendable, Equatable {
        public var subscriptionID: String
    }

    /// Payload of ``deliveryAbandoned``.
    public struct DeliveryAbandoned: Codable, Sendable, Equatable {
        public var alertID: String
        public var subscriptionID: String
        public var attempts: Int
        public var lastError: String

        public init(alertID: String, subscriptionID: String, attempts: Int, lastError: String) {
            self.alertID = alertID
            self.subscriptionID = subscriptionID
            self.attempts = attempts
            self.lastError = lastError
        }
    }

    /// Payload of ``ingested``: the external message as parsed.
    public struct Ingested: Codable, Sendable, Equatable {
        public var identifier: String
        public var sender: String
        public var msgType: CAPAlert.MessageType
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
        EventSchema(type: rejected, fields: [.init("alertID", .string(maxLength: 64)), .init("reason", .string(maxLength: 1_000))], submitters: []),
        EventSchema(type: subscribed, fields: [
            .init("subscription", .object), .init("sealedEndpoint", .string(maxLength: 8192)), .init("sealedSecret", .string(maxLength: 1024)),
        ], submitters: []),
        EventSchema(type: unsubscribed, fields: [.init("subscriptionID", .string(maxLength: 64))], submitters: []),
        EventSchema(type: deliveryAbandoned, fields: [
            .init("alertID", .string(maxLength: 64)), .init("subscriptionID", .string(maxLength: 64)),
            .init("attempts", .integer(range: 0...Int64(Int32.max))), .init("lastError", .string(maxLength: 4096)),
        ], submitters: []),
        EventSchema(type: ingested, fields: [
            .init("identifier", .string(maxLength: 1024)), .init("sender", .string(maxLength: 1024)),
            .init("msgType", .oneOf(Set(CAPAlert.MessageType.allCases.map(\.rawValue)))), .init("cap", .object),
        ], submitters: []),
    ])
}
