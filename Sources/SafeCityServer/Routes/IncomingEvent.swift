import Foundation
import Geo
import SafeCityCore
import Security

/// An event as a client submits it to `POST /v1/events`.
struct IncomingEvent: Decodable {
    struct Location: Decodable {
        var latitude: Double
        var longitude: Double
    }

    var id: EventID?
    var type: String
    var source: String
    var occurredAt: Timestamp
    var location: Location?
    var schemaVersion: Int?
    var payload: JSONValue
}

/// `POST /v1/events` accepts `{"events": [...]}` or a bare array.
struct IncomingBatch: Decodable {
    var events: [IncomingEvent]

    init(from decoder: Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var events: [IncomingEvent] = []
            while !array.isAtEnd { events.append(try array.decode(IncomingEvent.self)) }
            self.events = events
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            events = try container.decode([IncomingEvent].self, forKey: .events)
        }
    }

    enum CodingKeys: String, CodingKey { case events }
}

/// Turns a submitted batch into log events, checking every rule before anything is written.
struct EventIntake {
    static let maxBatch = 10_000
    let registry: EventTypeRegistry

    func accept(_ batch: IncomingBatch, from identity: Identity) throws -> [NewEvent] {
        guard !batch.events.isEmpty else { throw SafeCityError.invalid(ValidationError(field: "events", reason: "must hold at least one event")) }
        guard batch.events.count <= Self.maxBatch else {
            throw SafeCityError.invalid(ValidationError(field: "events", reason: "holds \(batch.events.count) events; the limit is \(Self.maxBatch)"))
        }
        var seen = Set<EventID>()
        return try batch.events.enumerated().map { index, incoming in
            do {
                return try convert(incoming, identity: identity, seen: &seen)
            } catch let error as ValidationError {
                throw SafeCityError.invalid(error.nested(under: "events[\(index)]"))
            } catch var error as SafeCityError {
                error.field = error.field.map { "events[\(index)].\($0)" }
                throw error
            }
        }
    }

    private func convert(_ incoming: IncomingEvent, identity: Identity, seen: inout Set<EventID>) throws -> NewEvent {
        guard let schema = registry.schema(for: EventType(incoming.type)) else {
            throw ValidationError(field: "type", reason: "unknown event type \"\(incoming.type)\"")
        }
        guard schema.submitters.contains(identity.role) else {
            var error = SafeCityError.forbidden("role '\(identity.role.rawValue)' may not submit \(incoming.type) events")
            error.field = "type"
            throw error
        }
        let version = incoming.schemaVersion ?? schema.version
        guard version == schema.version else {
            throw ValidationError(field: "schemaVersion", reason: "\(incoming.type) is at schema version \(schema.version), got \(version)")
        }
        let source = incoming.source.trimmingCharacters(in: .whitespaces)
        guard !source.isEmpty, source.count <= 200 else { throw ValidationError(field: "source", reason: "must be 1–200 characters") }
        var location: GeoPoint?
        if let given = incoming.location {
            do { location = try GeoPoint.validated(latitude: given.latitude, longitude: given.longitude) } catch {
                throw ValidationError(field: "location", reason: error.description)
            }
        } else if schema.requiresLocation {
            throw ValidationError(field: "location", reason: "is required for \(incoming.type)")
        }
        try schema.validate(incoming.payload)
        let id = incoming.id ?? EventID()
        guard seen.insert(id).inserted else { throw ValidationError(field: "id", reason: "appears twice in the batch") }
        return NewEvent(
            id: id, type: schema.type, source: source, actor: identity.actorName, occurredAt: incoming.occurredAt,
            location: location, schemaVersion: version, payload: EventPayload(incoming.payload))
    }
}

extension DecodingError {
    /// The JSON path of the value at fault, e.g. `events[2].occurredAt`.
    var fieldPath: String {
        let path: [CodingKey] = switch self {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context): context.codingPath
        case let .keyNotFound(key, context): context.codingPath + [key]
        @unknown default: []
        }
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text
    }

    /// A one-line reason without Swift type names.
    var reason: String {
        switch self {
        case let .typeMismatch(type, _): "has the wrong type (expected \(Self.jsonName(type)))"
        case .valueNotFound: "must not be null"
        case .keyNotFound: "is required"
        case let .dataCorrupted(context): context.debugDescription
        @unknown default: "is invalid"
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Timestamp.Type, is EventID.Type: "string"
        case is Double.Type, is Int.Type, is Int64.Type: "number"
        case is Bool.Type: "boolean"
        default: "\(type)".contains("Array") ? "array" : "object"
        }
    }
}
