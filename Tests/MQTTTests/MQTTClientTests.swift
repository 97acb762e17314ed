import Foundation
import MQTT
import SafeCityTesting
import Testing

/// Gathers `count` messages, failing (instead of hanging) if they do not come within a generous guard interval.
private func collect(_ count: Int, from client: MQTTClient) async throws -> [MQTTMessage] {
    try await withThrowingTaskGroup(of: [MQTTMessage]?.self) { group in
        group.addTask {
            var received: [MQTTMessage] = []
            for await message in client.messages {
                received.append(message)
                if received.count == count { break }
            }
            return received
        }
        group.addTask {
            try await Task.sleep(for: .seconds(30))
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        return try #require(first, "waited 30 s for \(count) messages")
    }
}

/// Waits for the next `.connected` event.
private func nextConnected(_ client: MQTTClient) async -> Bool {
    for await event in client.events {
        if case .connected = event { return true }
    }
    return false
}

@Suite(.serialized, .enabled(if: MosquittoBroker.testsEnabled, "mosquitto is not installed (apt-get install mosquitto); set SAFECITY_REQUIRE_MQTT=1 to make this a failure"))
struct MQTTClientTests {
    @Test func wildcardSubscriptionReceivesQoS0And1InOrder() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let subscriber = MQTTClient()
        let publisher = MQTTClient()
        try await subscriber.connect(host: "127.0.0.1", port: broker.port, clientID: "sub-\(UUID())", keepAliveSeconds: 60)
        try await publisher.connect(host: "127.0.0.1", port: broker.port, clientID: "pub-\(UUID())")
        let granted = try await subscriber.subscribe(["city/sensors/+/observations": .atLeastOnce, "city/alerts/#": .atMostOnce])
        #expect(granted == ["city/sensors/+/observations": .atLeastOnce, "city/alerts/#": .atMostOnce])

        for index in 1...5 {
            try await publisher.publish(topic: "city/sensors/s\(index)/observations", payload: Array("{\"n\":\(index)}".utf8), qos: .atLeastOnce)
        }
        try await publisher.publish(topic: "city/sensors/s1/status", payload: Array("ignored".utf8), qos: .atLeastOnce)
        try await publisher.publish(topic: "city/alerts", payload: Array("parent".utf8), qos: .atMostOnce)
        try await publisher.publish(topic: "city/alerts/flood/north", payload: Array("child".utf8), qos: .atMostOnce)

        let received = try await collect(7, from: subscriber)
        #expect(received.prefix(5).map { String(decoding: $0.payload, as: UTF8.self) } == (1...5).map { "{\"n\":\($0)}" })
        #expect(received.prefix(5).allSatisfy { $0.qos == .atLeastOnce && !$0.retain })
        #expect(received.suffix(2).map(\.topic) == ["city/alerts", "city/alerts/flood/north"])
        #expect(received.suffix(2).allSatisfy { $0.qos == .atMostOnce })

        if try broker.publishWithTool(topic: "city/sensors/tool/observations", message: "{\"from\":\"mosquitto_pub\"}", qos: 1) {
            let fromTool = try await collect(1, from: subscriber)
            #expect(fromTool.first?.topic == "city/sensors/tool/observations")
            #expect(fromTool.first.map { String(decoding: $0.payload, as: UTF8.self) } == "{\"from\":\"mosquitto_pub\"}")
        }
        await publisher.shutdown()
        await subscriber.shutdown()
    }

    @Test func retainedMessageIsDeliveredOnSubscribe() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let publisher = MQTTClient()
        try await publisher.connect(host: "127.0.0.1", port: broker.port, clientID: "pub-\(UUID())")
        try await publisher.publish(topic: "city/sensors/r1/observations", payload: [1, 2, 3], qos: .atLeastOnce, retain: true)

        let subscriber = MQTTClient()
        try await subscriber.connect(host: "127.0.0.1", port: broker.port, clientID: "sub-\(UUID())")
        try await subscriber.subscribe("city/sensors/+/observations", qos: .atLeastOnce)
        let retained = try await collect(1, from: subscriber)
        #expect(retained == [MQTTMessage(topic: "city/sensors/r1/observations", payload: [1, 2, 3], qos: .atLeastOnce, retain: true)])

        try await publisher.publish(topic: "city/sensors/r1/observations", payload: [4], qos: .atLeastOnce, retain: true)
        let live = try await collect(1, from: subscriber)
        #expect(live.first?.retain == false)
        await publisher.shutdown()
        await subscriber.shutdown()
    }

    @Test func reconnectsAndResubscribesAfterBrokerRestart() async throws {
        let broker = try MosquittoBroker()
        defer { broker.shutdown() }
        let configuration = MQTTClientConfiguration(backoff: MQTTBackoff(initialSeconds: 0.1, maxSeconds: 1))
        let subscriber = MQTTClient(configuration: configuration)
        try await subscriber.connect(host: "127.0.0.1", port: broker.port, clientID: "sub-\(UUID())", keepAliveSeconds: 60)
        #expect(await nextConnected(subscriber))
        try await subscriber.subscribe("city/sensors/+/observations", qos: .atLeastOnce)

        broker.stop()
        try broker.start()
        #expect(await nextConnected(subscriber))
        #expect(await subscriber.activeSubscriptions == ["city/sensors/+/observations": .atLeastOnce])

        let publisher = MQTTClient()
        try await publisher.connect(host: "127.0.0.1", port: broker.port, clientID: "pub-\(UUID())")
        try await publisher.publish(topic: "city/sensors/after/observations", payload: Array("back".utf8), qos: .atLeastOnce)
        let received = try await collect(1, from: subscriber)
        #expect(received.first?.topic == "city/sensors/after/observations")
        await publisher.shutdown()
        await subscriber.shutdown()
    }

    @Test func refusedConnectionReportsTheBrokersReason() async throws {
        // With allow_anonymous false and no password file, mosquitto answers CONNACK 5 (not authorised).
        let broker = try MosquittoBroker(allowAnonymous: false)
        defer { broker.shutdown() }
        let client = MQTTClient()
        await #expect(throws: MQTTError.connectionRefused(.notAuthorized)) {
            try await client.connect(host: "127.0.0.1", port: broker.port, clientID: "anon-\(UUID())")
        }
        #expect(await !client.isConnected)
        await #expect(throws: MQTTError.notConnected) {
            try await client.publish(topic: "a", payload: [])
        }
        await client.shutdown()
    }
}
