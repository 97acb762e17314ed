/// One option of a list attribute: Open311's `value` with `key` and `name`.
public struct AttributeValue: Hashable, Sendable, Codable {
    /// What the client sends back (the HTML option's value).
    public var key: String
    /// What the resident sees.
    public var name: String

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }
}
