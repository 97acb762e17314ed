/// Where a service request is in SafeCity's handling: acknowledged → assigned → in progress → closed.
public enum ReportStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// Received and queued for the responsible agency.
    case acknowledged
    /// A crew or officer has been given the work.
    case assigned
    /// Work has started.
    case inProgress = "in_progress"
    /// Resolved (or closed as a duplicate or with no action), with a public note saying why.
    case closed

    /// Open311's `status`: closed only when closed.
    public var open311Status: Open311Status { self == .closed ? .closed : .open }

    /// The statuses a request may move to from this one; from `closed` only a reopen, within the policy's window.
    ///
    /// Any open status may close (no action needed, or handled at once); otherwise steps are not skipped.
    public var allowedMoves: [ReportStatus] {
        switch self {
        case .acknowledged: [.assigned, .closed]
        case .assigned: [.inProgress, .closed]
        case .inProgress: [.closed]
        case .closed: [.acknowledged]
        }
    }
}
