import SafeCityCore

extension Observation {
    /// The observation a `sensor.observation` record carries, or nil when the record is not one
    /// or its payload is not usable (a raw event whose value is out of reach of the rules).
    ///
    /// Values are converted to the canonical unit here too, because the events API takes raw
    /// observations without going through ``SensingService``.
    public init?(record: EventRecord) {
        guard record.event.type == SensingEvents.observation,
              let payload = try? JSONParser.parse(record.event.payload.bytes),
              case let .string(sensorID)? = payload["sensorID"], case let .string(quantityName)? = payload["quantity"],
              case let .number(raw)? = payload["value"]
        else { return nil }
        let quantity = Quantity(quantityName)
        let unit: String = if case let .string(text)? = payload["unit"] { text } else { quantity.canonicalUnit ?? "" }
        guard let value = try? UnitConversion.normalise(raw, unit: unit, quantity: quantity) else { return nil }
        self.init(sensorID: sensorID, time: record.event.occurredAt, quantity: quantity, value: value)
    }
}
