import SafeCityCore

/// One alert as the desk sees it: the draft, who drafted and approved it, and the CAP once issued.
public struct AlertEntry: Hashable, Sendable, Codable {
    /// Where an alert is in its life.
    public enum Status: String, Hashable, Sendable, Codable { case drafted, approved, rejected }

    public var id: String
    public var msgType: CAPAlert.MessageType
    /// The alert this one updates or cancels.
    public var references: String?
    public var draft: AlertDraft
    public var status: Status
    public var draftedBy: String
    public var draftedAt: Timestamp
    public var approvedBy: String?
    /// Who turned the draft down, and why; set on rejection.
    public var rejectedBy: String?
    public var rejectionReason: String?
    /// The issued message; set on approval.
    public var cap: CAPAlert?
    /// Alerts that update or cancel this one, in draft order.
    public var followUps: [String] = []
}
