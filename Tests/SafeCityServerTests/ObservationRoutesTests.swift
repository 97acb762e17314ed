import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Sensing
import Testing

@Suite struct ObservationRoutesTests {
    static let threshold = try! RuleSet.load(json: Data(#"{"rules":[{"id":"pm25-high","kind":"threshold","quantity":"pm25","above":35.5,"clearAt":30}]}"#.utf8))

    @Test func eachItemIsJudgedOnItsOwn() async throws {
        let fixture = try await ServerFixture()
        let body = """
            [{"sensorID":"aq-1","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":12.5,"unit":"ug/m3"},
             {"sensorID":"aq-1","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":99,"unit":"µg/m³"},
             {"sensorID":"ghost","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":1,"unit":"µg/m³"},
             {"sensorID":"aq-1","time":"2026-11-25T10:01:00Z","quantity":"pm25","value":1,"unit":"ppb"},
             {"sensorID":"aq-1","time":"2026-11-25T10:01:00Z","quantity":"pm25","value":"NaN","unit":"µg/m³"},
             {"sensorID":"aq-1","time":"2026-11-25T10:01:00Z","quantity":"noise","value":50,"unit":"dBA"},
             {"sensorID":"aq-1","time":"yesterday","quantity":"pm25","value":1,"unit":"µg/m³"},
             {"sensorID":"aq-1","time":1764064920000,"quantity":"no2","value":100,"unit":"µg/m³"}]
            """
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON())) { _ in }
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                #expect(response.status == .ok)
                #expect(response.json["accepted"] as? Int == 2)
                #expect(response.json["duplicates"] as? Int == 1)
                let rejected = (response.json["rejected"] as? [[String: Any]]) ?? []
                #expect(rejected.map { $0["index"] as? Int } == [2, 3, 4, 5, 6])
                #expect(rejected.map { $0["reason"] as? String } == ["unknown_sensor", "wrong_unit", "not_finite", "quantity_not_measured", "malformed"])
            }
            // Sent again, the whole batch is duplicates or refusals: nothing is recorded twice.
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                #expect(response.json["accepted"] as? Int == 0)
                #expect(response.json["duplicates"] as? Int == 3)
            }
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.admin)) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"safecity_observations_rejected_total{reason="wrong_unit"} 2"#))
                #expect(text.contains("safecity_observations_accepted_total 2"))
            }
        }
        // The NO2 reading was converted to ppb at 25 °C before it was recorded.
        let records = try await fixture.platform.log.read(after: 0, limit: 100, types: [SensingEvents.observation]).records
        let no2 = records.compactMap(Observation.init(record:)).first { $0.quantity == .nitrogenDioxide }
        #expect(abs((no2?.value ?? 0) - 53.15) < 0.02)
        await fixture.close()
    }

    @Test func ndjsonAndUnreadableBodies() async throws {
        let fixture = try await ServerFixture()
        let ndjson: HTTPFields = [.authorization: "Bearer \(fixture.keys[.sensor]!)", .contentType: "application/x-ndjson"]
        let lines = """
            {"sensorID":"aq-1","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":12.5,"unit":"ug/m3"}
            not json at all

            {"sensorID":"aq-1","time":"2026-11-25T10:00:30Z","quantity":"pm25","value":13,"unit":"ug/m3"}
            """
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON())) { _ in }
            try await client.execute(uri: "/v1/observations", method: .post, headers: ndjson, body: buffer(lines)) { response in
                #expect(response.json["accepted"] as? Int == 2)
                let rejected = (response.json["rejected"] as? [[String: Any]]) ?? []
                #expect(rejected.map { $0["index"] as? Int } == [1])
            }
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer("[{")) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.dispatcher), body: buffer("[]")) { response in
                #expect(response.status == .forbidden)
            }
        }
        await fixture.close()
    }

    @Test func aRuleFiringBecomesASignalWithItsEvidence() async throws {
        let fixture = try await ServerFixture(sensorRules: Self.threshold)
        let now = fixture.platform.clock.now()
        func reading(_ seconds: Int64, _ value: Double) -> String {
            #"{"sensorID":"aq-1","time":\#(now.millisecondsSince1970 - 600_000 + seconds * 1_000),"quantity":"pm25","value":\#(value),"unit":"µg/m³"}"#
        }
        let body = "[" + [reading(0, 10), reading(60, 40), reading(120, 50), reading(180, 20)].joined(separator: ",") + "]"
        let last = try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON())) { _ in }
            return try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                Int64(response.json["lastSequence"] as? Int ?? 0)
            }
        }
        await fixture.platform.sensingDetector.caughtUp(to: last)
        let signals = try await waitForSignals(in: fixture.platform, count: 2)
        #expect(signals.map(\.state) == ["fired", "cleared"])
        #expect(signals.first?.evidence.first?.value == 40)
        #expect(signals.first?.subject == "aq-1")
        await fixture.close()
    }

    /// Reads rule signals until `count` are there (the detector appends them just after the observations).
    func waitForSignals(in platform: Platform, count: Int) async throws -> [RuleSignalPayload] {
        for _ in 0..<200 {
            let page = try await platform.log.read(after: 0, limit: 1_000, types: [SensingEvents.ruleSignal])
            let signals = try page.records.map { try $0.event.payload.decode(RuleSignalPayload.self) }
            if signals.count >= count { return signals }
            try await Task.sleep(for: .milliseconds(25))
        }
        return []
    }
}
