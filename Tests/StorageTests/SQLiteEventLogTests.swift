import Foundation
import GRDB
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

@Suite(.timeLimit(.minutes(5))) struct SQLiteEventLogTests {
    func makeLog(_ directory: TemporaryDirectory, clock: ManualClock = ManualClock()) throws -> SQLiteEventLog {
        try SQLiteEventLog(database: try SQLiteDatabase(path: directory.path("log.sqlite")), clock: clock)
    }

    @Test func appendsInOrderWithGapFreeSequences() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        let first = try await log.append(EventFactory.observations(3, seed: 1))
        let second = try await log.append(EventFactory.observations(2, seed: 2))
        #expect((first + second).map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(second[0].previousHash == first[2].hash)
        let read = try await log.read(after: 0, limit: 100)
        #expect(read == first + second)
        #expect(try await log.read(after: 3, limit: 1).map(\.sequence) == [4])
        #expect(try await log.lastSequence() == 5)
    }

    @Test func aBatchWithAKnownIDIsRefusedWholeAndChangesNothing() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        let events = EventFactory.observations(3, seed: 1)
        _ = try await log.append([events[0]])
        await #expect(throws: EventLogError.duplicateEventID(events[0].id, existingSequence: 1)) {
            try await log.append([events[1], events[0], events[2]])
        }
        #expect(try await log.lastSequence() == 1)
        let appended = try await log.append([events[1], events[2]])
        #expect(appended.map(\.sequence) == [2, 3])
    }

    @Test func reopeningKeepsEverythingAndContinuesTheChain() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let written = try await makeLog(dir).append(EventFactory.observations(10, seed: 5))
        let reopened = try makeLog(dir)
        #expect(try await reopened.read(after: 0, limit: 100) == written)
        let more = try await reopened.append(EventFactory.observations(1, seed: 6))
        #expect(more[0].sequence == 11 && more[0].previousHash == written[9].hash)
        #expect(try await ChainVerifier().verify(reopened) == .intact(count: 11, headHash: more[0].hash))
    }

    @Test func theTableRefusesUpdatesAndDeletes() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        _ = try await log.append(EventFactory.observations(2))
        await #expect(throws: DatabaseError.self) {
            try await log.database.pool.write { db in try db.execute(sql: "UPDATE events SET source = 'x' WHERE seq = 1") }
        }
        await #expect(throws: DatabaseError.self) {
            try await log.database.pool.write { db in try db.execute(sql: "DELETE FROM events WHERE seq = 2") }
        }
    }

    @Test func tamperingWithOneByteIsFoundAtItsSequence() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        _ = try await log.append(EventFactory.observations(20))
        try await log.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            // Flip one byte of record 7's payload ("value":6 becomes "value":7).
            let payload = try Data.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = 7")!
            var bytes = Array(payload)
            let index = bytes.firstIndex(of: UInt8(ascii: "6"))!
            bytes[index] = UInt8(ascii: "7")
            try db.execute(sql: "UPDATE events SET payload = ? WHERE seq = 7", arguments: [Data(bytes)])
        }
        let outcome = try await ChainVerifier().verify(log)
        guard case let .broken(sequence, reason) = outcome else { Issue.record("tampering not detected"); return }
        #expect(sequence == 7)
        #expect(reason.contains("hash"))
    }

    @Test func aDeletedRecordIsFoundAsAGap() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        _ = try await log.append(EventFactory.observations(10))
        try await log.database.pool.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_delete")
            try db.execute(sql: "DELETE FROM events WHERE seq = 4")
        }
        guard case let .broken(sequence, _) = try await ChainVerifier().verify(log) else { Issue.record("deletion not detected"); return }
        #expect(sequence == 4)
    }

    @Test func tailDeliversBacklogThenLiveRecordsWithoutGaps() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        _ = try await log.append(EventFactory.observations(5, seed: 1))
        let reader = Task {
            var seen: [Int64] = []
            for try await item in log.tail(after: 2, pageSize: 2) {
                if case let .record(record) = item { seen.append(record.sequence) }
                if seen.count == 6 { break }
            }
            return seen
        }
        for seed in 2...4 {
            _ = try await log.append(EventFactory.observations(1, seed: UInt64(seed) * 100))
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try await reader.value == Array(3...8))
    }

    @Test func tailReportsIdleWhenNothingHappens() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let log = try makeLog(dir)
        var iterator = log.tail(after: 0, idleInterval: .milliseconds(30)).makeAsyncIterator()
        guard case .idle = try await iterator.next() else { Issue.record("expected idle"); return }
    }

    @Test func recordedAtComesFromTheInjectedClock() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let clock = ManualClock(Timestamp(millisecondsSince1970: 42_000))
        let log = try makeLog(dir, clock: clock)
        let records = try await log.append(EventFactory.observations(1))
        #expect(records[0].recordedAt == Timestamp(millisecondsSince1970: 42_000))
    }
}
