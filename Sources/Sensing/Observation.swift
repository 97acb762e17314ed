import SafeCityCore

/// One measurement of one quantity by one sensor at one instant, in the quantity's canonical unit.
///
/// Observations are keyed by (sensor, quantity, time): a second observation with the same key is a
/// duplicate, whatever its value, so that a feed that resends a batch changes nothing.
public struct Observation: Sendable, Hashable, Codable {
    public var sensorID: String
    /// When the sensor measured (event time), not when SafeCity heard of it.
    public var time: Timestamp
    public var quantity: Quantity
    /// The value in ``Quantity/canonicalUnit``.
    public var value: Double

    public init(sensorID: String, time: Timestamp, quantity: Quantity, value: Double) {
        self.sensorID = sensorID
        self.time = time
        self.quantity = quantity
        self.value = value
    }

    /// The identity that makes two observations duplicates.
    public var key: ObservationKey { ObservationKey(sensorID: sensorID, quantity: quantity, time: time) }
}

/// What makes an observation unique: sensor, quantity and event time.
public struct ObservationKey: Sendable, Hashable {
    public var sensorID: String
    public var quantity: Quantity
    public var time: Timestamp
}
