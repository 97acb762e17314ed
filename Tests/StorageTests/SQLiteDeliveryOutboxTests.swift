import Foundation
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

@Suite struct SQLiteDeliveryOutboxTests {
    static func record(_ key: String, due: Int64, alert: String = "a1") -> OutboxRecord {
        OutboxRecord(key: key, alertID: alert, subscriptionID: key, body: Array(key.utf8),
                     nextAttemptAt: Timestamp(millisecondsSince1970: due), createdAt: Timestamp(millisecondsSince1970: 0))
    }

    @Test func enqueueIsIdempotentAndKeepsThePlannedPositionWithTheItems() async throws {
        let directory = TemporaryDirectory("safecity-outbox")
        defer { directory.remove() }
        let outbox = SQLiteDeliveryOutbox(database: try SQLiteDatabase(path: directory.path("o.sqlite")))
        #expect(try await outbox.plannedThrough() == 0)
        try await outbox.enqueue([Self.record("k1", due: 10), Self.record("k2", due: 5)], plannedThrough: 7)
        try await outbox.enqueue([Self.record("k1", due: 99)], plannedThrough: 3)
        #expect(try await outbox.plannedThrough() == 7, "the position never moves back")
        #expect(try await outbox.deliveries(ofAlert: "a1").map(\.nextAttemptAt.millisecondsSince1970) == [10, 5], "a repeated key changes nothing")

        // Reopening the file (a restart) sees the same outbox.
        let reopened = SQLiteDeliveryOutbox(database: try SQLiteDatabase(path: directory.path("o.sqlite")))
        #expect(try await reopened.due(at: Timestamp(millisecondsSince1970: 9), limit: 10).map(\.key) == ["k2"])
        #expect(try await reopened.nextDue() == Timestamp(millisecondsSince1970: 5))
    }

    @Test func outcomesMoveDeliveriesOutOfTheDueQueue() async throws {
        let directory = TemporaryDirectory("safecity-outbox")
        defer { directory.remove() }
        let outbox = SQLiteDeliveryOutbox(database: try SQLiteDatabase(path: directory.path("o.sqlite")))
        try await outbox.enqueue([Self.record("k1", due: 1), Self.record("k2", due: 2), Self.record("k3", due: 3)], plannedThrough: 1)
        var delivered = Self.record("k1", due: 1), retry = Self.record("k2", due: 2), gone = Self.record("k3", due: 3)
        delivered.state = .delivered
        delivered.attempts = 1
        retry.attempts = 1
        retry.nextAttemptAt = Timestamp(millisecondsSince1970: 500)
        retry.lastError = "HTTP 503"
        gone.state = .abandoned
        try await outbox.update([delivered, retry, gone])
        #expect(try await outbox.due(at: Timestamp(millisecondsSince1970: 100), limit: 10).isEmpty)
        let due = try await outbox.due(at: Timestamp(millisecondsSince1970: 500), limit: 10)
        #expect(due.map(\.key) == ["k2"])
        #expect(due.first?.lastError == "HTTP 503")
        #expect(try await outbox.counts() == [.delivered: 1, .pending: 1, .abandoned: 1])
    }
}
