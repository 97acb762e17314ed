import Foundation
import Logging
import MQTT
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Sensing
import Testing

@Suite(.serialized, .enabled(if: MosquittoBroker.testsEnabled, "mosquitto is not installed (apt-get install mosquitto); set SAFECITY_REQUIRE_MQTT=1 to make this a failure"))
struct MQTTIngestTests {
    @Test func observationsPublishedToTheBrokerAreRecordedAndBadPayloadsCounted() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let fixture = try await ServerFixture()
        _ = try await fixture.platform.sensing.register(
            Sensor(id: "aq-7", kind: .airQuality, name: "Port", location: .init(latitude: 43.73, longitude: 7.42),
                   quantities: [.pm25, .nitrogenDioxide], reportIntervalSeconds: 60, owner: "test"), actor: "test")
        let source = try MQTTSource(url: "mqtt://127.0.0.1:\(broker.port)/city/sensors/+/observations")
        try await fixture.platform.startMQTT(source, logger: Logger(label: "test"))

        let publisher = MQTTClient()
        try await publisher.connect(host: "127.0.0.1", port: broker.port, clientID: "test-publisher")
        // The topic names the sensor; the payload need not.
        try await publisher.publish(topic: "city/sensors/aq-7/observations",
                                    payload: Array(#"{"time":"2026-11-25T10:00:00Z","quantity":"pm25","value":18.5,"unit":"µg/m³"}"#.utf8), qos: .atLeastOnce)
        try await publisher.publish(topic: "city/sensors/aq-7/observations", payload: Array("\u{0}\u{1}garbage".utf8), qos: .atLeastOnce)
        try await publisher.publish(topic: "city/sensors/aq-7/observations",
                                    payload: Array(#"[{"time":"2026-11-25T10:01:00Z","quantity":"no2","value":40,"unit":"ppb"},{"time":"2026-11-25T10:01:00Z","quantity":"pm25","value":"NaN","unit":"µg/m³"}]"#.utf8),
                                    qos: .atLeastOnce)
        if try broker.publishWithTool(topic: "city/sensors/ghost/observations",
                                      message: #"{"time":"2026-11-25T10:00:00Z","quantity":"pm25","value":1,"unit":"µg/m³"}"#, qos: 1) {}
        await publisher.shutdown()

        var observations: [Observation] = []
        for _ in 0..<200 {
            observations = try await fixture.platform.log.read(after: 0, limit: 100, types: [SensingEvents.observation]).records.compactMap(Observation.init(record:))
            if observations.count >= 2 { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(observations.map(\.value).sorted() == [18.5, 40])
        #expect(observations.allSatisfy { $0.sensorID == "aq-7" })
        var exposition = ""
        for _ in 0..<200 {
            exposition = String(decoding: fixture.platform.metrics.exposition(), as: UTF8.self)
            if exposition.contains(#"reason="unknown_sensor"} 1"#) { break }
            try await Task.sleep(for: .milliseconds(25))
        }
        #expect(exposition.contains(#"safecity_observations_rejected_total{reason="malformed"} 1"#))
        #expect(exposition.contains(#"safecity_observations_rejected_total{reason="not_finite"} 1"#))
        #expect(exposition.contains(#"safecity_observations_rejected_total{reason="unknown_sensor"} 1"#))
        await fixture.close()
    }

    @Test func badSourceURLsAreRefusedWithTheReason() throws {
        #expect(throws: MQTTSourceError.self) { try MQTTSource(url: "http://127.0.0.1/topic") }
        #expect(throws: MQTTSourceError.self) { try MQTTSource(url: "mqtt://127.0.0.1:1883") }
        #expect(throws: MQTTSourceError.self) { try MQTTSource(url: "mqtt://127.0.0.1:1883/city/#/x") }
        #expect(try MQTTSource(url: "mqtt://u:p@127.0.0.1:1884/city/sensors/+/observations").sensorID(inTopic: "city/sensors/aq-9/observations") == "aq-9")
    }
}
