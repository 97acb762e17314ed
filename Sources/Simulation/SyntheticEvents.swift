import Geo
import SafeCityCore

/// A reproducible stream of realistic sensor events for benchmarks and crash tests.
public struct SyntheticEvents: Sendable {
    private var rng: SplitMix64
    private var index = 0
    private let start: Timestamp

    public init(seed: UInt64, start: Timestamp = Timestamp(millisecondsSince1970: 1_795_000_000_000)) {
        self.rng = SplitMix64(seed: seed)
        self.start = start
    }

    /// The next `count` events of the stream.
    public mutating func next(_ count: Int) -> [NewEvent] {
        (0..<count).map { _ in nextEvent() }
    }

    private mutating func nextEvent() -> NewEvent {
        index += 1
        let sensor = Int.random(in: 1...500, using: &rng)
        let value = (Double.random(in: 2...80, using: &rng) * 10).rounded() / 10
        let payload = JSONValue.object([
            "sensorID": .string("pm25-\(sensor)"), "quantity": .string("pm25"),
            "value": .number(value), "unit": .string("ug/m3"),
        ])
        let location = GeoPoint(latitude: 43.72 + Double(sensor % 50) * 0.0008, longitude: 7.40 + Double(sensor / 50) * 0.005)
        let occurredAt = start.adding(milliseconds: Int64(index) * 100)
        return NewEvent(
            id: EventID.timeOrdered(at: occurredAt, using: &rng), type: CityEventTypes.sensorObservation, source: "sensor:pm25-\(sensor)",
            actor: "system:bench", occurredAt: occurredAt, location: location,
            payload: EventPayload(payload))
    }
}
