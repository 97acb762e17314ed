import SafeCityCore

/// A person who reported the problem: the original reporter or one whose duplicate was merged in.
///
/// - Warning: Holds personal data; never written to public output.
public struct Reporter: Hashable, Sendable, Codable {
    /// The id of the request this person submitted (differs from the primary's id after a merge).
    public var requestID: String
    /// How to reach them.
    public var contact: ReporterContact
    /// When they reported.
    public var reportedAt: Timestamp

    public init(requestID: String, contact: ReporterContact, reportedAt: Timestamp) {
        self.requestID = requestID
        self.contact = contact
        self.reportedAt = reportedAt
    }
}
