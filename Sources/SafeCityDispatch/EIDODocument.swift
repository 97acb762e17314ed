import Foundation
import Geo
import SafeCityCore

/// An incident in a JSON exchange format modelled on NENA's Emergency Incident Data Object
/// (NENA-STA-021.1a-2022), so that another agency's CAD can take it over or hand one to us.
///
/// The component and field names are EIDO's where SafeCity has the datum (`incidentComponent`,
/// `locationComponent`, `agencyComponent`, `emergencyResourceComponent`, `notesComponent`, `$id`
/// and `$ref:` references, `lastUpdateTimeStamp`); locations are carried by value as GeoJSON
/// points. Caller details are never exported: they stay sealed in the sending CAD. The subset is
/// documented in `docs/eido.md`.
public struct EIDODocument: Codable, Sendable, Equatable {
    public var eidoMessageIdentifier: String
    public var lastUpdateTimeStamp: String
    public var sendingSystemIdentifier: String
    public var incidentComponent: [Incident]
    public var locationComponent: [Location]
    public var agencyComponent: [Agency]?
    public var emergencyResourceComponent: [Resource]?
    public var notesComponent: [Note]?

    public struct Incident: Codable, Sendable, Equatable {
        public var id: String
        public var incidentTrackingIdentifier: String
        public var lastUpdateTimeStamp: String
        /// The common incident type name (APCO/NENA ANS 2.103.2 naming), e.g. `Structure fire`.
        public var incidentTypeCommonRegistryText: String
        /// The sending system's own code, e.g. SafeCity's `FIRE-STRUCTURE`.
        public var incidentTypeInternalCode: String?
        /// 1 (most urgent) … 5.
        public var incidentCommonPriorityNumber: Int
        /// `Open` or `Closed`.
        public var incidentStatusCommonRegistryText: String
        public var incidentCreationTimeStamp: String
        public var locationReference: String
        public var dispositionCommonRegistryText: String?

        enum CodingKeys: String, CodingKey {
            case id = "$id"
            case incidentTrackingIdentifier, lastUpdateTimeStamp, incidentTypeCommonRegistryText, incidentTypeInternalCode
            case incidentCommonPriorityNumber, incidentStatusCommonRegistryText, incidentCreationTimeStamp, locationReference
            case dispositionCommonRegistryText
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var id: String
        /// A GeoJSON point: `{"type": "Point", "coordinates": [longitude, latitude]}`.
        public var locationByValue: Point
        public var civicAddressText: String?

        enum CodingKeys: String, CodingKey {
            case id = "$id"
            case locationByValue, civicAddressText
        }
    }

    public struct Point: Codable, Sendable, Equatable {
        public var type: String
        public var coordinates: [Double]
    }

    public struct Agency: Codable, Sendable, Equatable {
        public var id: String
        public var agencyIdentifier: String
        public var agencyName: String

        enum CodingKeys: String, CodingKey {
            case id = "$id"
            case agencyIdentifier, agencyName
        }
    }

    public struct Resource: Codable, Sendable, Equatable {
        public var id: String
        public var emergencyResourceIdentifier: String
        public var emergencyResourceTypeText: String
        public var emergencyResourceStatusText: String
        public var agencyReference: String

        enum CodingKeys: String, CodingKey {
            case id = "$id"
            case emergencyResourceIdentifier, emergencyResourceTypeText, emergencyResourceStatusText, agencyReference
        }
    }

