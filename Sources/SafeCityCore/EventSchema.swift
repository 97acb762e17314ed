/// The declared shape of one event type's payload, and who may submit it.
///
/// Schemas are deliberately shallow: they check the fields consumers rely on, so a
/// malformed payload is refused at the door with the field at fault named.
public struct EventSchema: Sendable {
    /// A JSON kind a field may hold.
    public enum Kind: Sendable, Equatable {
        case string(maxLength: Int)
        case number(range: ClosedRange<Double>?)
        case integer(range: ClosedRange<Int64>?)
        case boolean
        case object
        case array
        case oneOf(Set<String>)
    }

    /// One payload member.
    public struct Field: Sendable {
        public var name: String
        public var kind: Kind
        public var required: Bool

        public init(_ name: String, _ kind: Kind, required: Bool = true) {
            self.name = name
            self.kind = kind
            self.required = required
        }
    }

    public var type: EventType
    public var version: Int
    public var fields: [Field]
    /// Roles that may append this type over the API; empty means only the system writes it.
    public var submitters: Set<Role>
    /// Whether a location is required on the envelope.
    public var requiresLocation: Bool

    public init(type: EventType, version: Int = 1, fields: [Field], submitters: Set<Role>, requiresLocation: Bool = false) {
        self.type = type
        self.version = version
        self.fields = fields
        self.submitters = submitters
        self.requiresLocation = requiresLocation
    }

    /// Checks a payload, throwing the first rule it breaks.
    public func validate(_ payload: JSONValue) throws(ValidationError) {
        guard case let .object(members) = payload else {
            throw ValidationError(field: "payload", reason: "expected an object, got \(payload.kindName)")
        }
        for field in fields {
            let path = "payload.\(field.name)"
            guard let value = members[field.name], value != .null else {
                if field.required { throw ValidationError(field: path, reason: "is required") }
                continue
            }
            try Self.check(value, against: field.kind, path: path)
        }
    }

    private static func check(_ value: JSONValue, against kind: Kind, path: String) throws(ValidationError) {
        switch (kind, value) {
        case let (.string(maxLength), .string(text)):
            if text.count > maxLength { throw ValidationError(field: path, reason: "is longer than \(maxLength) characters") }
        case let (.number(range), .number(number)):
            if let range, !range.contains(number) {
                throw ValidationError(field: path, reason: "must be within \(range.lowerBound)…\(range.upperBound), got \(number)")
            }
        case let (.integer(range), .number(number)):
            guard number == number.rounded(), abs(number) < 9e15 else {
                throw ValidationError(field: path, reason: "must be an integer, got \(number)")
            }
            if let range, !range.contains(Int64(number)) {
                throw ValidationError(field: path, reason: "must be within \(range.lowerBound)…\(range.upperBound), got \(Int64(number))")
            }
        case (.boolean, .bool), (.object, .object), (.array, .array):
            return
        case let (.oneOf(allowed), .string(text)):
            if !allowed.contains(text) {
                throw ValidationError(field: path, reason: "must be one of \(allowed.sorted().joined(separator: ", ")), got \"\(text)\"")
            }
        default:
            throw ValidationError(field: path, reason: "expected \(kind.expectedName), got \(value.kindName)")
        }
    }
}

extension EventSchema.Kind {
    var expectedName: String {
        switch self {
        case .string, .oneOf: "string"
        case .number: "number"
        case .integer: "integer"
        case .boolean: "boolean"
        case .object: "object"
        case .array: "array"
        }
    }
}
