import Testing
import SafeCityCore
@testable import Sensing

@Suite struct ObservationPayloadTests {
    /// The reference is the generic canonical encoder of `JSONValue`, which the hash chain is defined by.
    static func reference(_ observation: Observation, unit: String) -> [UInt8] {
        JSONValue.object([
            "sensorID": .string(observation.sensorID), "quantity": .string(observation.quantity.name),
            "value": .number(observation.value), "unit": .string(unit),
        ]).canonicalBytes
    }

    @Test func handWrittenPayloadIsTheCanonicalEncoding() throws {
        let cases: [(sensorID: String, quantity: Quantity, value: Double, unit: String)] = [
            ("aq-12", .pm25, 12.5, "µg/m³"),
            ("quote\"back\\slash", .noise, -0.0, "dBA"),
            ("tab\tnew\nline\u{01}", Quantity("custom"), 1e20, "furlongs"),
            ("ünïcødé-😀", .waterLevel, 0.1 + 0.2, "m"),
            ("big", .trafficFlow, 999_999_999_999_999, "veh/h"),
            ("neg", .temperature, -12.75, "°C"),
        ]
        for item in cases {
            let observation = Observation(sensorID: item.sensorID, time: Timestamp(millisecondsSince1970: 1_700_000_000_000),
                                          quantity: item.quantity, value: item.value)
            let bytes = observation.payload(unit: item.unit).bytes
            #expect(bytes == Self.reference(observation, unit: item.unit), "\(item.sensorID)")
        }
    }

    @Test func theLogPathReadsBackTheSameObservation() throws {
        let observation = Observation(sensorID: "aq-1", time: Timestamp(millisecondsSince1970: 1_700_000_000_000), quantity: .pm25, value: 0.1 + 0.2)
        let event = NewEvent(type: SensingEvents.observation, source: "sensor:aq-1", actor: "test", occurredAt: observation.time,
                             payload: observation.payload(unit: "µg/m³"))
        let record = EventRecord.seal(event, sequence: 1, recordedAt: observation.time, previousHash: HashChain.genesis)
        #expect(Observation(record: record) == observation)
    }
}
