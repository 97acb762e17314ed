/// The extra fields of one service: Open311's `service_definition`.
public struct ServiceDefinition: Hashable, Sendable, Codable {
    /// The service the definition belongs to.
    public var serviceCode: String
    /// The attributes, sorted by `order`.
    public var attributes: [ServiceAttribute]

    /// Creates a definition, keeping attributes in their `order`.
    public init(serviceCode: String, attributes: [ServiceAttribute]) {
        self.serviceCode = serviceCode
        self.attributes = attributes.sorted { $0.order < $1.order }
    }

    /// The attribute with this code, or nil.
    public func attribute(_ code: String) -> ServiceAttribute? {
        attributes.first { $0.code == code }
    }

    /// Checks the rules the spec sets on a definition: unique codes, unique positive orders,
    /// and options present (and with unique keys) exactly on list attributes.
    public func validate() throws(CommunityError) {
        var codes = Set<String>()
        var orders = Set<Int>()
        for attribute in attributes {
            let field = "service_definition[\(serviceCode)].attribute[\(attribute.code)]"
            guard !attribute.code.isEmpty else { throw .invalidField(field: field, reason: "code is empty") }
            guard codes.insert(attribute.code).inserted else { throw .invalidField(field: field, reason: "code is used twice") }
            guard attribute.order > 0 else { throw .invalidField(field: field, reason: "order must be a positive integer") }
            guard orders.insert(attribute.order).inserted else {
                throw .invalidField(field: field, reason: "order \(attribute.order) is used by another attribute")
            }
            if attribute.datatype.isList && attribute.variable {
                guard !attribute.values.isEmpty else { throw .invalidField(field: field, reason: "a list attribute needs values") }
            } else if !attribute.datatype.isList {
                guard attribute.values.isEmpty else { throw .invalidField(field: field, reason: "only list attributes have values") }
            }
            guard Set(attribute.values.map(\.key)).count == attribute.values.count else {
                throw .invalidField(field: field, reason: "value keys must be unique")
            }
        }
    }
}
