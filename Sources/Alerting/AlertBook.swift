import SafeCityCore

/// The projection of every alert and its approval state, folded from `alert.*` events.
public enum AlertBook: Projection {
    public struct State: Codable, Sendable, Equatable {
        public var entries: [String: AlertEntry] = [:]
        /// Alert ids in the order they were drafted.
        public var order: [String] = []

        /// The message chain an alert belongs to, from the first message through every update and cancel.
        public func chain(of id: String) -> [AlertEntry] {
            var root = id
            var seen: Set<String> = [id]
            while let up = entries[root]?.references, seen.insert(up).inserted { root = up }
            var result: [AlertEntry] = []
            var queue = [root]
            var visited: Set<String> = []
            while !queue.isEmpty {
                let next = queue.removeFirst()
                guard visited.insert(next).inserted, let entry = entries[next] else { continue }
                result.append(entry)
                queue += entry.followUps
            }
            let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            return result.sorted { (position[$0.id] ?? 0) < (position[$1.id] ?? 0) }
        }

        /// Issued alerts, most recently sent first.
        public var published: [CAPAlert] {
            order.reversed().compactMap { entries[$0]?.cap }
        }
    }

    public static let name = "alert-book"
    public static let version = 2

    public static func initialState() -> State { State() }

    /// Drafts, approvals and rejections; nothing else changes the book.
    public static let eventTypes: Set<EventType>? = [AlertEvents.drafted, AlertEvents.approved, AlertEvents.rejected]

    public static func apply(_ record: EventRecord, to state: inout State) {
        let event = record.event
        switch event.type {
        case AlertEvents.drafted:
            guard let drafted = try? event.payload.decode(AlertEvents.Drafted.self), state.entries[drafted.alertID] == nil else { return }
            state.entries[drafted.alertID] = AlertEntry(
                id: drafted.alertID, msgType: drafted.msgType, references: drafted.references, draft: drafted.draft,
                status: .drafted, draftedBy: event.actor, draftedAt: event.occurredAt)
            state.order.append(drafted.alertID)
            if let original = drafted.references { state.entries[original]?.followUps.append(drafted.alertID) }
        case AlertEvents.approved:
            guard let approved = try? event.payload.decode(AlertEvents.Approved.self) else { return }
            state.entries[approved.alertID]?.status = .approved
            state.entries[approved.alertID]?.approvedBy = event.actor
            state.entries[approved.alertID]?.cap = approved.cap
        case AlertEvents.rejected:
            guard let rejected = try? event.payload.decode(AlertEvents.Rejected.self), state.entries[rejected.alertID]?.status == .drafted else { return }
            state.entries[rejected.alertID]?.status = .rejected
            state.entries[rejected.alertID]?.rejectedBy = event.actor
            state.entries[rejected.alertID]?.rejectionReason = rejected.reason
        default:
            return
        }
    }
}
