import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import SafeCityCore
import SafeCityServer
import Sensing
import Testing

@Suite struct ObservationSocketTests {
    @Test func devicesReportOverAWebSocketAndGetAReportPerFrame() async throws {
        let fixture = try await ServerFixture()
        _ = try await fixture.platform.sensing.register(
            Sensor(id: "aq-1", kind: .airQuality, name: "Harbour", location: .init(latitude: 43.73, longitude: 7.42),
                   quantities: [.pm25], reportIntervalSeconds: 60, owner: "test"), actor: "test")
        let replies = Replies()
        try await fixture.app.test(.live) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(fixture.keys[.sensor]!)"
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(client.port!)/v1/observations/ws",
                                              configuration: .init(additionalHeaders: headers), logger: Logger(label: "test")) { inbound, outbound, _ in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                try await outbound.write(.text(#"{"sensorID":"aq-1","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":12,"unit":"µg/m³"}"#))
                if case let .text(text)? = try await messages.next() { replies.add(text) }
                try await outbound.write(.text("""
                    {"sensorID":"aq-1","time":"2026-11-25T10:01:00Z","quantity":"pm25","value":13,"unit":"µg/m³"}
                    {"sensorID":"aq-1","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":12,"unit":"µg/m³"}
                    """))
                if case let .text(text)? = try await messages.next() { replies.add(text) }
                try await outbound.write(.text("{not json"))
                if case let .text(text)? = try await messages.next() { replies.add(text) }
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
        let answers = replies.all.map { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:] }
        #expect(answers.count == 3)
        #expect(answers.first?["accepted"] as? Int == 1)
        #expect(answers.dropFirst().first?["accepted"] as? Int == 1)
        #expect(answers.dropFirst().first?["duplicates"] as? Int == 1)
        #expect((answers.last?["error"] as? String)?.contains("not JSON") == true)
        await fixture.close()
    }

    @Test func theUpgradeNeedsAKeyWithTheRightRole() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/observations/ws", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/observations/ws", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/observations/ws", method: .get, headers: fixture.headers(.sensor)) { response in
                #expect(response.status == .upgradeRequired)
            }
        }
        await fixture.close()
    }
}

/// Text frames a test's WebSocket handler received.
final class Replies: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func add(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}