    public struct Note: Codable, Sendable, Equatable {
        public var noteText: String
        public var noteDateTimeStamp: String
        public var authorReference: String?
    }
}

extension EIDODocument {
    /// The EIDO of an incident on a board, as this CAD (`system`) sends it.
    public static func export(_ incident: DispatchState.Incident, board: DispatchState, system: String, at now: Timestamp) -> EIDODocument {
        let type = IncidentType.named(incident.typeCode)
        let units = incident.assignedUnits.compactMap { board.units[$0] }
        let agencies = Set(units.map(\.agency)).sorted()
        return EIDODocument(
            eidoMessageIdentifier: "urn:safecity:eido:\(system):\(incident.id):\(now.millisecondsSince1970)",
            lastUpdateTimeStamp: now.description,
            sendingSystemIdentifier: system,
            incidentComponent: [Incident(
                id: "incident-1", incidentTrackingIdentifier: "urn:safecity:incident:\(system):\(incident.id)",
                lastUpdateTimeStamp: now.description, incidentTypeCommonRegistryText: type?.name ?? incident.typeCode,
                incidentTypeInternalCode: incident.typeCode, incidentCommonPriorityNumber: incident.priority,
                incidentStatusCommonRegistryText: incident.isOpen ? "Open" : "Closed",
                incidentCreationTimeStamp: incident.openedAt.description, locationReference: "$ref:location-1",
                dispositionCommonRegistryText: incident.disposition)],
            locationComponent: [Location(
                id: "location-1",
                locationByValue: Point(type: "Point", coordinates: [incident.location.longitude, incident.location.latitude]),
                civicAddressText: incident.address)],
            agencyComponent: agencies.map { Agency(id: "agency-\($0)", agencyIdentifier: "\(system):\($0)", agencyName: $0) },
            emergencyResourceComponent: units.map { unit in
                Resource(id: "resource-\(unit.id)", emergencyResourceIdentifier: unit.id, emergencyResourceTypeText: unit.kind,
                         emergencyResourceStatusText: unit.incidentID == incident.id ? unit.status.rawValue : "released",
                         agencyReference: "$ref:agency-\(unit.agency)")
            },
            notesComponent: ([Note(noteText: incident.summary, noteDateTimeStamp: incident.openedAt.description, authorReference: nil)]
                + incident.timeline.map { Note(noteText: $0.what, noteDateTimeStamp: $0.at.description, authorReference: $0.actor) })
                .filter { !$0.noteText.isEmpty })
    }

    /// The call-taker form that opens this EIDO's incident here, or the field at fault.
    ///
    /// The type is matched by SafeCity code first, then by common registry name (case-insensitive).
    public func callForm() throws(ValidationError) -> CallForm {
        guard incidentComponent.count == 1, let incident = incidentComponent.first else {
            throw ValidationError(field: "incidentComponent", reason: "must hold exactly one incident, got \(incidentComponent.count)")
        }
        let byName = IncidentType.all.first { $0.name.caseInsensitiveCompare(incident.incidentTypeCommonRegistryText) == .orderedSame }
        guard let type = incident.incidentTypeInternalCode.flatMap(IncidentType.named) ?? byName else {
            throw ValidationError(field: "incidentComponent[0].incidentTypeCommonRegistryText",
                                  reason: "\"\(incident.incidentTypeCommonRegistryText)\" is not a type on GET /v1/dispatch/incident-types")
        }
        guard incident.locationReference.hasPrefix("$ref:"),
              let location = locationComponent.first(where: { "$ref:" + $0.id == incident.locationReference })
        else {
            throw ValidationError(field: "incidentComponent[0].locationReference",
                                  reason: "must be \"$ref:<id>\" of an entry of locationComponent, got \"\(incident.locationReference)\"")
        }
        guard location.locationByValue.type == "Point", location.locationByValue.coordinates.count == 2 else {
            throw ValidationError(field: "locationComponent.locationByValue", reason: "must be a GeoJSON Point [longitude, latitude]")
        }
        let summary = notesComponent?.first?.noteText ?? ""
        return CallForm(typeCode: type.code, priority: incident.incidentCommonPriorityNumber,
                        latitude: location.locationByValue.coordinates[1], longitude: location.locationByValue.coordinates[0],
                        address: location.civicAddressText, summary: String(summary.prefix(2000)),
                        callID: String(incident.incidentTrackingIdentifier.suffix(64)))
    }
}
