import Geo
import SafeCityCore

/// Folds dispatch events and AVL positions into the ``DispatchState`` board.
public enum DispatchProjection: Projection {
    public typealias State = DispatchState

    public static let name = "dispatch"
    public static let version = 2

    public static func initialState() -> DispatchState { DispatchState() }

    /// Dispatch's own events and AVL positions; sensor readings and the rest are never read.
    public static let eventTypes: Set<EventType>? = Set(DispatchEvents.registry.types).union([DispatchEvents.unitPosition])

    public static func apply(_ record: EventRecord, to state: inout DispatchState) {
        let event = record.event
        switch event.type {
        case DispatchEvents.unitPosition:
            guard let location = event.location,
                  let payload = try? event.payload.decode(UnitPositionPayload.self),
                  state.units[payload.unitID] != nil else { return }
            state.units[payload.unitID]?.position = location
            state.units[payload.unitID]?.positionAt = event.occurredAt
        case DispatchEvents.stationRegistered:
            guard let location = event.location, let payload = try? event.payload.decode(DispatchEvents.StationRegistered.self) else { return }
            state.stations[payload.stationID] = .init(id: payload.stationID, agency: payload.agency, location: location)
        case DispatchEvents.unitRegistered:
            guard let payload = try? event.payload.decode(DispatchEvents.UnitRegistered.self),
                  let station = state.stations[payload.stationID] else { return }
            state.units[payload.unitID] = .init(
                id: payload.unitID, agency: payload.agency, kind: payload.kind, stationID: payload.stationID,
                status: .available, statusSince: event.occurredAt, incidentID: nil, position: station.location, positionAt: nil,
                history: [.init(status: .available, at: event.occurredAt, incidentID: nil)])
        case DispatchEvents.unitStatusChanged:
            guard let payload = try? event.payload.decode(DispatchEvents.UnitStatusChanged.self),
                  var unit = state.units[payload.unitID] else { return }
            let incidentID = payload.to.isCommitted ? payload.incidentID : nil
            unit.status = payload.to
            unit.statusSince = event.occurredAt
            unit.incidentID = incidentID
            unit.history.append(.init(status: payload.to, at: event.occurredAt, incidentID: incidentID))
            state.units[payload.unitID] = unit
            if let incident = payload.incidentID {
                let reason = payload.reason.map { " (\($0))" } ?? ""
                note(record, "\(payload.unitID): \(payload.from.rawValue) → \(payload.to.rawValue)\(reason)", incident: incident, in: &state)
            }
        case DispatchEvents.incidentOpened:
            guard let location = event.location, let payload = try? event.payload.decode(DispatchEvents.IncidentOpened.self) else { return }
            state.incidentCount += 1
            state.incidents[payload.incidentID] = .init(
                id: payload.incidentID, typeCode: payload.typeCode, priority: payload.priority, summary: payload.summary,
                address: payload.address, callID: payload.callID, location: location,
                reportedLocation: GeoPoint(latitude: payload.reportedLatitude, longitude: payload.reportedLongitude),
                callerSealed: payload.callerSealed, possibleDuplicates: payload.possibleDuplicates, openedAt: event.occurredAt,
                closedAt: nil, disposition: nil, mergedInto: nil, escalatedAt: nil, assignedUnits: [], timeline: [])
            note(record, "opened: \(payload.typeCode) priority \(payload.priority)", incident: payload.incidentID, in: &state)
        case DispatchEvents.unitAssigned:
            guard let payload = try? event.payload.decode(DispatchEvents.UnitAssigned.self) else { return }
            state.incidents[payload.incidentID]?.assignedUnits.append(payload.unitID)
            note(record, "assigned \(payload.unitID): \(payload.reason)", incident: payload.incidentID, in: &state)
        case DispatchEvents.incidentClosed:
            guard let payload = try? event.payload.decode(DispatchEvents.IncidentClosed.self) else { return }
            state.incidents[payload.incidentID]?.closedAt = event.occurredAt
            state.incidents[payload.incidentID]?.disposition = payload.disposition
            note(record, "closed: \(payload.disposition)", incident: payload.incidentID, in: &state)
        case DispatchEvents.incidentMerged:
            guard let payload = try? event.payload.decode(DispatchEvents.IncidentMerged.self) else { return }
            state.incidents[payload.incidentID]?.closedAt = event.occurredAt
            state.incidents[payload.incidentID]?.disposition = "duplicate"
            state.incidents[payload.incidentID]?.mergedInto = payload.into
            for unitID in payload.movedUnits where state.units[unitID] != nil {
                state.units[unitID]?.incidentID = payload.into
                state.incidents[payload.into]?.assignedUnits.append(unitID)
            }
            let moved = payload.movedUnits.isEmpty ? "" : "; units moved: \(payload.movedUnits.joined(separator: ", "))"
            note(record, "merged into \(payload.into) as a duplicate\(moved)", incident: payload.incidentID, in: &state)
            note(record, "absorbed duplicate \(payload.incidentID)\(moved)", incident: payload.into, in: &state)
        case DispatchEvents.hospitalRegistered:
            guard let location = event.location, let payload = try? event.payload.decode(DispatchEvents.HospitalRegistered.self) else { return }
            state.hospitals[payload.hospitalID] = .init(id: payload.hospitalID, name: payload.name, location: location, beds: [:],
                                                        diversion: false, updatedAt: event.occurredAt)
        case DispatchEvents.hospitalUpdated:
            guard let payload = try? event.payload.decode(DispatchEvents.HospitalUpdated.self) else { return }
            state.hospitals[payload.hospitalID]?.beds = payload.beds
            state.hospitals[payload.hospitalID]?.diversion = payload.diversion
            state.hospitals[payload.hospitalID]?.updatedAt = event.occurredAt
        case DispatchEvents.incidentEscalated:
            guard let payload = try? event.payload.decode(DispatchEvents.IncidentEscalated.self) else { return }
            state.incidents[payload.incidentID]?.escalatedAt = event.occurredAt
            note(record, "escalated: no unit acknowledged within \(payload.limitSeconds) s (waited \(payload.waitedSeconds) s)",
                 incident: payload.incidentID, in: &state)
        default:
            return
        }
    }

    private static func note(_ record: EventRecord, _ what: String, incident: String, in state: inout DispatchState) {
        state.incidents[incident]?.timeline.append(
            .init(sequence: record.sequence, at: record.event.occurredAt, actor: record.event.actor, what: what))
    }

    /// The fields of `unit.position` the board needs.
    private struct UnitPositionPayload: Decodable {
        var unitID: String
    }
}
