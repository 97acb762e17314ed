/// An alert's wording in one language: one CAP `info` block.
public struct AlertText: Hashable, Sendable, Codable {
    /// RFC 3066 language, e.g. `en-US` or `es-US`.
    public var language: String
    public var headline: String
    public var description: String
    public var instruction: String?
    /// The short wireless text (at most 90 characters).
    public var wirelessText: String
    /// The long wireless text (at most 360 characters).
    public var wirelessLongText: String?

    public init(language: String, headline: String, description: String, instruction: String? = nil, wirelessText: String, wirelessLongText: String? = nil) {
        self.language = language
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.wirelessText = wirelessText
        self.wirelessLongText = wirelessLongText
    }
}
