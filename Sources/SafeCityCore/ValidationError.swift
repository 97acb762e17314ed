/// Input that breaks a rule, naming the field at fault (a JSON path such as `events[3].payload.value`).
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// The same error with its field nested under a parent path.
    public func nested(under parent: String) -> ValidationError {
        ValidationError(field: field.isEmpty ? parent : (field.hasPrefix("[") ? parent + field : parent + "." + field), reason: reason)
    }

    public var description: String { "\(field): \(reason)" }
}
