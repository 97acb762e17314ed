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
