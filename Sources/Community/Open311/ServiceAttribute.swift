/// One extra field of a service's form: Open311's `attribute` in a service definition.
public struct ServiceAttribute: Hashable, Sendable, Codable {
    /// `false` when the attribute only shows information and takes no input.
    public var variable: Bool
    /// The attribute's identifier, sent back as `attribute[code]`.
    public var code: String
    /// The kind of input.
    public var datatype: AttributeDatatype
    /// Whether a submission must answer it (only meaningful when `variable`).
    public var required: Bool
    /// A hint about the expected input, e.g. "metres, as a number".
    public var datatypeDescription: String?
    /// Position in the form, 1 first; unique within a definition.
    public var order: Int
    /// The question or the information shown to the resident.
    public var description: String
    /// The options of a list attribute, empty otherwise.
    public var values: [AttributeValue]

    public init(
        variable: Bool = true, code: String, datatype: AttributeDatatype, required: Bool,
        datatypeDescription: String? = nil, order: Int, description: String, values: [AttributeValue] = []
    ) {
        self.variable = variable
        self.code = code
        self.datatype = datatype
        self.required = required
        self.datatypeDescription = datatypeDescription
        self.order = order
        self.description = description
        self.values = values
    }
}
