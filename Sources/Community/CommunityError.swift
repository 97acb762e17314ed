/// Errors from residents' reports and public feeds.
public enum CommunityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A field that is missing or wrong, named as the client sent it.
    case invalidField(field: String, reason: String)
    /// Something that does not exist (a service code, a request id, a token).
    case notFound(String)
    /// A missing or unknown API key.
    case forbidden(String)

    public var description: String {
        switch self {
        case let .invalidField(field, reason): "\(field): \(reason)"
        case let .notFound(what): "\(what) not found"
        case let .forbidden(reason): reason
        }
    }
}
