import SafeCityCore

/// Why the alerting service refused a command.
public enum AlertError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input breaks a rule; the field is named.
    case invalid(ValidationError)
    /// No alert has this id.
    case notFound(String)
    /// The alert is not in a state that allows the command (e.g. approving one's own draft).
    case conflict(String)
    /// The log could not record the change; nothing was written.
    case unavailable(String)

    public var description: String {
        switch self {
        case let .invalid(error): error.description
        case let .notFound(id): id.hasPrefix("sub-") ? "no subscription with id \(id)" : "no alert with id \(id)"
        case let .conflict(reason): reason
        case let .unavailable(reason): "the alert could not be recorded: \(reason)"
        }
    }
}
