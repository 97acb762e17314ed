/// The result of importing an incident CSV: the good rows and an account of the bad ones.
public struct IncidentImport: Sendable {
    /// Imported incidents, sorted by time.
    public var records: [IncidentRecord]
    /// Rows skipped because a date or coordinate could not be read.
    public var rejectedCount: Int
    /// Rows skipped because their type is not in the format's type filter (not an error).
    public var filteredCount: Int
    /// The first few rejected rows, with the reason (at most ``IncidentCSVImport/maxReportedRejections``).
    public var firstRejections: [IncidentRejection]

    public init(records: [IncidentRecord], rejectedCount: Int, filteredCount: Int, firstRejections: [IncidentRejection]) {
        self.records = records
        self.rejectedCount = rejectedCount
        self.filteredCount = filteredCount
        self.firstRejections = firstRejections
    }
}
