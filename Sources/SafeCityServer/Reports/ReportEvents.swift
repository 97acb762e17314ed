import Community
import SafeCityCore

/// Event types of residents' reports (Open311). Contact details are sealed with the field key
/// before they reach the log; the public parts are what GeoReport shows anyway.
public enum ReportEvents {
    public static let submitted: EventType = "report.submitted"
    public static let statusChanged: EventType = "report.status-changed"
    /// A resident is to be told of a step; the channels are named, the contact stays sealed in the submission.
    public static let notification: EventType = "report.notification"
    /// A notice to a reporter was given up (refused for good, no address any more, or retried too long); no address in it.
    public static let noticeAbandoned: EventType = "report.notice.abandoned"
    /// A report of a service that suggests an incident (suspicious activity), for the desk.
    public static let signal: EventType = "signal.report"

    /// Payload of ``submitted``: the checked submission without its contact, the contact sealed, and the
    /// open request it joined when it was a duplicate. Replaying these through the engine rebuilds every request.
    public struct Submitted: Codable, Sendable, Equatable {
        public var requestID: String
        public var submission: ServiceRequestSubmission
        public var sealedContact: String?
        public var mergedInto: String?
    }

    /// Payload of ``statusChanged``.
    public struct StatusChanged: Codable, Sendable, Equatable {
        public var requestID: String
        public var status: ReportStatus
        public var publicNote: String?
        public var agencyID: String?
    }

    /// Payload of ``notification``.
    public struct Notification: Codable, Sendable, Equatable {
        public var requestID: String
        public var reporterRequestID: String
        public var kind: String
        public var status: String
        public var channels: [String]
        /// The service's public name and the step's public note, for the words of the notice (absent in older events).
        public var serviceName: String?
        public var publicNote: String?
    }

    /// Payload of ``noticeAbandoned``: which notice (outbox key, notification event), which requests, why.
    public struct NoticeAbandoned: Codable, Sendable, Equatable {
        public var key: String
        public var eventSequence: Int64
        public var requestID: String
        public var reporterRequestID: String
        public var channel: String
        public var attempts: Int
        public var reason: String
    }

    /// Payload of ``signal``.
    public struct Signal: Codable, Sendable, Equatable {
        public var requestID: String
        public var serviceCode: String
        public var summary: String
    }

    public static let registry = EventTypeRegistry([
        EventSchema(type: submitted, fields: [.init("requestID", .string(maxLength: 64)), .init("submission", .object)], submitters: []),
        EventSchema(type: statusChanged, fields: [
            .init("requestID", .string(maxLength: 64)), .init("status", .oneOf(Set(ReportStatus.allCases.map(\.rawValue)))),
        ], submitters: []),
        EventSchema(type: notification, fields: [.init("requestID", .string(maxLength: 64)), .init("channels", .array)], submitters: []),
        EventSchema(type: noticeAbandoned, fields: [.init("key", .string(maxLength: 64)), .init("reason", .string(maxLength: 2_000))], submitters: []),
        EventSchema(type: signal, fields: [.init("requestID", .string(maxLength: 64)), .init("summary", .string(maxLength: 2_000))], submitters: []),
    ])
}
