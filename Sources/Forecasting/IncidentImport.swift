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

/// One row that could not be imported.
public struct IncidentRejection: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 1-based line in the file where the row starts (the header is line 1).
    public var line: Int
    /// What was wrong, naming the column.
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// Why an incident CSV could not be imported at all.
public enum IncidentImportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no header row.
    case empty
    /// A column named by the format is not in the header.
    case missingColumn(String)
    /// The format names a time zone the system does not know.
    case unknownTimeZone(String)
    /// More rows were rejected than the allowed fraction.
    case tooManyRejected(rejected: Int, rows: Int, maxFraction: Double, firstRejections: [IncidentRejection])

    public var description: String {
        switch self {
        case .empty:
            return "the incident file is empty: expected a header row"
        case let .missingColumn(name):
            return "the incident file has no column \"\(name)\""
        case let .unknownTimeZone(name):
            return "unknown time zone \"\(name)\""
        case let .tooManyRejected(rejected, rows, maxFraction, first):
            let share = rows == 0 ? 0 : Double(rejected) / Double(rows)
            let examples = first.prefix(3).map(\.description).joined(separator: "; ")
            return "\(rejected) of \(rows) incident rows rejected (\(percent(share)), more than the allowed \(percent(maxFraction))); first: \(examples)"
        }
    }

    private func percent(_ fraction: Double) -> String {
        "\((fraction * 1000).rounded() / 10)%"
    }
}
