/// Why a message could not be built or sent.
public enum MailError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An address failed the check; the reason names what is wrong.
    case invalidAddress(String)
    /// Worth trying again later: a 4xx reply, a lost or refused connection, a timeout, a reply that makes no sense.
    case transient(String)
    /// Will fail again: a 5xx reply (e.g. unknown mailbox), or a message the server will never take.
    case permanent(String)

    /// Whether a later attempt might succeed.
    public var isTransient: Bool {
        if case .transient = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .invalidAddress(let reason): "invalid address: \(reason)"
        case .transient(let reason), .permanent(let reason): reason
        }
    }
}
