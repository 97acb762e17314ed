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
