import Geo
import SafeCityCore

/// The dispatch board: stations, units with their status and position, and incidents with their timelines.
public struct DispatchState: Codable, Sendable, Equatable {
    /// A registered station.
    public struct Station: Codable, Sendable, Equatable {
        public var id: String
        public var agency: String
        public var location: GeoPoint
    }

    /// One status a unit held and when it began.
    public struct StatusStamp: Codable, Sendable, Equatable {
        public var status: UnitStatus
        public var at: Timestamp
        public var incidentID: String?
    }

    /// A registered unit and its live state.
    public struct Unit: Codable, Sendable, Equatable {
        public var id: String
        public var agency: String
        public var kind: String
        public var stationID: String
        public var status: UnitStatus
        public var statusSince: Timestamp
        /// The incident the unit is committed to, if any (at most one).
        public var incidentID: String?
        /// The last AVL position, else the station's location.
        public var position: GeoPoint
        public var positionAt: Timestamp?
        /// Every status the unit has held, oldest first.
        public var history: [StatusStamp]
    }

    /// One line of an incident's timeline.
    public struct TimelineEntry: Codable, Sendable, Equatable {
        public var sequence: Int64
        public var at: Timestamp
        public var actor: String
        public var what: String
    }

    /// An incident and everything that happened to it.
    public struct Incident: Codable, Sendable, Equatable {
        public var id: String
        public var typeCode: String
        public var priority: Int
        public var summary: String
        public var address: String?
        public var callID: String?
        /// The road-snapped location units are routed to.
        public var location: GeoPoint
        public var reportedLocation: GeoPoint
        public var callerSealed: String?
        public var possibleDuplicates: [String]
        public var openedAt: Timestamp
        public var closedAt: Timestamp?
        public var disposition: String?
        /// The incident this one was merged into, when a person confirmed it a duplicate.
        public var mergedInto: String?
        /// When the incident was escalated for waiting too long without an acknowledging unit.
        public var escalatedAt: Timestamp?
        /// Units ever assigned, in order.
        public var assignedUnits: [String]
        public var timeline: [TimelineEntry]

        public var isOpen: Bool { closedAt == nil }
    }

    /// A receiving hospital and its last reported capacity.
    public struct Hospital: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var location: GeoPoint
        /// Free beds by type, e.g. `emergency`, `trauma`, `cardiac`, `burns`, `paediatric`.
        public var beds: [String: Int]
        public var diversion: Bool
        public var updatedAt: Timestamp
    }

    public var stations: [String: Station] = [:]
    public var hospitals: [String: Hospital] = [:]
    public var units: [String: Unit] = [:]
    public var incidents: [String: Incident] = [:]
    /// Incidents opened so far, for numbering.
    public var incidentCount = 0

    public init() {}
}
