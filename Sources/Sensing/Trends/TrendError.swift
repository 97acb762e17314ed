/// Why a trend or correlation computation refused its input.
public enum TrendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter out of its domain, e.g. a zero bucket width.
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): "\(name): \(reason)"
        }
    }
}
