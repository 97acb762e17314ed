import SafeCityCore

/// How long an incident may wait, by priority, before a unit acknowledges it (goes en route or is on scene).
///
/// The defaults follow common CAD practice of tighter limits for higher priorities (NFPA 1710 asks for
/// turnout within 60–80 s for the most urgent fire and EMS calls); a centre sets its own.
public struct EscalationPolicy: Sendable, Equatable {
    /// Seconds allowed per priority 1…5.
    public var limitSeconds: [Int: Int64]

    public init(limitSeconds: [Int: Int64] = [1: 90, 2: 180, 3: 300, 4: 600, 5: 900]) {
        self.limitSeconds = limitSeconds
    }

    /// An open incident past its limit, with how long it has waited.
    public struct Overdue: Sendable, Equatable {
        public var incidentID: String
        public var waitedSeconds: Int64
        public var limitSeconds: Int64
    }

    /// Open incidents not yet escalated whose wait for an acknowledging unit exceeds the limit, oldest first.
    public func overdue(on board: DispatchState, at now: Timestamp) -> [Overdue] {
        let acknowledged = Set(board.units.values.flatMap { unit in
            unit.history.compactMap { $0.status == .enRoute || $0.status == .onScene ? $0.incidentID : nil }
        })
        return board.incidents.values
            .filter { $0.isOpen && $0.escalatedAt == nil && !acknowledged.contains($0.id) }
            .compactMap { incident -> Overdue? in
                let waited = (now.millisecondsSince1970 - incident.openedAt.millisecondsSince1970) / 1000
                guard let limit = limitSeconds[incident.priority], waited > limit else { return nil }
                return Overdue(incidentID: incident.id, waitedSeconds: waited, limitSeconds: limit)
            }
            .sorted { ($0.waitedSeconds, $0.incidentID) > ($1.waitedSeconds, $1.incidentID) }
    }
}
