import Geo
import SafeCityCore
import Sensing

/// The JSON ingest path: the strict parser every JSON body goes through, the canonical writer the
/// hash chain hashes, the observation batch reader (JSON, NDJSON and undeclared WebSocket/MQTT
/// messages), payload schema checks and the envelope's time and location fields.
func fuzzJSONIngest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let bytes = Array(input)
    if let value = try? JSONParser.parse(bytes) {
        // Canonical bytes must parse back to the same value and re-encode to the same bytes.
        let canonical = value.canonicalBytes
        guard let again = try? JSONParser.parse(canonical) else { fatalError("canonical bytes do not parse: \(canonical)") }
        guard again == value, again.canonicalBytes == canonical else { fatalError("canonical round trip changed the value") }
        checkEnvelope(value)
        for schema in IngestSchemas.all {
            _ = try? schema.validate(value)
            _ = try? schema.validate(value["payload"] ?? .null)
        }
    }
    _ = try? ObservationBatch.json(bytes)
    _ = try? ObservationBatch.ndjson(bytes, defaultSensorID: "fuzz-sensor")
    _ = try? ObservationBatch.message(bytes, defaultSensorID: "fuzz-sensor")
    return 0
}

/// What the event intake reads from each envelope: time stamps and the location.
private func checkEnvelope(_ value: JSONValue) {
    let elements: [JSONValue] = switch value {
    case let .array(array): array
    case let .object(members): members["events"].flatMap { if case let .array(array) = $0 { array } else { nil } } ?? [value]
    default: [value]
    }
    for element in elements {
        guard case let .object(fields) = element else { continue }
        for name in ["occurredAt", "time"] {
            if case let .string(text)? = fields[name] {
                if let time = Timestamp.parse(text) { _ = Timestamp.format(time) }
                // The fast parser and the formatter must agree: what it prints reads back as the same instant.
                if let time = Timestamp.parseRFC3339(text), let back = Timestamp.parseRFC3339(Timestamp.format(time)), back != time {
                    fatalError("\(text) reads as \(time) but its formatted text reads as \(back)")
                }
            }
        }
        if case let .object(location)? = fields["location"],
           case let .number(latitude)? = location["latitude"], case let .number(longitude)? = location["longitude"] {
            _ = try? GeoPoint.validated(latitude: latitude, longitude: longitude)
        }
    }
}

/// Payload schemas with every kind of field rule, plus Sensing's own.
private enum IngestSchemas {
    static let all: [EventSchema] = {
        var schemas = SensingEvents.registry.types.compactMap { SensingEvents.registry.schema(for: $0) }
        schemas.append(EventSchema(type: "fuzz.kinds", fields: [
            .init("text", .string(maxLength: 16), required: false),
            .init("number", .number(range: -90...90), required: false),
            .init("count", .integer(range: 0...1000), required: false),
            .init("flag", .boolean, required: false),
            .init("object", .object, required: false),
            .init("list", .array, required: false),
            .init("choice", .oneOf(["a", "b"]), required: false),
        ], submitters: []))
        return schemas
    }()
}
