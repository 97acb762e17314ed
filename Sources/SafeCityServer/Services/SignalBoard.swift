import Alerting
import Community
import Foundation
import SafeCityCore
import Security
import Sensing
import Vision

/// The signals an operator still has to look at: rules that fired and have not cleared, sensors that
/// are unhealthy, and recent external CAP alerts, each with whether someone acknowledged it.
public enum SignalBoard: Projection {
    public static let name = "signal-board"
    public static let version = 7
    /// Only the newest CAP signals stay on the board.
    static let capSignalsKept = 20

    public static let acknowledged: EventType = "signal.acknowledged"
    static let capSignal = AlertEvents.ingested

    public static var eventTypes: Set<EventType>? {
        [SensingEvents.ruleSignal, SensingEvents.healthSignal, VisionEvents.signal, SocialEvents.signal, ReportEvents.signal, ReportEvents.statusChanged,
         PublicHealthEvents.signal, SecurityEvents.signal, capSignal, acknowledged]
    }

    /// One open signal.
    public struct Entry: Codable, Sendable, Equatable {
        /// The sequence of the event that opened it; acknowledgements name it.
        public var sequence: Int64
        public var type: String
        /// What it is about: a sensor, a grid cell, or a CAP sender.
        public var subject: String
        public var summary: String
        /// The rule that fired, for rule signals.
        public var ruleID: String?
        /// `stale`, `flat_line`, `out_of_range` or `outlier`, for sensor-health signals.
        public var problem: String?
        /// The behaviour seen, for camera signals.
        public var behaviour: String?
        /// Threat score 0–100 and whether it calls for an incident, for camera signals.
        public var threatScore: Double?
        public var suggestsIncident: Bool?
        public var since: Timestamp
        public var latitude: Double?
        public var longitude: Double?
        public var acknowledgedBy: String?
        public var acknowledgedAt: Timestamp?
        /// What the person who acknowledged it did, in their words (optional).
        public var acknowledgementNote: String?
    }

    public struct State: Codable, Sendable, Equatable {
        /// Open entries by what would close them (rule and subject, or sensor, quantity and problem).
        public var open: [String: Entry] = [:]
        public var capOrder: [String] = []
        /// One-off camera signals (crossings of signalled lines), oldest first; only the newest stay.
        public var instantOrder: [String] = []
        /// Security signals, oldest first; only the newest stay (kept apart, so camera crossings never push them out).
        public var securityOrder: [String] = []

        /// Opens a one-off entry and keeps only the newest ``SignalBoard/capSignalsKept`` of its kind.
        mutating func keepRecent(_ key: String, _ entry: Entry, in order: WritableKeyPath<State, [String]>) {
            open[key] = entry
            self[keyPath: order].append(key)
            while self[keyPath: order].count > SignalBoard.capSignalsKept { open[self[keyPath: order].removeFirst()] = nil }
        }

        /// Every open entry, newest first.
        public var entries: [Entry] { open.values.sorted { ($0.since, $0.sequence) > ($1.since, $1.sequence) } }

        public func entry(sequence: Int64) -> (key: String, entry: Entry)? {
            open.first { $0.value.sequence == sequence }.map { ($0.key, $0.value) }
        }
    }

    /// Payload of ``acknowledged``.
    public struct Acknowledged: Codable, Sendable, Equatable {
        public var signalSequence: Int64
        public var note: String?

        public init(signalSequence: Int64, note: String?) {
            self.signalSequence = signalSequence
            self.note = note
        }
    }

    public static func initialState() -> State { State() }

