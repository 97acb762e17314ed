import SafeCityCore

/// A notice to send to one reporter about a request; a value the caller delivers (email, SMS, push).
public struct ReportNotification: Hashable, Sendable, Codable {
    /// Why the reporter is told.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Their report was received.
        case received
        /// The request they follow moved to a new status.
        case statusChanged = "status_changed"
        /// The request they follow was reopened.
        case reopened
        /// Their report was merged into an earlier request about the same problem.
        case merged
    }

    public var kind: Kind
    /// The request whose progress is reported (the primary after a merge).
    public var requestID: String
    /// The request the reporter submitted; equals `requestID` unless they were merged in.
    public var reporterRequestID: String
    /// Where to send it.
    public var contact: ReporterContact
    /// The service's public name, for the message.
    public var serviceName: String
    /// The lifecycle status after the step.
    public var status: ReportStatus
    /// The public note of the step, if any.
    public var publicNote: String?
    /// When the step happened.
    public var at: Timestamp

    public init(kind: Kind, requestID: String, reporterRequestID: String, contact: ReporterContact, serviceName: String, status: ReportStatus, publicNote: String?, at: Timestamp) {
        self.kind = kind
        self.requestID = requestID
        self.reporterRequestID = reporterRequestID
        self.contact = contact
        self.serviceName = serviceName
        self.status = status
        self.publicNote = publicNote
        self.at = at
    }
}
