/// The event types the platform knows, each with its schema; unknown types are refused.
public struct EventTypeRegistry: Sendable {
    private var schemas: [EventType: EventSchema] = [:]

    public init(_ schemas: [EventSchema] = []) {
        for schema in schemas { register(schema) }
    }

    /// Adds or replaces a type's schema.
    public mutating func register(_ schema: EventSchema) {
        schemas[schema.type] = schema
    }

    /// The schema of a type, or nil when unknown.
    public func schema(for type: EventType) -> EventSchema? { schemas[type] }

    /// All registered types, sorted by name.
    public var types: [EventType] { schemas.keys.sorted { $0.name < $1.name } }

    /// The registry merged with another; the other's schemas win on conflict.
    public func merging(_ other: EventTypeRegistry) -> EventTypeRegistry {
        var merged = self
        for schema in other.schemas.values { merged.register(schema) }
        return merged
    }
}
