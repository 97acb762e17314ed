import Alerting
import Geo
import SafeCityCore
import SafeCityDispatch
import Simulation

/// The demo's simulated call-takers, dispatchers and crews.
///
/// Turns the simulated city's calls into incidents, dispatches the recommended units when no
/// person has done so within a grace period, drives dispatched units along their routes, moves
/// them en route and on scene, and clears incidents after their time on scene. What a person does
/// on the dashboard takes precedence: each step reconciles with the dispatch board instead of
/// following a plan of its own, so units a dispatcher sends are driven just the same.
public actor SimulatedDispatchDesk {
    /// How long the simulated people take.
    public struct Timing: Sendable {
        /// An incident nobody has dispatched is handled by the simulated dispatcher after this long.
        public var autoDispatchSeconds: Int64 = 20
        /// A dispatched crew acknowledges and sets off after this long.
        public var acknowledgeSeconds: Int64 = 8
        /// Crews work on scene this long before the incident is closed (or the patient taken to hospital).
        public var onSceneSeconds: Int64 = 120
        /// An ambulance crew hands its patient over at the hospital in this long.
        public var handoverSeconds: Int64 = 60

        public init() {}
    }

    public static let actor = "system:simulated-desk"

    private let dispatch: DispatchService
    private let routing: any RoutingProvider
    private let plan: CityPlan
    private let streets: StreetNetwork
    private let clock: any WallClock
    private let timing: Timing
    private var city: SimulationDriver?
    /// Who drafts and who approves the warnings the desk issues for dangerous incidents (two different people).
    private var warnings: (service: AlertService, officer: String, supervisor: String)?
    /// The log drills place their calls in, and how far it has been read.
    private var drills: (log: any EventLog, cursor: Int64)?
    /// The incident each unit is being driven to (or is taking a patient from), and when it was sent.
    private var drives: [String: (incidentID: String, sentAt: Timestamp)] = [:]
    /// Incidents whose patient an ambulance took to hospital.
    private var transported: Set<String> = []
    /// Commands the board refused (e.g. a person moved the unit first), and the last reason.
    public private(set) var refusals = 0
    public private(set) var lastRefusal: String?

    public init(dispatch: DispatchService, routing: any RoutingProvider, plan: CityPlan, streets: StreetNetwork,
                clock: any WallClock, timing: Timing = Timing()) {
        self.dispatch = dispatch
        self.routing = routing
        self.plan = plan
        self.streets = streets
        self.clock = clock
        self.timing = timing
    }

    /// Lets the desk warn residents around fires, gas leaks and hazardous-materials incidents: the officer
    /// drafts a CAP alert, the supervisor approves it.
    public func issueWarnings(with service: AlertService, draftedBy officer: String, approvedBy supervisor: String) {
        warnings = (service, officer, supervisor)
    }

    /// Registers the plan's stations and units and the given hospitals that the board does not know yet,
    /// and drives the simulated city.
    public func open(city: SimulationDriver, hospitals: [DemoHospital] = []) async throws {
        self.city = city
        let board = try await dispatch.board()
        for hospital in hospitals where board.hospitals[hospital.id] == nil {
            try await dispatch.registerHospital(id: hospital.id, name: hospital.name, location: hospital.location, actor: Self.actor)
            try await dispatch.updateHospital(id: hospital.id, beds: hospital.beds, diversion: false, actor: Self.actor)
        }
        for station in plan.stations where board.stations[station.id] == nil {
            try await dispatch.registerStation(id: station.id, agency: station.agency,
                                               location: streets.coordinates[Int(station.node)], actor: Self.actor)
        }
        for unit in plan.units where board.units[unit.id] == nil {
            try await dispatch.registerUnit(id: unit.id, agency: unit.agency, kind: unit.kind, stationID: unit.station, actor: Self.actor)
        }
    }

    /// One step after the city moved: take new calls, then bring every unit and incident one stage further.
    public func step(after events: [NewEvent]) async {
        for event in events where event.type == CityEventTypes.callReceived {
            await takeCall(event)
        }
        await takeDrillCalls()
        guard var board = await attempt({ try await self.dispatch.board() }) else { return }
        let now = clock.now()
        var dispatched = false
        for incident in board.incidents.values.sorted(by: { $0.id < $1.id }) where incident.isOpen {
            dispatched = await dispatchIfUnattended(incident, board: board, now: now) || dispatched
        }
        if dispatched, let fresh = await attempt({ try await self.dispatch.board() }) {
            board = fresh  // so that the units just sent set off in this step
        }
        for unit in board.units.values.sorted(by: { $0.id < $1.id }) {
            await advance(unit, board: board, now: now)
        }
        for incident in board.incidents.values.sorted(by: { $0.id < $1.id }) where incident.isOpen {
            await clearIfDone(incident, board: board, now: now)
        }
    }

    /// Also takes the calls that drills place (`source` `drill:…`) from now on, as the floor would in an exercise.
    public func takeDrills(from log: any EventLog) async throws {
        drills = (log, try await log.lastSequence())
    }

    private func takeDrillCalls() async {
        guard let (log, cursor) = drills,
              let page = await attempt({ try await log.read(after: cursor, limit: 200, types: [CityEventTypes.callReceived]) }) else { return }
        drills = (log, page.scannedThrough)
        for record in page.records where record.event.source.hasPrefix("drill:") {
            await takeCall(record.event)
        }
    }

    // MARK: - Stages

    private func takeCall(_ event: NewEvent) async {
        guard let call = try? event.payload.decode(CityEventTypes.CallReceived.self), let location = event.location,
              let type = IncidentType.defaultType(forCategory: call.category)
        else { return }
        let form = CallForm(typeCode: type.code, priority: call.priority, latitude: location.latitude, longitude: location.longitude,
                            summary: call.summary, callID: call.callID)
        guard let incident = await attempt({ try await self.dispatch.openIncident(form, actor: Self.actor) }) else { return }
        await warnResidents(about: incident)
    }

    private func warnResidents(about incident: DispatchState.Incident) async {
        let hazard: AlertDraft.IncidentHazard? = switch incident.typeCode {
        case "FIRE-STRUCTURE": .fire
        case "GAS-LEAK": .gasLeak
        case "HAZMAT": .hazardousMaterials
        default: nil
        }
        guard let hazard, let warnings else { return }
        let draft = AlertDraft.incidentWarning(hazard, incidentID: incident.id, at: incident.location, radiusMetres: 400, now: clock.now())
        guard let drafted = await attempt({ try await warnings.service.draft(draft, by: warnings.officer) }) else { return }
        _ = await attempt { try await warnings.service.approve(drafted.id, by: warnings.supervisor) }
    }

    /// Sends the recommended units to an incident nobody has handled; returns whether it sent any.
    private func dispatchIfUnattended(_ incident: DispatchState.Incident, board: DispatchState, now: Timestamp) async -> Bool {
        let attended = board.units.values.contains { $0.incidentID == incident.id }
        guard !attended, incident.assignedUnits.isEmpty, seconds(from: incident.openedAt, to: now) >= timing.autoDispatchSeconds
        else { return false }
        guard let card = await attempt({ try await self.dispatch.recommend(incidentID: incident.id) }), !card.units.isEmpty else { return false }
        let sent = await attempt { try await self.dispatch.assign(incidentID: incident.id, unitIDs: card.units.map(\.unitID), actor: Self.actor) }
        return sent != nil
    }

    private func advance(_ unit: DispatchState.Unit, board: DispatchState, now: Timestamp) async {
        guard let city else { return }
        let unitID = unit.id
        guard let incidentID = unit.incidentID, let incident = board.incidents[incidentID] else {
            if drives.removeValue(forKey: unitID) != nil { await sendHome(unit) }
            return
        }
        if drives[unitID]?.incidentID != incidentID, unit.status == .dispatched || unit.status == .enRoute {
            let origin = await city.command { $0.position(unitID: unitID) } ?? unit.position
            if let route = routing.route(from: origin, to: incident.location) {
                let speed = Self.speedKmh(route)
                _ = await city.command { $0.send(unitID: unitID, along: route.coordinates, speedKmh: speed) }
            }
            drives[unitID] = (incidentID, now)
            return
        }
        guard let drive = drives[unitID] else { return }
        let arrived = await city.command { $0.hasArrived(unitID: unitID) }
        switch unit.status {
        case .dispatched where seconds(from: drive.sentAt, to: now) >= timing.acknowledgeSeconds:
            await move(unitID, from: .dispatched, to: arrived ? .onScene : .enRoute)
        case .enRoute where arrived:
            await move(unitID, from: .enRoute, to: .onScene)
        case .transporting where arrived:
            await move(unitID, from: .transporting, to: .atHospital)
        case .atHospital where seconds(from: unit.statusSince, to: now) >= timing.handoverSeconds:
            await move(unitID, from: .atHospital, to: .available)
        default:
            break
        }
    }

    /// After the time on scene, ambulances take a patient to the best hospital and the other crews clear;
    /// the incident closes once no unit is left on it.
    private func clearIfDone(_ incident: DispatchState.Incident, board: DispatchState, now: Timestamp) async {
        let crews = board.units.values.filter { $0.incidentID == incident.id }.sorted { $0.id < $1.id }
        if crews.isEmpty {
            guard !incident.assignedUnits.isEmpty else { return }
            let disposition = transported.contains(incident.id) ? "transported" : "resolved"
            _ = await attempt { try await self.dispatch.closeIncident(incident.id, disposition: disposition, actor: Self.actor) }
            return
        }
        guard crews.allSatisfy({ $0.status == .onScene }),
              let firstOnScene = crews.map(\.statusSince).min(), seconds(from: firstOnScene, to: now) >= timing.onSceneSeconds
        else { return }
        let ambulances = crews.filter { $0.kind.hasSuffix("ambulance") }
        guard !ambulances.isEmpty, let hospital = await destination(for: incident, board: board) else {
            _ = await attempt { try await self.dispatch.closeIncident(incident.id, disposition: "resolved", actor: Self.actor) }
            return
        }
        for crew in crews where !crew.kind.hasSuffix("ambulance") {
            await move(crew.id, from: .onScene, to: .available)
        }
        guard let city, let route = routing.route(from: incident.location, to: hospital.location) else { return }
        let speed = Self.speedKmh(route)
        for ambulance in ambulances {
            await move(ambulance.id, from: .onScene, to: .transporting)
            let unitID = ambulance.id
            _ = await city.command { $0.send(unitID: unitID, along: route.coordinates, speedKmh: speed) }
            drives[unitID] = (incident.id, now)
        }
        transported.insert(incident.id)
    }

    /// The nearest hospital with a free bed of the kind the incident needs.
    private func destination(for incident: DispatchState.Incident, board: DispatchState) async -> DispatchState.Hospital? {
        let bed = switch incident.typeCode {
        case "MED-CARDIAC": "cardiac"
        case "TRAFFIC-INJURY": "trauma"
        case "FIRE-STRUCTURE": "burns"
        default: "emergency"
        }
        guard let ranked = await attempt({ try await self.dispatch.destinations(incidentID: incident.id, bedType: bed) }),
              let best = ranked.first(where: \.eligible)
        else { return nil }
        return board.hospitals[best.hospitalID]
    }

    /// Police resume patrolling where they are; other units drive back to their station.
    private func sendHome(_ unit: DispatchState.Unit) async {
        guard let city else { return }
        let unitID = unit.id
        if unit.agency == "police" {
            await city.command { $0.resumePatrol(unitID: unitID) }
            return
        }
        guard let station = plan.stations.first(where: { $0.id == unit.stationID }) else { return }
        let origin = await city.command { $0.position(unitID: unitID) } ?? unit.position
        guard let route = routing.route(from: origin, to: streets.coordinates[Int(station.node)]) else { return }
        let speed = Self.speedKmh(route) * 0.6  // no lights and sirens on the way back
        _ = await city.command { $0.sendHome(unitID: unitID, along: route.coordinates, speedKmh: speed) }
    }

    private func move(_ unitID: String, from current: UnitStatus, to next: UnitStatus) async {
        _ = await attempt { try await self.dispatch.changeStatus(unitID: unitID, to: next, expected: current, actor: Self.actor) }
    }

    // MARK: - Helpers

    /// Runs a desk command; a refusal (someone acted first, no unit can reach) is counted, not fatal.
    private func attempt<T>(_ body: () async throws -> T) async -> T? {
        do {
            return try await body()
        } catch {
            refusals += 1
            lastRefusal = String(describing: error)
            return nil
        }
    }

    private func seconds(from start: Timestamp, to end: Timestamp) -> Int64 {
        (end.millisecondsSince1970 - start.millisecondsSince1970) / 1000
    }

    /// The average speed that makes the simulated drive take as long as the route's live ETA.
    static func speedKmh(_ route: DispatchRoute) -> Double {
        guard route.durationSeconds > 0 else { return 40 }
        return max(5, route.distanceMetres / route.durationSeconds * 3.6)
    }
}
