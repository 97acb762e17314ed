import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Sensing
import Testing

@Suite struct SignalRoutesTests {
    static let rules = try! RuleSet.load(json: Data(#"{"rules":[{"id":"pm25-high","kind":"threshold","quantity":"pm25","above":35.5,"clearAt":30}]}"#.utf8))

    func readings(_ values: [Double], from start: Timestamp) -> String {
        "[" + values.enumerated().map { index, value in
            #"{"sensorID":"aq-1","time":\#(start.millisecondsSince1970 + Int64(index) * 60_000),"quantity":"pm25","value":\#(value),"unit":"µg/m³"}"#
        }.joined(separator: ",") + "]"
    }

    @Test func openSignalsAreListedAcknowledgedOnceAndLeaveWhenTheyClear() async throws {
        let fixture = try await ServerFixture(sensorRules: Self.rules)
        let start = fixture.platform.clock.now().adding(milliseconds: -3_600_000)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON(interval: 3_600))) { _ in }
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(readings([10, 50, 60], from: start))) { _ in }
            let open = try await waitForSignals(client, fixture, count: 1)
            let sequence = try #require(open.first?["sequence"] as? Int)
            var acknowledgement = 0
            #expect((open.first?["summary"] as? String)?.contains("pm25-high fired for aq-1") == true)
            try await client.execute(uri: "/v1/signals/\(sequence)/acknowledgement", method: .post, headers: fixture.headers(.sensor), body: buffer("{}")) { response in
                #expect(response.status == .forbidden)
            }
            // A dispatcher's API key is a machine credential: acknowledging is a person's statement.
            try await client.execute(uri: "/v1/signals/\(sequence)/acknowledgement", method: .post, headers: fixture.headers(.dispatcher), body: buffer("{}")) { response in
                #expect(response.status == .forbidden)
                #expect((response.json["detail"] as? String)?.contains("sign in with username, password and one-time code") == true)
            }
            try await client.execute(uri: "/v1/signals/\(sequence)/acknowledgement", method: .post, headers: try await fixture.sessionHeaders(.dispatcher),
                                     body: buffer(#"{"note":"  crew on the way "}"#)) { response in
                #expect(response.status == .created)
                acknowledgement = response.json["sequence"] as? Int ?? 0
            }
            try await client.execute(uri: "/v1/signals/\(sequence)/acknowledgement", method: .post, headers: try await fixture.sessionHeaders(.analyst), body: buffer("{}")) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/v1/signals/999999/acknowledgement", method: .post, headers: try await fixture.sessionHeaders(.analyst), body: buffer("{}")) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/signals?atLeast=\(acknowledgement)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let signals = response.json["signals"] as? [[String: Any]]
                #expect(signals?.first?["acknowledgedBy"] as? String == "user:test.dispatcher")
                // The note is kept with the acknowledgement, trimmed, and shown on the board.
                #expect(signals?.first?["acknowledgementNote"] as? String == "crew on the way")
            }
            // The reading falls back below the clearing level: the signal leaves the board.
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor),
                                     body: buffer(readings([10, 50, 60, 20], from: start))) { _ in }
            let left = try await waitForSignals(client, fixture, count: 0)
            #expect(left.isEmpty, "\(left)")
        }
        await fixture.close()
    }

    @Test func aSensorSignalBecomesAnIncidentOnlyWithATypeTheDispatcherChooses() async throws {
        let fixture = try await ServerFixture(sensorRules: Self.rules)
        let start = fixture.platform.clock.now().adding(milliseconds: -3_600_000)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON(interval: 3_600))) { _ in }
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(readings([10, 50, 60], from: start))) { _ in }
            let sequence = try #require(try await waitForSignals(client, fixture, count: 1).first?["sequence"] as? Int)
            try await client.execute(uri: "/v1/signals/\(sequence)/incident", method: .post, headers: fixture.headers(.dispatcher), body: buffer("{}")) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "typeCode")
            }
            try await client.execute(uri: "/v1/signals/\(sequence)/incident", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"typeCode":"NOT-A-TYPE"}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/signals/\(sequence)/incident", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"typeCode":"GAS-LEAK","priority":2,"summary":"smell reported too"}"#)) { response in
                #expect(response.status == .created)
                #expect((response.json["summary"] as? String)?.hasPrefix("smell reported too — From signal #\(sequence): rule pm25-high fired") == true, "\(response.json)")
            }
            try await client.execute(uri: "/v1/signals?atLeast=\(sequence)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let signal = (response.json["signals"] as? [[String: Any]])?.first
                #expect(signal?["acknowledgedBy"] as? String != nil)
            }
        }
        await fixture.close()
    }

    @Test func metricsSayWhereTheDetectorGotItsRecords() async throws {
        let fixture = try await ServerFixture(sensorRules: Self.rules)
        let start = fixture.platform.clock.now().adding(milliseconds: -3_600_000)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON(interval: 3_600))) { _ in }
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(readings([10, 50, 60], from: start))) { _ in }
            _ = try await waitForSignals(client, fixture, count: 1)
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.admin, json: false)) { response in
                let text = String(buffer: response.body)
                // The three observations came through the in-memory feed; nothing was dropped.
                let fromFeed = text.split(separator: "\n").first { $0.hasPrefix("safecity_sensing_records_from_feed_total ") }
                #expect(fromFeed.flatMap { Double($0.split(separator: " ").last!) } ?? 0 >= 3)
                #expect(text.contains("safecity_sensing_feed_dropped_total 0"))
            }
        }
        await fixture.close()
    }

    @Test func aRestartRaisesNoSignalTwice() async throws {
        let directory = TemporaryDirectory("safecity-restart")
        defer { directory.remove() }
        let start = SystemClock().now().adding(milliseconds: -3_600_000)
        var platform = try await Platform(databasePath: directory.path("db.sqlite"), sensorRules: Self.rules)
        try await platform.sensing.register(Sensor(id: "aq-1", kind: .airQuality, name: "a", location: .init(latitude: 43.7, longitude: 7.4),
                                                   quantities: [.pm25], reportIntervalSeconds: 60, owner: "o"), actor: "test")
        let first = try await platform.sensing.ingest(try ObservationBatch.json(Array(readings([10, 50], from: start).utf8)), actor: "test")
        await platform.sensingDetector.caughtUp(to: first.lastSequence!)
        #expect(try await ruleSignals(platform).count == 1)
        await platform.shutdown()

        platform = try await Platform(databasePath: directory.path("db.sqlite"), sensorRules: Self.rules)
        let second = try await platform.sensing.ingest(try ObservationBatch.json(Array(readings([10, 50, 60, 20], from: start).utf8)), actor: "test")
        #expect(second.accepted == 2 && second.duplicates == 2)
        await platform.sensingDetector.caughtUp(to: second.lastSequence!)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await ruleSignals(platform, minimum: 2).map(\.state) == ["fired", "cleared"])
        await platform.shutdown()
    }

    /// The rule signals in the log once there are at least `minimum` (or whatever is there after 4 s).
    func ruleSignals(_ platform: Platform, minimum: Int = 1) async throws -> [RuleSignalPayload] {
        var records: [EventRecord] = []
        for _ in 0..<200 {
            records = try await platform.log.read(after: 0, limit: 1_000, types: [SensingEvents.ruleSignal]).records
            if records.count >= minimum { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try records.map { try $0.event.payload.decode(RuleSignalPayload.self) }
    }

    func waitForSignals(_ client: some TestClientProtocol, _ fixture: ServerFixture, count: Int) async throws -> [[String: Any]] {
        for _ in 0..<200 {
            let signals = try await client.execute(uri: "/v1/signals", method: .get, headers: fixture.headers(.analyst)) { response in
                (response.json["signals"] as? [[String: Any]]) ?? []
            }
            if signals.count == count { return signals }
            try await Task.sleep(for: .milliseconds(25))
        }
        return [["timeout": true]]
    }
}
