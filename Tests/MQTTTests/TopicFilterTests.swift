import MQTT
import Testing

/// The examples of §4.7 of the OASIS MQTT 3.1.1 specification (non-normative comments and §4.7.2).
@Suite struct TopicFilterTests {
    @Test(arguments: [
        ("sport/tennis/player1/#", "sport/tennis/player1"),
        ("sport/tennis/player1/#", "sport/tennis/player1/ranking"),
        ("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon"),
        ("sport/#", "sport"),
        ("#", "sport/tennis"),
        ("sport/tennis/+", "sport/tennis/player1"),
        ("sport/+", "sport/"),
        ("+", "finance"),
        ("+/+", "/finance"),
        ("/+", "/finance"),
        ("+/tennis/#", "sport/tennis/player1/ranking"),
        ("$SYS/#", "$SYS/broker/clients"),
        ("$SYS/monitor/+", "$SYS/monitor/Clients"),
        ("city/sensors/+/observations", "city/sensors/no2-17/observations"),
    ])
    func matches(filter: String, topic: String) throws {
        #expect(try TopicFilter(filter).matches(topic))
    }

    @Test(arguments: [
        ("sport/tennis/+", "sport/tennis/player1/ranking"),
        ("sport/+", "sport"),
        ("+", "/finance"),
        ("#", "$SYS/broker/clients"),
        ("+/monitor/Clients", "$SYS/monitor/Clients"),
        ("city/sensors/+/observations", "city/sensors/no2-17/status"),
        ("Sport/#", "sport/tennis"),
    ])
    func doesNotMatch(filter: String, topic: String) throws {
        #expect(try !TopicFilter(filter).matches(topic))
    }

    @Test(arguments: ["sport/tennis#", "sport/tennis/#/ranking", "sport+", "#/x", "a/b+/c", ""])
    func refusesInvalidFilters(filter: String) {
        #expect(throws: MQTTError.self) { try TopicFilter(filter) }
    }

    @Test(arguments: ["#", "+", "+/tennis/#", "sport/+/player1", "/", "$SYS/#"])
    func acceptsValidFilters(filter: String) throws {
        _ = try TopicFilter(filter)
    }

    @Test func topicNamesMayNotHoldWildcards() {
        #expect(throws: MQTTError.invalidTopicName("a/+/b", reason: "wildcards '+' and '#' are only allowed in filters")) {
            try TopicFilter.validateTopicName("a/+/b")
        }
        #expect(throws: MQTTError.self) { try TopicFilter.validateTopicName("") }
    }
}
