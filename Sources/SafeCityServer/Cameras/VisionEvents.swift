import SafeCityCore
import Vision

/// Event types the camera desk writes. Detections themselves are not logged: at several frames a
/// second per camera they would drown the log, and they are of no use once tracked; what is kept is
/// the camera set-up and every behaviour signal with its evidence.
public enum VisionEvents {
    public static let registered: EventType = "camera.registered"
    public static let retired: EventType = "camera.retired"
    /// A behaviour began or cleared (or a crossing of a signalled line happened) on a camera.
    public static let signal: EventType = "signal.vision"

    /// Payload of ``retired``.
    public struct Retired: Codable, Sendable, Equatable {
        public var cameraID: String
    }

    /// Payload of ``signal``: what was seen, where, its threat score term by term, and the track positions behind it.
    public struct SignalPayload: Codable, Sendable, Equatable {
        public var cameraID: String
        public var cameraName: String
        public var behaviour: String
        /// `began`, `cleared` or `instant`.
        public var phase: String
        /// Shared by the began and cleared signals of one episode.
        public var episode: Int
        /// Zone or line name.
        public var place: String
        public var sensitivity: String
        public var summary: String
        public var startedAt: Timestamp
        public var measurement: Double
        public var direction: String?
        public var threatScore: Double
        public var threatTerms: [ThreatTerm]
        /// Whether the score is above the camera's incident level: a person should confirm an incident.
        public var suggestsIncident: Bool
        /// Anonymous track numbers of this camera.
        public var trackIds: [Int]
        public var evidence: [CameraSignal.Evidence]
    }

    /// At most this many evidence points are kept per signal, evenly spread.
    static let evidenceKept = 24

    public static let registry = EventTypeRegistry([
        EventSchema(type: registered, fields: [
            .init("id", .string(maxLength: 64)), .init("name", .string(maxLength: 200)), .init("location", .object),
            .init("calibration", .array),
        ], submitters: []),
        EventSchema(type: retired, fields: [.init("cameraID", .string(maxLength: 64))], submitters: []),
        EventSchema(type: signal, fields: [
            .init("cameraID", .string(maxLength: 64)), .init("behaviour", .oneOf(Set(BehaviourKind.allCases.map(\.rawValue)))),
            .init("phase", .oneOf(["began", "cleared", "instant"])), .init("threatScore", .number(range: 0...100)),
        ], submitters: []),
    ])
}
