import Geo
import RoadNetwork
import SafeCityCore
import Security

/// Validates dispatch commands against the board and appends their events.
///
/// - Note: Commands run one at a time: each catches up with the log, checks the current state and
///   appends inside the same critical section, so two dispatchers cannot both send one unit.
public actor DispatchService {
    private let log: any EventLog
    private let routing: (any RoutingProvider)?
    private let streets: StreetGazetteer?
    private let vault: FieldVault
    private let clock: any WallClock
    /// Told of every batch this service appended (the server counts them in its metrics).
    private let onAppended: @Sendable ([EventRecord]) -> Void
    /// Commands run again because another node changed the board under them.
    public private(set) var conflictRetries = 0
    private var state: DispatchState
    private var sequence: Int64
    private var busy = false
    /// Where each unit's last position snaps on the road network: positions change every few seconds,
    /// recommendations may come many times in between.
    private var unitNodes: [String: (position: GeoPoint, node: NodeID?)] = [:]
    private var waiters: [CheckedContinuation<Void, Never>] = []
    /// Open incidents of the same type within this distance are suggested as duplicates.
    public let duplicateRadiusMetres: Double
    /// … and opened within this many minutes.
    public let duplicateWindowMinutes: Int64

    /// A service over a log, resuming from a projection snapshot (or the empty board).
    public init(log: any EventLog, routing: (any RoutingProvider)?, vault: FieldVault, clock: any WallClock,
                start: (state: DispatchState, sequence: Int64) = (DispatchState(), 0), streets: StreetGazetteer? = nil,
                duplicateRadiusMetres: Double = 300, duplicateWindowMinutes: Int64 = 30,
                onAppended: @escaping @Sendable ([EventRecord]) -> Void = { _ in }) {
        self.log = log
        self.routing = routing
        self.streets = streets
        self.vault = vault
        self.clock = clock
        self.onAppended = onAppended
        self.state = start.state
        self.sequence = start.sequence
        self.duplicateRadiusMetres = duplicateRadiusMetres
        self.duplicateWindowMinutes = duplicateWindowMinutes
    }

    // MARK: Reads

    /// The current board, caught up with the log.
    public func board() async throws -> DispatchState {
        try await boardWithSequence().0
    }

    /// The current board and the last log sequence folded into it.
    public func boardWithSequence() async throws -> (DispatchState, Int64) {
        try await command {
            return (state, sequence)
        }
    }

    /// The caller details of an incident, decrypted (for roles allowed to see them); `[shredded]` once retention has passed.
    public func callerDetails(incidentID: String) async throws -> String? {
        let incident = try await incident(incidentID)
        guard let sealed = incident.callerSealed else { return nil }
        return await vault.readable(sealed)
    }

    /// One incident with its timeline.
    public func incident(_ id: String) async throws -> DispatchState.Incident {
        guard let incident = try await board().incidents[id] else { throw DispatchError.notFound(kind: "incident", id: id) }
        return incident
    }

    /// The units committed to an incident with their live ETA from where they are now (nil on scene or unroutable),
    /// so that ETAs follow AVL positions and traffic.
    public func responders(incidentID: String) async throws -> [Responder] {
        let board = try await board()
        guard let incident = board.incidents[incidentID] else { throw DispatchError.notFound(kind: "incident", id: incidentID) }
        let units = board.units.values.filter { $0.incidentID == incidentID }.sorted { $0.id < $1.id }
        let moving = units.filter { $0.status == .dispatched || $0.status == .enRoute }
        let times = routing?.travelTimes(from: moving.map(\.position), to: incident.location) ?? moving.map { _ in nil }
        let eta = Dictionary(uniqueKeysWithValues: zip(moving.map(\.id), times))
        return units.map { Responder(unitID: $0.id, kind: $0.kind, status: $0.status, etaSeconds: eta[$0.id] ?? nil, positionAt: $0.positionAt) }
    }

    /// The run card of an open incident filled with the available units of lowest live ETA.
    public func recommend(incidentID: String) async throws -> RecommendationResult {
        let board = try await board()
        guard let incident = board.incidents[incidentID] else { throw DispatchError.notFound(kind: "incident", id: incidentID) }
        guard incident.isOpen else { throw DispatchError.conflict("incident \(incidentID) is closed") }
        return try recommendation(IncidentType.named(incident.typeCode)!, at: incident.location, board: board, field: "incident")
    }

    /// A recommendation for a hypothetical incident (what-if and the CLI).
    public func recommend(typeCode: String, at point: GeoPoint) async throws -> RecommendationResult {
        let type = try Self.checked { () throws(ValidationError) in try CallForm(typeCode: typeCode, priority: 1).incidentType() }
        return try recommendation(type, at: point, board: try await board(), field: "location")
    }

    /// The incident as an EIDO document for another agency's CAD; `system` names this CAD.
    public func exportEIDO(incidentID: String, system: String) async throws -> EIDODocument {
        let board = try await board()
        guard let incident = board.incidents[incidentID] else { throw DispatchError.notFound(kind: "incident", id: incidentID) }
        return EIDODocument.export(incident, board: board, system: system, at: clock.now())
    }

    /// Opens an incident handed over by another agency's CAD as an EIDO document.
    public func importEIDO(_ document: EIDODocument, actor: String) async throws -> DispatchState.Incident {
        let form = try Self.checked { () throws(ValidationError) in try document.callForm() }
        return try await openIncident(form, actor: actor)
    }

    /// Receiving hospitals for an incident's patient needing a `bedType` bed, best first.
    public func destinations(incidentID: String, bedType: String) async throws -> [HospitalDestinations.Suggestion] {
        let board = try await board()
        guard let incident = board.incidents[incidentID] else { throw DispatchError.notFound(kind: "incident", id: incidentID) }
        guard let routing else { throw DispatchError.noRoads }
        guard let ranked = HospitalDestinations.rank(for: incident.location, bedType: bedType, hospitals: board.hospitals.values, routing: routing)
        else { throw DispatchError.invalid(ValidationError(field: "incident", reason: "is off the road network")) }
        return ranked
    }

    /// An agency's coverage within `minutes` now and as planned, with the best move-up.
    public func coverage(agency: String, minutes: Double) async throws -> CoverageAnalysis.Report {
        try Self.checked { () throws(ValidationError) in
            try Self.checkAgency(agency)
            guard minutes.isFinite, minutes > 0, minutes <= 60 else {
                throw ValidationError(field: "minutes", reason: "must be within 0…60, got \(minutes)")
            }
        }
        guard let routing else { throw DispatchError.noRoads }
        return CoverageAnalysis.analyse(agency: agency, minutes: minutes, board: try await board(), routing: routing)
    }

    /// Adds a receiving hospital.
    @discardableResult
    public func registerHospital(id: String, name: String, location: GeoPoint, actor: String) async throws -> DispatchState.Hospital {
        try await command {
            try Self.checked { () throws(ValidationError) in
                try Self.checkID(id, field: "hospitalID")
                guard !name.isEmpty, name.count <= 200 else { throw ValidationError(field: "name", reason: "must be 1–200 characters") }
                guard location.isValid else { throw ValidationError(field: "location", reason: "coordinates out of range") }
            }
            guard state.hospitals[id] == nil else { throw DispatchError.conflict("hospital \(id) is already registered") }
            try await write([event(DispatchEvents.hospitalRegistered, actor: actor, location: location,
                                   DispatchEvents.HospitalRegistered(hospitalID: id, name: name))])
            return state.hospitals[id]!
        }
    }

    /// Records a hospital's free beds by type and its diversion status.
    @discardableResult
    public func updateHospital(id: String, beds: [String: Int], diversion: Bool, actor: String) async throws -> DispatchState.Hospital {
        try await command {
            guard state.hospitals[id] != nil else { throw DispatchError.notFound(kind: "hospital", id: id) }
            try Self.checked { () throws(ValidationError) in
                for (type, count) in beds {
                    try Self.checkID(type, field: "beds")
                    guard (0...10_000).contains(count) else { throw ValidationError(field: "beds.\(type)", reason: "must be within 0…10000, got \(count)") }
                }
            }
            try await write([event(DispatchEvents.hospitalUpdated, actor: actor,
                                   DispatchEvents.HospitalUpdated(hospitalID: id, beds: beds, diversion: diversion))])
            return state.hospitals[id]!
        }
    }

    // MARK: Registry

    /// Registers a station at a location.
    @discardableResult
    public func registerStation(id: String, agency: String, location: GeoPoint, actor: String) async throws -> DispatchState.Station {
        try await command {
            try Self.checked { () throws(ValidationError) in
                try Self.checkID(id, field: "stationID")
                try Self.checkAgency(agency)
                guard location.isValid else { throw ValidationError(field: "location", reason: "coordinates out of range") }
            }
            guard state.stations[id] == nil else { throw DispatchError.conflict("station \(id) is already registered") }
            try await write([event(DispatchEvents.stationRegistered, actor: actor, location: location,
                                   DispatchEvents.StationRegistered(stationID: id, agency: agency))])
            return state.stations[id]!
        }
    }

    /// Registers a unit at its home station; it starts available.
    @discardableResult
    public func registerUnit(id: String, agency: String, kind: String, stationID: String, actor: String) async throws -> DispatchState.Unit {
        try await command {
            try Self.checked { () throws(ValidationError) in
                try Self.checkID(id, field: "unitID")
                try Self.checkAgency(agency)
                try Self.checkID(kind, field: "kind")
            }
            guard state.stations[stationID] != nil else { throw DispatchError.notFound(kind: "station", id: stationID) }
            guard state.units[id] == nil else { throw DispatchError.conflict("unit \(id) is already registered") }
            try await write([event(DispatchEvents.unitRegistered, actor: actor,
                                   DispatchEvents.UnitRegistered(unitID: id, agency: agency, kind: kind, stationID: stationID))])
            return state.units[id]!
        }
    }

    // MARK: Status

    /// Moves a unit to a new status if the transition table allows it (and, when given, it is still in `expected`).
    @discardableResult
    public func changeStatus(unitID: String, to next: UnitStatus, expected: UnitStatus? = nil, reason: String? = nil,
                             actor: String) async throws -> DispatchState.Unit {
        try await command {
            guard let unit = state.units[unitID] else { throw DispatchError.notFound(kind: "unit", id: unitID) }
            if let expected, expected != unit.status {
                throw DispatchError.conflict("unit \(unitID) is \(unit.status.rawValue), not \(expected.rawValue)")
            }
            if next == .dispatched {
                throw DispatchError.conflict("unit \(unitID) becomes dispatched only by being assigned to an incident")
            }
            guard unit.status.canMove(to: next) else {
                let allowed = UnitStatus.transitions[unit.status, default: []].map(\.rawValue).sorted().joined(separator: ", ")
                throw DispatchError.conflict("unit \(unitID) cannot go from \(unit.status.rawValue) to \(next.rawValue); allowed: \(allowed)")
            }
            if let reason, reason.count > 500 {
                throw DispatchError.invalid(ValidationError(field: "reason", reason: "is longer than 500 characters"))
            }
            try await write([event(DispatchEvents.unitStatusChanged, actor: actor, DispatchEvents.UnitStatusChanged(
                unitID: unitID, from: unit.status, to: next, incidentID: unit.incidentID, reason: reason))])
            return state.units[unitID]!
        }
    }

    // MARK: Incidents

    /// Opens an incident from a call: validates the form, snaps the location to a road, seals the caller details.
    public func openIncident(_ form: CallForm, actor: String) async throws -> DispatchState.Incident {
        try await command {
            let streets = self.streets
            let (reported, field) = try Self.checked { () throws(ValidationError) in
                try form.validated(resolve: streets.map { gazetteer in { gazetteer.matches(for: $0, limit: 1).first?.street.point } })
            }
            var location = reported
            if let routing {
                guard let snapped = routing.snap(reported) else {
                    throw DispatchError.invalid(ValidationError(field: field, reason: "is more than \(Int(EngineRouting.maxSnapMetres)) m from any road"))
                }
                location = snapped
            }
            let now = clock.now()
            let id = "inc-\(state.incidentCount + 1)"
            var callerSealed: String?
            if let caller = form.callerText { callerSealed = try await vault.seal(caller, kind: .callerDetails, at: now) }
            let payload = DispatchEvents.IncidentOpened(
                incidentID: id, typeCode: form.typeCode, priority: form.priority, summary: form.summary ?? "", address: form.address,
                callID: form.callID, reportedLatitude: reported.latitude, reportedLongitude: reported.longitude,
                callerSealed: callerSealed,
                possibleDuplicates: possibleDuplicates(of: form.typeCode, at: location, now: now))
            try await write([event(DispatchEvents.incidentOpened, actor: actor, location: location, at: now, payload)])
            return state.incidents[id]!
        }
    }

    /// Sends units to an open incident: each must be available; they become dispatched and get their route.
    public func assign(incidentID: String, unitIDs: [String], actor: String) async throws -> [Assignment] {
        try await command {
            guard let incident = state.incidents[incidentID] else { throw DispatchError.notFound(kind: "incident", id: incidentID) }
            guard incident.isOpen else { throw DispatchError.conflict("incident \(incidentID) is closed") }
            guard !unitIDs.isEmpty, unitIDs.count <= 50 else {
                throw DispatchError.invalid(ValidationError(field: "units", reason: "give 1…50 unit ids, got \(unitIDs.count)"))
            }
            guard Set(unitIDs).count == unitIDs.count else {
                throw DispatchError.invalid(ValidationError(field: "units", reason: "lists a unit twice"))
            }
            var units: [DispatchState.Unit] = []
            for id in unitIDs {
                guard let unit = state.units[id] else { throw DispatchError.notFound(kind: "unit", id: id) }
                guard unit.status == .available else {
                    let on = unit.incidentID.map { " on incident \($0)" } ?? ""
                    throw DispatchError.conflict("unit \(id) is \(unit.status.rawValue)\(on); a unit can be on one incident at a time")
                }
                units.append(unit)
            }
            guard let routing else { throw DispatchError.noRoads }
            let recommended = try recommendation(IncidentType.named(incident.typeCode)!, at: incident.location, board: state, field: "incident")
            let times = routing.travelTimes(from: units.map(\.position), to: incident.location) ?? units.map { _ in nil }
            let now = clock.now()
            var events: [NewEvent] = []
            var assignments: [Assignment] = []
            for (unit, eta) in zip(units, times) {
                let reason = recommended.units.first { $0.unitID == unit.id }.map { "recommended: \($0.reason)" }
                    ?? "chosen by the dispatcher" + (eta.map { "; ETA \(UnitRecommender.duration($0)) by road" } ?? "; no road route")
                let route = routing.route(from: unit.position, to: incident.location)
                events.append(event(DispatchEvents.unitAssigned, actor: actor, at: now, DispatchEvents.UnitAssigned(
                    incidentID: incidentID, unitID: unit.id, etaSeconds: eta, routeMetres: route?.distanceMetres, reason: reason)))
                events.append(event(DispatchEvents.unitStatusChanged, actor: actor, at: now, DispatchEvents.UnitStatusChanged(
                    unitID: unit.id, from: .available, to: .dispatched, incidentID: incidentID, reason: nil)))
                assignments.append(Assignment(unitID: unit.id, incidentID: incidentID, etaSeconds: eta, reason: reason, route: route))
            }
            try await write(events)
            return assignments
        }
    }

    /// Closes an open incident with a disposition code, releasing its units to available.
    public func closeIncident(_ incidentID: String, disposition: String, actor: String) async throws -> DispatchState.Incident {
        try await command {
            guard let incident = state.incidents[incidentID] else { throw DispatchError.notFound(kind: "incident", id: incidentID) }
            guard DispatchEvents.dispositions.contains(disposition) else {
                let known = DispatchEvents.dispositions.sorted().joined(separator: ", ")
                throw DispatchError.invalid(ValidationError(field: "disposition", reason: "must be one of \(known), got \"\(disposition)\""))
            }
            guard incident.isOpen else { throw DispatchError.conflict("incident \(incidentID) is already closed") }
            let now = clock.now()
            var events = state.units.values.filter { $0.incidentID == incidentID }.sorted { $0.id < $1.id }.map { unit in
                event(DispatchEvents.unitStatusChanged, actor: actor, at: now, DispatchEvents.UnitStatusChanged(
                    unitID: unit.id, from: unit.status, to: .available, incidentID: incidentID, reason: "incident closed"))
            }
            events.append(event(DispatchEvents.incidentClosed, actor: actor, at: now,
                                DispatchEvents.IncidentClosed(incidentID: incidentID, disposition: disposition)))
            try await write(events)
            return state.incidents[incidentID]!
        }
    }

    /// Confirms that `duplicateID` reports the same event as `primaryID`: the duplicate closes as `duplicate`
    /// and the units committed to it serve the primary from now on.
    public func merge(_ duplicateID: String, into primaryID: String, actor: String) async throws -> DispatchState.Incident {
        try await command {
            guard duplicateID != primaryID else {
                throw DispatchError.invalid(ValidationError(field: "into", reason: "an incident cannot be merged into itself"))
            }
            for id in [duplicateID, primaryID] {
                guard let incident = state.incidents[id] else { throw DispatchError.notFound(kind: "incident", id: id) }
                guard incident.isOpen else { throw DispatchError.conflict("incident \(id) is closed") }
            }
            let moved = state.units.values.filter { $0.incidentID == duplicateID }.map(\.id).sorted()
            try await write([event(DispatchEvents.incidentMerged, actor: actor,
                                   DispatchEvents.IncidentMerged(incidentID: duplicateID, into: primaryID, movedUnits: moved))])
            return state.incidents[primaryID]!
        }
    }

    /// Records an escalation for every open incident that has waited past its priority's limit without an
    /// acknowledging unit; returns the escalated incident ids. Each incident escalates once.
    @discardableResult
    public func escalateOverdue(policy: EscalationPolicy = EscalationPolicy()) async throws -> [String] {
        try await command {
            let overdue = policy.overdue(on: state, at: clock.now())
            guard !overdue.isEmpty else { return [] }
            try await write(overdue.map { late in
                event(DispatchEvents.incidentEscalated, actor: "system:dispatch", DispatchEvents.IncidentEscalated(
                    incidentID: late.incidentID, waitedSeconds: late.waitedSeconds, limitSeconds: late.limitSeconds))
            })
            return overdue.map(\.incidentID)
        }
    }

    // MARK: Internals

    private func recommendation(_ type: IncidentType, at point: GeoPoint, board: DispatchState, field: String) throws -> RecommendationResult {
        guard let routing else { throw DispatchError.noRoads }
        guard let result = UnitRecommender.recommend(type, at: point, units: board.units.values, routing: routing, nodeOf: { unit in
            if let known = self.unitNodes[unit.id], known.position == unit.position { return known.node }
            let node = routing.nearestNode(unit.position)
            self.unitNodes[unit.id] = (unit.position, node)
            return node
        }) else {
            throw DispatchError.invalid(ValidationError(field: field, reason: "is more than \(Int(EngineRouting.maxSnapMetres)) m from any road"))
        }
        return result
    }

    private func possibleDuplicates(of typeCode: String, at location: GeoPoint, now: Timestamp) -> [String] {
        let window = duplicateWindowMinutes * 60_000
        return state.incidents.values.filter { incident in
            incident.isOpen && incident.typeCode == typeCode
                && now.millisecondsSince1970 - incident.openedAt.millisecondsSince1970 <= window
                && GreatCircle.distanceMetres(incident.location, location) <= duplicateRadiusMetres
        }.map(\.id).sorted()
    }

    private func event(_ type: EventType, actor: String, location: GeoPoint? = nil, at time: Timestamp? = nil,
                       _ payload: some Encodable) -> NewEvent {
        // The payload types are plain structs of strings and numbers: encoding cannot fail.
        NewEvent(type: type, source: "dispatch", actor: actor, occurredAt: time ?? clock.now(), location: location,
                 payload: try! EventPayload(encoding: payload))
    }

    /// Appends a command's events unless another node changed the board since it was read: then the
    /// command runs again on the newer board (see ``command(_:)``).
    private func write(_ events: [NewEvent]) async throws {
        do {
            let records = try await log.append(events, unlessAnyOf: Self.conflictTypes, after: sequence)
            onAppended(records)
        } catch EventLogError.conflict {
            throw StaleBoard()
        }
        try await catchUp()
    }

    /// Runs a command alone, on a board caught up with the log. When its write finds the board changed by
    /// another node meanwhile, the command runs again from the start on the newer board, so that it either
    /// succeeds on what is true now or fails with the conflict it now meets (a unit no longer available).
    private func command<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        for _ in 0..<Self.attemptsOnConflict {
            try await catchUp()
            do {
                return try await body()
            } catch is StaleBoard {
                conflictRetries += 1
                continue
            }
        }
        throw DispatchError.conflict("the board kept changing on other nodes; try again")
    }

    /// A write found records it had not seen: the command's checks ran on an old board.
    private struct StaleBoard: Error {}
    static let attemptsOnConflict = 8
    /// The records whose arrival invalidates a command's checks; positions move units but decide nothing.
    static let conflictTypes = Set(DispatchEvents.registry.types)

    private func catchUp() async throws {
        let types = DispatchProjection.eventTypes ?? []
        while true {
            let page = try await log.read(after: sequence, limit: 2_000, types: types)
            for record in page.records where record.sequence > sequence {
                DispatchProjection.apply(record, to: &state)
                sequence = record.sequence
            }
            sequence = max(sequence, page.scannedThrough)
            if page.records.count < 2_000 { return }
        }
    }

    private func acquire() async {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
    }

    private func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }

    private static func checked<T>(_ body: () throws(ValidationError) -> T) throws(DispatchError) -> T {
        do { return try body() } catch { throw .invalid(error) }
    }

    private static func checkID(_ id: String, field: String) throws(ValidationError) {
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw ValidationError(field: field, reason: "must be 1–64 letters, digits, '-', '_' or '.', got \"\(id)\"")
        }
    }

    private static func checkAgency(_ agency: String) throws(ValidationError) {
        guard DispatchEvents.agencies.contains(agency) else {
            throw ValidationError(field: "agency", reason: "must be one of \(DispatchEvents.agencies.sorted().joined(separator: ", ")), got \"\(agency)\"")
        }
    }
}
