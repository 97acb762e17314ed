import Crypto
import Foundation
import SafeCityCore

/// Takes in external CAP 1.2 messages (e.g. a national weather service's feed) as `signal.cap-alert` events.
///
/// - Note: The event id is derived from the CAP reference triple (sender, identifier, sent), so posting
///   the same message twice records it once.
public struct CAPIngest: Sendable {
    private let append: @Sendable ([NewEvent]) async throws -> [EventRecord]
    private let clock: any WallClock

    public init(clock: any WallClock, append: @escaping @Sendable ([NewEvent]) async throws -> [EventRecord]) {
        self.clock = clock
        self.append = append
    }

    /// What an ingest did.
    public enum Outcome: Sendable, Equatable {
        /// Recorded at this sequence number.
        case recorded(Int64)
        /// The same message was already recorded at this sequence number.
        case duplicate(Int64)
    }

    /// Parses, checks and records one CAP document; throws ``AlertError/invalid(_:)`` with the parser's reason.
    public func ingest(_ xml: Data, by actor: String) async throws(AlertError) -> (alert: CAPAlert, outcome: Outcome) {
        let alert: CAPAlert
        let shapes: [AreaShape]
        do {
            alert = try CAPParser.parse(xml)
            try CAPContentRules.check(alert)
            shapes = try AreaShape.shapes(of: alert)
        } catch {
            throw .invalid(ValidationError(field: error.field, reason: error.reason))
        }
        let digest = Array(SHA256.hash(data: Array(alert.referenceTriple.utf8)))
        var generator = SplitMix64(seed: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        do {
            let payload = AlertEvents.Ingested(identifier: alert.identifier, sender: alert.sender, msgType: alert.msgType, cap: alert)
            let event = NewEvent(id: .random(using: &generator), type: AlertEvents.ingested, source: "cap:" + alert.sender, actor: actor,
                                 occurredAt: alert.sent.timestamp, location: shapes.first?.anchor, payload: try EventPayload(encoding: payload))
            let records = try await append([event])
            return (alert, .recorded(records.last?.sequence ?? 0))
        } catch let EventLogError.duplicateEventID(_, existingSequence) {
            return (alert, .duplicate(existingSequence))
        } catch {
            throw .unavailable("\(error)")
        }
    }
}
