import SafeCityCore

/// An observation as a feed sends it, before the registry, the unit and duplicates are checked.
public struct ObservationInput: Sendable, Hashable {
    public var sensorID: String
    public var time: Timestamp
    public var quantity: Quantity
    public var value: Double
    public var unit: String

    public init(sensorID: String, time: Timestamp, quantity: Quantity, value: Double, unit: String) {
        self.sensorID = sensorID
        self.time = time
        self.quantity = quantity
        self.value = value
        self.unit = unit
    }

    /// Reads one observation object: `{"sensorID", "time" (RFC 3339 or epoch ms), "quantity", "value", "unit"}`.
    ///
    /// `defaultSensorID` fills a missing `sensorID`, e.g. from an MQTT topic segment.
    public static func from(_ json: JSONValue, defaultSensorID: String? = nil) throws(ObservationError) -> ObservationInput {
        guard case let .object(members) = json else { throw .malformed("an observation must be a JSON object, got \(json.kindName)") }
        func string(_ name: String, maxLength: Int) throws(ObservationError) -> String {
            guard let value = members[name] else { throw .malformed("\(name) is missing") }
            guard case let .string(text) = value, !text.isEmpty, text.utf8.count <= maxLength else {
                throw .malformed("\(name) must be a non-empty string of at most \(maxLength) bytes")
            }
            return text
        }
        let sensorID: String
        if members["sensorID"] == nil, let defaultSensorID { sensorID = defaultSensorID } else { sensorID = try string("sensorID", maxLength: 64) }
        let time: Timestamp
        switch members["time"] {
        case let .string(text)?:
            guard let parsed = Timestamp.parseRFC3339(text) else { throw .malformed("time must be an RFC 3339 date-time, got \"\(text)\"") }
            time = parsed
        case let .number(milliseconds)? where milliseconds.isFinite && milliseconds.rounded() == milliseconds && abs(milliseconds) < 1e15:
            time = Timestamp(millisecondsSince1970: Int64(milliseconds))
        case nil: throw .malformed("time is missing")
        default: throw .malformed("time must be an RFC 3339 date-time or whole milliseconds since 1970")
        }
        let quantity = Quantity(try string("quantity", maxLength: 64))
        let value: Double
        switch members["value"] {
        case let .number(number)?: value = number
        // JSON has no NaN or infinity; feeds that write them as strings are told plainly.
        case let .string(text)? where ["nan", "inf", "-inf", "infinity", "-infinity"].contains(text.lowercased()):
            throw .notFinite(quantity: quantity)
        case nil: throw .malformed("value is missing")
        default: throw .malformed("value must be a number")
        }
        let unit = try string("unit", maxLength: 32)
        return ObservationInput(sensorID: sensorID, time: time, quantity: quantity, value: value, unit: unit)
    }
}
