/// The kind of input an attribute takes: Open311's `datatype`.
public enum AttributeDatatype: String, Hashable, Sendable, Codable, CaseIterable {
    /// One line of text.
    case string
    /// A decimal number.
    case number
    /// An ISO 8601 date-time with a UTC offset.
    case datetime
    /// Free text that may contain line breaks.
    case text
    /// One key out of the attribute's `values`.
    case singlevaluelist
    /// Any number of distinct keys out of the attribute's `values`.
    case multivaluelist

    /// Whether answers must be keys of the attribute's `values`.
    public var isList: Bool { self == .singlevaluelist || self == .multivaluelist }
}
