import Community
import Geo
import SafeCityCore

/// Event types of exercises. What a drill injects carries its drill id: the call's id and source, the
/// warning's drafter; `drill.started` links them.
public enum DrillEvents {
    public static let started: EventType = "drill.started"
    public static let ended: EventType = "drill.ended"

    /// Payload of ``started``.
    public struct Started: Codable, Sendable, Equatable {
        public var drillID: String
        public var scenario: String
        public var callID: String
    }

    /// Payload of ``ended``.
    public struct Ended: Codable, Sendable, Equatable {
        public var drillID: String
        public var report: AfterActionReport
    }

    public static let registry = EventTypeRegistry([
        EventSchema(type: started, fields: [.init("drillID", .string(maxLength: 64)), .init("scenario", .string(maxLength: 64))], submitters: []),
        EventSchema(type: ended, fields: [.init("drillID", .string(maxLength: 64)), .init("report", .object)], submitters: []),
    ])
}
