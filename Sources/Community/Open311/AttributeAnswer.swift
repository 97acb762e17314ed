import SafeCityCore

/// A checked answer to one attribute, typed by the attribute's datatype.
public enum AttributeAnswer: Hashable, Sendable, Codable {
    case string(String)
    case number(Double)
    case datetime(Timestamp)
    case text(String)
    /// The key chosen in a single-value list.
    case choice(String)
    /// The keys chosen in a multi-value list, in the order sent, without repeats.
    case choices([String])
}

/// An attribute code with its checked answer.
public struct SubmittedAttribute: Hashable, Sendable, Codable {
    public var code: String
    public var answer: AttributeAnswer

    public init(code: String, answer: AttributeAnswer) {
        self.code = code
        self.answer = answer
    }
}
