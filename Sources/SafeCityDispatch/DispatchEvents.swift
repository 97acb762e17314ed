import SafeCityCore

/// The dispatch event types and their payloads; only ``DispatchService`` writes them.
public enum DispatchEvents {
    public static let stationRegistered: EventType = "dispatch.station.registered"
    public static let unitRegistered: EventType = "dispatch.unit.registered"
    public static let unitStatusChanged: EventType = "dispatch.unit.status-changed"
    public static let incidentOpened: EventType = "dispatch.incident.opened"
    public static let unitAssigned: EventType = "dispatch.incident.unit-assigned"
    public static let incidentClosed: EventType = "dispatch.incident.closed"
    public static let incidentMerged: EventType = "dispatch.incident.merged"
    public static let incidentEscalated: EventType = "dispatch.incident.escalated"
    public static let hospitalRegistered: EventType = "dispatch.hospital.registered"
    public static let hospitalUpdated: EventType = "dispatch.hospital.updated"
    /// The AVL report units (and the simulation) send; its schema lives with the field event types.
    public static let unitPosition: EventType = "unit.position"

    /// Agencies a station or unit can belong to.
    public static let agencies: Set<String> = ["police", "fire", "ems"]

    /// A station opened (its location is the event's location).
    public struct StationRegistered: Codable, Sendable, Equatable {
        public var stationID: String
        public var agency: String
    }

    /// A unit joined a station's roster.
    public struct UnitRegistered: Codable, Sendable, Equatable {
        public var unitID: String
        public var agency: String
        public var kind: String
        public var stationID: String
    }

    /// A unit moved from one status to another (the incident is set while it is committed).
    public struct UnitStatusChanged: Codable, Sendable, Equatable {
        public var unitID: String
        public var from: UnitStatus
        public var to: UnitStatus
        public var incidentID: String?
        public var reason: String?
    }

    /// An incident was opened from a call; its road-snapped location is the event's location.
    public struct IncidentOpened: Codable, Sendable, Equatable {
        public var incidentID: String
        public var typeCode: String
        public var priority: Int
        public var summary: String
        public var address: String?
        public var callID: String?
        /// Where the caller said, before snapping to the road.
        public var reportedLatitude: Double
        public var reportedLongitude: Double
        /// Caller name and phone, sealed with AES-GCM (base64); never stored in clear.
        public var callerSealed: String?
        /// Open incidents that look like the same event, for a person to merge.
        public var possibleDuplicates: [String]
    }

    /// A unit was sent to an incident, with the ETA and the reason it was chosen.
    public struct UnitAssigned: Codable, Sendable, Equatable {
        public var incidentID: String
        public var unitID: String
        public var etaSeconds: Double?
        public var routeMetres: Double?
        public var reason: String
    }

    /// An incident was closed with a disposition code.
    public struct IncidentClosed: Codable, Sendable, Equatable {
        public var incidentID: String
        public var disposition: String
    }

    /// A person confirmed that an incident duplicates another: it closes as `duplicate`, its units move over.
    public struct IncidentMerged: Codable, Sendable, Equatable {
        /// The duplicate, which closes.
        public var incidentID: String
        /// The incident that carries on.
        public var into: String
        /// Units that were committed to the duplicate and now serve the other incident.
        public var movedUnits: [String]
    }

    /// An incident waited longer than its priority allows without a unit acknowledging (en route or on scene).
    public struct IncidentEscalated: Codable, Sendable, Equatable {
        public var incidentID: String
        public var waitedSeconds: Int64
        public var limitSeconds: Int64
    }

    /// A receiving hospital joined the list (its location is the event's location).
    public struct HospitalRegistered: Codable, Sendable, Equatable {
        public var hospitalID: String
        public var name: String
    }

    /// A hospital reported its free beds by type and whether it is on diversion.
    public struct HospitalUpdated: Codable, Sendable, Equatable {
        public var hospitalID: String
        public var beds: [String: Int]
        public var diversion: Bool
    }

    /// Disposition codes an incident may close with.
    public static let dispositions: Set<String> = [
        "resolved", "transported", "report-taken", "no-action", "unfounded", "cancelled", "duplicate", "referred",
    ]

    private static let statuses = Set(UnitStatus.allCases.map(\.rawValue))

    /// The schemas; `submitters` is empty, so the events API refuses them.
    public static let registry = EventTypeRegistry([
        EventSchema(type: stationRegistered, fields: [
            .init("stationID", .string(maxLength: 64)), .init("agency", .oneOf(agencies)),
        ], submitters: [], requiresLocation: true),
        EventSchema(type: unitRegistered, fields: [
            .init("unitID", .string(maxLength: 64)), .init("agency", .oneOf(agencies)),
            .init("kind", .string(maxLength: 64)), .init("stationID", .string(maxLength: 64)),
        ], submitters: []),
        EventSchema(type: unitStatusChanged, fields: [
            .init("unitID", .string(maxLength: 64)), .init("from", .oneOf(statuses)), .init("to", .oneOf(statuses)),
            .init("incidentID", .string(maxLength: 64), required: false), .init("reason", .string(maxLength: 500), required: false),
        ], submitters: []),
        EventSchema(type: incidentOpened, fields: [
            .init("incidentID", .string(maxLength: 64)), .init("typeCode", .oneOf(Set(IncidentType.all.map(\.code)))),
            .init("priority", .integer(range: 1...5)), .init("summary", .string(maxLength: 2000)),
        ], submitters: [], requiresLocation: true),
        EventSchema(type: unitAssigned, fields: [
            .init("incidentID", .string(maxLength: 64)), .init("unitID", .string(maxLength: 64)),
            .init("reason", .string(maxLength: 1000)),
        ], submitters: []),
        EventSchema(type: incidentClosed, fields: [
            .init("incidentID", .string(maxLength: 64)), .init("disposition", .oneOf(dispositions)),
        ], submitters: []),
        EventSchema(type: incidentMerged, fields: [
            .init("incidentID", .string(maxLength: 64)), .init("into", .string(maxLength: 64)),
        ], submitters: []),
        EventSchema(type: hospitalRegistered, fields: [
            .init("hospitalID", .string(maxLength: 64)), .init("name", .string(maxLength: 200)),
        ], submitters: [], requiresLocation: true),
        EventSchema(type: hospitalUpdated, fields: [.init("hospitalID", .string(maxLength: 64))], submitters: []),
        EventSchema(type: incidentEscalated, fields: [
            .init("incidentID", .string(maxLength: 64)), .init("waitedSeconds", .integer(range: 0...Int64.max)),
            .init("limitSeconds", .integer(range: 0...Int64.max)),
        ], submitters: []),
    ])
}
