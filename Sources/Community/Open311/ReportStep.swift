import SafeCityCore

/// One step of a request's lifecycle, with the note residents see.
public struct ReportStep: Hashable, Sendable, Codable {
    /// The status entered.
    public var status: ReportStatus
    /// What residents are told (Open311's `status_notes` while this is the last step).
    public var publicNote: String?
    /// When the step was taken.
    public var at: Timestamp

    public init(status: ReportStatus, publicNote: String?, at: Timestamp) {
        self.status = status
        self.publicNote = publicNote
        self.at = at
    }
}
