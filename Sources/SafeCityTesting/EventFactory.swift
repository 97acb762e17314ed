import Geo
import SafeCityCore

/// Small, valid events for tests.
public enum EventFactory {
    /// A sensor observation with a given value, from a seeded generator so ids are reproducible.
    public static func observation(value: Double, sensor: String = "pm25-1", at time: Timestamp = Timestamp(millisecondsSince1970: 1_795_000_000_000),
                                   using generator: inout SplitMix64) -> NewEvent {
        NewEvent(
            id: EventID.random(using: &generator), type: "sensor.observation", source: "sensor:\(sensor)", actor: "test",
            occurredAt: time, location: GeoPoint(latitude: 43.73, longitude: 7.42),
            payload: EventPayload(.object(["sensorID": .string(sensor), "quantity": .string("pm25"), "value": .number(value), "unit": .string("ug/m3")])))
    }

    /// `count` observations with values 0, 1, 2, …
    public static func observations(_ count: Int, seed: UInt64 = 1) -> [NewEvent] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { observation(value: Double($0), using: &generator) }
    }
}
