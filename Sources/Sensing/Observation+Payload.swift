import SafeCityCore

extension Observation {
    /// The canonical JSON payload of this observation's `sensor.observation` event, with `unit`.
    ///
    /// Written by hand because it runs for every accepted observation; the bytes are those of the
    /// generic canonical encoder (keys in UTF-8 order: quantity, sensorID, unit, value), which the
    /// hash chain and ``init(record:)`` rely on.
    func payload(unit: String) -> EventPayload {
        var out: [UInt8] = []
        out.reserveCapacity(40 + sensorID.utf8.count + quantity.name.utf8.count + unit.utf8.count)
        out.append(contentsOf: #"{"quantity":"#.utf8)
        JSONValue.writeString(quantity.name, into: &out)
        out.append(contentsOf: #","sensorID":"#.utf8)
        JSONValue.writeString(sensorID, into: &out)
        out.append(contentsOf: #","unit":"#.utf8)
        JSONValue.writeString(unit, into: &out)
        out.append(contentsOf: #","value":"#.utf8)
        JSONValue.writeNumber(value, into: &out)
        out.append(UInt8(ascii: "}"))
        return EventPayload(trustedBytes: out)
    }
}
