import Foundation
import Geo
import SafeCityCore
import Security

/// Turns a submitted batch into log events, checking every rule before anything is written.
///
/// The body is `{"events": [...]}` or a bare array; each event is
/// `{id?, type, source, occurredAt, location?: {latitude, longitude}, schemaVersion?, payload}`.
/// Errors name the field at fault as a JSON path, e.g. `events[3].occurredAt`.
struct EventIntake {
    static let maxBatch = 10_000
    let registry: EventTypeRegistry

    func accept(_ body: JSONValue, from identity: Identity) throws -> [NewEvent] {
        let elements: [JSONValue]
        switch body {
        case let .array(array): elements = array
        case let .object(members):
            guard let events = members["events"] else { throw invalid("events", "is required") }
            guard case let .array(array) = events else { throw invalid("events", "expected an array, got \(events.kindName)") }
            elements = array
        default:
            throw invalid("events", "expected an object with \"events\" or an array, got \(body.kindName)")
        }
        guard !elements.isEmpty else { throw invalid("events", "must hold at least one event") }
        guard elements.count <= Self.maxBatch else { throw invalid("events", "holds \(elements.count) events; the limit is \(Self.maxBatch)") }
        var seen = Set<EventID>()
        var events: [NewEvent] = []
        events.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            do {
                events.append(try convert(element, identity: identity, seen: &seen))
            } catch let error as ValidationError {
                throw SafeCityError.invalid(error.nested(under: "events[\(index)]"))
            } catch var error as SafeCityError {
                error.field = error.field.map { "events[\(index)].\($0)" }
                throw error
            }
        }
        return events
    }

    private func invalid(_ field: String, _ reason: String) -> SafeCityError {
        SafeCityError.invalid(ValidationError(field: field, reason: reason))
    }

    private func convert(_ element: JSONValue, identity: Identity, seen: inout Set<EventID>) throws -> NewEvent {
        guard case let .object(fields) = element else {
            throw ValidationError(field: "", reason: "expected an object, got \(element.kindName)")
        }
        let typeName = try string(fields, "type")
        guard let schema = registry.schema(for: EventType(typeName)) else {
            throw ValidationError(field: "type", reason: "unknown event type \"\(typeName)\"")
        }
        guard schema.submitters.contains(identity.role) else {
            var error = SafeCityError.forbidden("role '\(identity.role.rawValue)' may not submit \(typeName) events")
            error.field = "type"
            throw error
        }
        let version = try integer(fields, "schemaVersion") ?? Int64(schema.version)
        guard version == Int64(schema.version) else {
            throw ValidationError(field: "schemaVersion", reason: "\(typeName) is at schema version \(schema.version), got \(version)")
        }
        let given = try string(fields, "source")
        // Trimming goes through Foundation's bridging; most sources need none.
        let padded = given.first?.isWhitespace == true || given.last?.isWhitespace == true
        let source = padded ? given.trimmingCharacters(in: .whitespaces) : given
        guard !source.isEmpty, source.count <= 200 else { throw ValidationError(field: "source", reason: "must be 1–200 characters") }
        let occurredAt = try timestamp(fields, "occurredAt")
        let location = try self.location(fields["location"])
        if location == nil, schema.requiresLocation {
            throw ValidationError(field: "location", reason: "is required for \(typeName)")
        }
        guard let payload = fields["payload"], payload != .null else { throw ValidationError(field: "payload", reason: "is required") }
        try schema.validate(payload)
        var id = EventID()
        if let given = fields["id"], given != .null {
            guard case let .string(text) = given, let parsed = EventID(text) else {
                throw ValidationError(field: "id", reason: "must be a UUID")
            }
            id = parsed
        }
        guard seen.insert(id).inserted else { throw ValidationError(field: "id", reason: "appears twice in the batch") }
        return NewEvent(
            id: id, type: schema.type, source: source, actor: identity.actorName, occurredAt: occurredAt,
            location: location, schemaVersion: Int(version), payload: EventPayload(payload))
    }

    private func string(_ fields: [String: JSONValue], _ name: String) throws(ValidationError) -> String {
        switch fields[name] {
        case let .string(text)?: return text
        case nil, .null?: throw ValidationError(field: name, reason: "is required")
        case let other?: throw ValidationError(field: name, reason: "expected a string, got \(other.kindName)")
        }
    }

    private func integer(_ fields: [String: JSONValue], _ name: String) throws(ValidationError) -> Int64? {
        switch fields[name] {
        case nil, .null?: return nil
        case let .number(number)? where number == number.rounded() && abs(number) < 9e15: return Int64(number)
        case let other?: throw ValidationError(field: name, reason: "expected an integer, got \(other.kindName)")
        }
    }

    private func timestamp(_ fields: [String: JSONValue], _ name: String) throws(ValidationError) -> Timestamp {
        switch fields[name] {
        case let .string(text)?:
            guard let time = Timestamp.parse(text) else {
                throw ValidationError(field: name, reason: "expected an RFC 3339 date-time such as 2026-11-25T10:00:00Z, got \"\(text)\"")
            }
            return time
        case let .number(ms)? where ms == ms.rounded() && abs(ms) < 9e15:
            return Timestamp(millisecondsSince1970: Int64(ms))
        case nil, .null?: throw ValidationError(field: name, reason: "is required")
        case let other?: throw ValidationError(field: name, reason: "expected a date-time string, got \(other.kindName)")
        }
    }

    private func location(_ value: JSONValue?) throws(ValidationError) -> GeoPoint? {
        guard let value, value != .null else { return nil }
        guard case let .number(latitude)? = value["latitude"], case let .number(longitude)? = value["longitude"] else {
            throw ValidationError(field: "location", reason: "expected {\"latitude\": number, \"longitude\": number}")
        }
        do {
            return try GeoPoint.validated(latitude: latitude, longitude: longitude)
        } catch {
            throw ValidationError(field: "location", reason: error.description)
        }
    }
}
