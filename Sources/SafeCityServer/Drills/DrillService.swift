import Alerting
import Community
import Foundation
import Geo
import SafeCityCore
import SafeCityDispatch
import Simulation

/// Runs exercises through the live system and writes their after-action reports.
///
/// A drill places a call (its summary starts with "EXERCISE —") and, after the scenario's delay,
/// drafts a CAP warning with `status=Exercise` for a supervisor to approve. Trainees do the rest with
/// the real tools; the report is read back from the log: when the call became an incident, when the
/// first unit was sent and arrived, when the warning was approved.
public actor DrillService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    /// A drill as the API shows it.
    public struct Drill: Codable, Sendable, Equatable {
        public var id: String
        public var scenario: DrillScenario
        public var location: GeoPoint
        public var startedAt: Timestamp
        public var startedBy: String
        public var callID: String
        public var warningAlertID: String?
        public var ended: Bool
    }

    private let log: any EventLog
    private let clock: any WallClock
    private let alerts: AlertService
    private let append: Append
    private var drills: [String: Drill] = [:]
    private var tasks: [String: Task<Void, Never>] = [:]

    public init(log: any EventLog, clock: any WallClock, alerts: AlertService, append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.alerts = alerts
        self.append = append
    }

    /// Starts a scenario at a place: the call goes in now, the warning draft after the scenario's delay.
    public func start(_ scenario: DrillScenario, at location: GeoPoint, actor: String) async throws -> Drill {
        let id = "drill-\(EventID().description.suffix(8))"
        let now = clock.now()
        let drill = Drill(id: id, scenario: scenario, location: location, startedAt: now, startedBy: actor, callID: "\(id)-call", warningAlertID: nil, ended: false)
        let call = CityEventTypes.CallReceived(callID: drill.callID, category: scenario.call.category, priority: scenario.call.priority,
                                               summary: "EXERCISE — \(scenario.call.summary)")
        _ = try await append([
            NewEvent(type: DrillEvents.started, source: "drill:\(id)", actor: actor, occurredAt: now, location: location,
                     payload: try EventPayload(encoding: DrillEvents.Started(drillID: id, scenario: scenario.id, callID: drill.callID))),
            NewEvent(type: CityEventTypes.callReceived, source: "drill:\(id)", actor: actor, occurredAt: now, location: location,
                     payload: try EventPayload(encoding: call)),
        ])
        drills[id] = drill
        let delay = scenario.warningAfterSeconds
        tasks[id] = Task { [weak self] in
            try? await Task.sleep(for: .seconds(delay))
            guard !Task.isCancelled else { return }
            await self?.draftWarning(drillID: id)
        }
        return drill
    }

    /// Drafts the scenario's exercise warning now (the scheduled step, or a test's).
    public func draftWarning(drillID: String) async {
        guard var drill = drills[drillID], drill.warningAlertID == nil, !drill.ended else { return }
        let now = clock.now()
        let warning = drill.scenario.warning
        var draft = AlertDraft(
            event: warning.event, category: .fire, urgency: .immediate, severity: .severe, certainty: .observed,
            texts: [
                AlertText(language: "en-US", headline: warning.headlineEnglish, description: "EXERCISE: \(drill.scenario.title).",
                          instruction: warning.instructionEnglish, wirelessText: "EXERCISE: \(warning.event). \(warning.instructionEnglish)".prefix(90).description),
                AlertText(language: "es-US", headline: warning.headlineSpanish, description: "SIMULACRO: \(drill.scenario.title).",
                          instruction: warning.instructionSpanish, wirelessText: "SIMULACRO: \(warning.instructionSpanish)".prefix(90).description),
            ],
            area: .around(drill.location, radiusMetres: warning.radiusMetres, description: "Exercise area of \(drill.id)"),
            onset: now, expires: now.adding(milliseconds: 2 * 3_600_000))
        draft.status = .exercise
        if let entry = try? await alerts.draft(draft, by: "drill:\(drill.id)") {
            drill.warningAlertID = entry.id
            drills[drillID] = drill
        }
    }

    /// Every drill, newest first.
    public func all() -> [Drill] { drills.values.sorted { $0.startedAt > $1.startedAt } }

    public func drill(_ id: String) -> Drill? { drills[id] }

    /// The after-action report so far, read from the log.
    public func report(_ id: String) async throws -> AfterActionReport? {
        guard let drill = drills[id] else { return nil }
        var timeline = AfterActionReport.Timeline(callAt: drill.startedAt)
        var incidentID: String?
        var dispatched = Set<String>()
        let types: Set<EventType> = [DispatchEvents.incidentOpened, DispatchEvents.unitAssigned, DispatchEvents.unitStatusChanged, AlertEvents.drafted, AlertEvents.approved]
        try await log.forEachRecord(ofTypes: types) { record in
            let event = record.event
            guard event.occurredAt >= drill.startedAt else { return }
            switch event.type {
            case DispatchEvents.incidentOpened:
                if incidentID == nil, let opened = try? event.payload.decode(DispatchEvents.IncidentOpened.self), opened.callID == drill.callID {
                    incidentID = opened.incidentID
                    timeline.incidentOpenedAt = event.occurredAt
                }
            case DispatchEvents.unitAssigned:
                if let assigned = try? event.payload.decode(DispatchEvents.UnitAssigned.self), assigned.incidentID == incidentID {
                    dispatched.insert(assigned.unitID)
                    timeline.firstDispatchAt = timeline.firstDispatchAt ?? event.occurredAt
                }
            case DispatchEvents.unitStatusChanged:
                if timeline.firstOnSceneAt == nil, let change = try? event.payload.decode(DispatchEvents.UnitStatusChanged.self),
                   change.to == .onScene, dispatched.contains(change.unitID), change.incidentID == nil || change.incidentID == incidentID {
                    timeline.firstOnSceneAt = event.occurredAt
                }
            case AlertEvents.drafted:
                if let drafted = try? event.payload.decode(AlertEvents.Drafted.self), drafted.alertID == drill.warningAlertID {
                    timeline.warningDraftedAt = event.occurredAt
                }
            default:
                if let approved = try? event.payload.decode(AlertEvents.Approved.self), approved.alertID == drill.warningAlertID {
                    timeline.warningApprovedAt = event.occurredAt
                }
            }
        }
        return AfterActionReport(scenario: drill.scenario, timeline: timeline)
    }

    /// Ends a drill: its report is recorded in the log, and a warning not yet drafted is not.
    public func end(_ id: String, actor: String) async throws -> AfterActionReport? {
        guard var drill = drills[id], !drill.ended, let report = try await report(id) else { return nil }
        tasks[id]?.cancel()
        tasks[id] = nil
        _ = try await append([NewEvent(type: DrillEvents.ended, source: "drill:\(id)", actor: actor, occurredAt: clock.now(),
                                       payload: try EventPayload(encoding: DrillEvents.Ended(drillID: id, report: report)))])
        drill.ended = true
        drills[id] = drill
        return report
    }
}
