/// The services a city offers through Open311, in the order they are listed.
public struct ServiceCatalog: Hashable, Sendable, Codable {
    /// All services, in list order.
    public private(set) var services: [Open311Service]

    /// Creates a catalog, checking that codes are unique and definitions well-formed.
    public init(services: [Open311Service]) throws(CommunityError) {
        var codes = Set<String>()
        for service in services {
            guard !service.code.isEmpty else { throw .invalidField(field: "service_code", reason: "is empty in the catalog") }
            guard codes.insert(service.code).inserted else {
                throw .invalidField(field: "service_code", reason: "\"\(service.code)\" appears twice in the catalog")
            }
            if let definition = service.definition {
                guard definition.serviceCode == service.code else {
                    throw .invalidField(field: "service_definition", reason: "definition of \"\(definition.serviceCode)\" is attached to \"\(service.code)\"")
                }
                try definition.validate()
            }
        }
        self.services = services
    }

    /// The service with this code, or nil.
    public func service(_ code: String) -> Open311Service? {
        services.first { $0.code == code }
    }

    /// The definition of a service that has metadata; nil for unknown codes and services without attributes.
    public func definition(_ code: String) -> ServiceDefinition? {
        guard let service = service(code), service.metadata else { return nil }
        return service.definition
    }
}
