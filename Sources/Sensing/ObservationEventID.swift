import SafeCityCore

extension Observation {
    /// The event id of this observation's `sensor.observation` event: a UUID version 7 at the
    /// observation time whose other bits hash the sensor and quantity.
    ///
    /// - Note: The id is a function of ``key`` only, so the log's unique index refuses a duplicate
    ///   even when the in-memory duplicate check has forgotten it (after a restart, or on another node).
    public var eventID: EventID {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        mix(sensorID.utf8)
        mix([0x1F])
        mix(quantity.name.utf8)
        mix([0x1F])
        withUnsafeBytes(of: time.millisecondsSince1970.littleEndian) { mix($0) }
        var generator = SplitMix64(seed: hash)
        return EventID.timeOrdered(at: time, using: &generator)
    }
}