    public static func apply(_ record: EventRecord, to state: inout State) {
        let event = record.event
        func entry(subject: String, summary: String, ruleID: String? = nil, problem: String? = nil) -> Entry {
            Entry(sequence: record.sequence, type: event.type.name, subject: subject, summary: summary, ruleID: ruleID, problem: problem,
                  since: event.occurredAt, latitude: event.location?.latitude, longitude: event.location?.longitude)
        }
        switch event.type {
        case SensingEvents.ruleSignal:
            guard let signal = try? event.payload.decode(RuleSignalPayload.self) else { return }
            let key = "rule|\(signal.ruleID)|\(signal.subject)"
            // A retracted firing never happened; a retracted clearing leaves the rule as it was.
            if signal.state == "fired", !signal.retraction {
                state.open[key] = entry(subject: signal.subject, summary: signal.summary, ruleID: signal.ruleID)
            } else if signal.state == "cleared" || signal.retraction {
                if !(signal.state == "cleared" && signal.retraction) { state.open[key] = nil }
            }
        case SensingEvents.healthSignal:
            guard let signal = try? event.payload.decode(HealthSignalPayload.self) else { return }
            let key = "health|\(signal.sensorID)|\(signal.quantity ?? "")|\(signal.problem)"
            if signal.state == "raised" {
                state.open[key] = entry(subject: signal.sensorID, summary: "\(signal.sensorID): \(signal.problem.replacingOccurrences(of: "_", with: " ")) — \(signal.evidence)",
                                        problem: signal.problem)
            } else {
                state.open[key] = nil
            }
        case VisionEvents.signal:
            guard let signal = try? event.payload.decode(VisionEvents.SignalPayload.self) else { return }
            var opened = entry(subject: signal.cameraID, summary: signal.summary)
            opened.behaviour = signal.behaviour
            opened.threatScore = signal.threatScore
            opened.suggestsIncident = signal.suggestsIncident
            opened.since = signal.startedAt
            switch signal.phase {
            case "began":
                state.open["vision|\(signal.cameraID)|\(signal.episode)"] = opened
            case "cleared":
                state.open["vision|\(signal.cameraID)|\(signal.episode)"] = nil
            default:
                state.keepRecent("vision|\(record.sequence)", opened, in: \.instantOrder)
            }
        case SocialEvents.signal:
            guard let burst = try? event.payload.decode(SocialSignal.self) else { return }
            let key = "social|\(burst.episode)"
            if burst.phase == .cleared {
                state.open[key] = nil
            } else {
                var opened = entry(subject: "social:\(burst.category)", summary: burst.summary(windowSeconds: 300))
                // A burst that grew keeps its place on the board and whoever acknowledged it.
                if let existing = state.open[key] {
                    opened.sequence = existing.sequence
                    opened.acknowledgedBy = existing.acknowledgedBy
                    opened.acknowledgedAt = existing.acknowledgedAt
                    opened.acknowledgementNote = existing.acknowledgementNote
                }
                opened.since = burst.startedAt
                state.open[key] = opened
            }
        case ReportEvents.signal:
            guard let report = try? event.payload.decode(ReportEvents.Signal.self) else { return }
            state.open["report|\(report.requestID)"] = entry(subject: "report \(report.requestID)", summary: report.summary)
        case ReportEvents.statusChanged:
            // A report closed by its agency needs no one's eye any more.
            guard let step = try? event.payload.decode(ReportEvents.StatusChanged.self), step.status == .closed else { return }
            state.open["report|\(step.requestID)"] = nil
        case PublicHealthEvents.signal:
            guard let outbreak = try? event.payload.decode(PublicHealthEvents.Signal.self) else { return }
            let key = outbreak.kind == "cluster" ? "outbreak|cluster|\(outbreak.syndrome)" : "outbreak|\(outbreak.syndrome)|\(outbreak.areaIDs.joined(separator: ","))"
            if outbreak.phase == "raised" {
                state.open[key] = entry(subject: "\(outbreak.syndrome):\(outbreak.areaIDs.joined(separator: ","))", summary: outbreak.summary)
            } else {
                state.open[key] = nil
            }
        case SecurityEvents.signal:
            guard let finding = try? event.payload.decode(AccessWatch.Finding.self) else { return }
            state.keepRecent("security|\(record.sequence)", entry(subject: finding.subject, summary: finding.summary), in: \.securityOrder)
        case capSignal:
            guard let alert = try? event.payload.decode(AlertEvents.Ingested.self) else { return }
            let info = alert.cap.infos.first
            let headline = "\(alert.sender): \(info?.headline ?? info?.event ?? "CAP \(alert.msgType.rawValue)")"
            state.keepRecent("cap|\(record.sequence)", entry(subject: event.source, summary: headline), in: \.capOrder)
        case acknowledged:
            guard let ack = try? event.payload.decode(Acknowledged.self), let (key, _) = state.entry(sequence: ack.signalSequence) else { return }
            state.open[key]?.acknowledgedBy = event.actor
            state.open[key]?.acknowledgedAt = event.occurredAt
            // A blank note is no note; the board keeps the words as typed otherwise.
            let note = ack.note?.trimmingCharacters(in: .whitespacesAndNewlines)
            state.open[key]?.acknowledgementNote = note?.isEmpty == false ? note : nil
        default:
            break
        }
    }

    /// The schema of ``acknowledged``, written by the server for a staff member.
    static let registry = EventTypeRegistry([
        EventSchema(type: acknowledged, fields: [
            .init("signalSequence", .integer(range: 1...Int64.max)), .init("note", .string(maxLength: 2_000), required: false),
        ], submitters: []),
    ])
}
