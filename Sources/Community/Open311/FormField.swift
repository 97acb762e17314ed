/// One decoded `name=value` pair of a form body or query string, in the order sent.
public struct FormField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
