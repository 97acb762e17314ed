/// Why a document is not a valid CAP 1.2 alert, naming the element at fault (e.g. `alert.info[0].urgency`).
public struct CAPParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
