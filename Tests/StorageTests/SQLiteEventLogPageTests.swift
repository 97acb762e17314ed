import Foundation
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

/// `page(after:limit:types:)` may answer from the records committed lately; the reference is what
/// SQLite holds (`read`), which must be what every page gives.
@Suite(.timeLimit(.minutes(5))) struct SQLiteEventLogPageTests {
    static let types: [Set<EventType>?] = [nil, ["alert.drafted"], ["alert.drafted", "sensor.observation"], ["nothing.here"]]

    static func stored(_ log: SQLiteEventLog, after sequence: Int64, limit: Int, types: Set<EventType>?) async throws -> EventPage {
        guard let types else {
            let records = try await log.read(after: sequence, limit: limit)
            return EventPage(records: records, scannedThrough: records.last?.sequence ?? sequence)
        }
        return try await log.read(after: sequence, limit: limit, types: types)
    }

    @Test func pagesGiveWhatIsStored() async throws {
        let directory = TemporaryDirectory(); defer { directory.remove() }
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: directory.path("log.sqlite")), clock: ManualClock())
        var events = EventFactory.observations(60, seed: 5)
        for index in [0, 9, 10, 33, 59] { events[index].type = "alert.drafted" }
        for batch in stride(from: 0, to: events.count, by: 7) { _ = try await log.append(Array(events[batch..<min(events.count, batch + 7)])) }
        for types in Self.types {
            for after in [0, 1, 9, 10, 30, 58, 59, 60] as [Int64] {
                for limit in [1, 2, 5, 100] {
                    let page = try await log.page(after: after, limit: limit, types: types)
                    let stored = try await Self.stored(log, after: after, limit: limit, types: types)
                    #expect(page.records == stored.records, "after \(after), limit \(limit), types \(String(describing: types))")
                    // Memory may look less far than SQLite on a short page, never past it, and never short of its last record.
                    #expect(page.scannedThrough <= max(stored.scannedThrough, after))
                    #expect(page.scannedThrough >= (page.records.last?.sequence ?? after))
                    if page.records.count < limit { #expect(page.scannedThrough == 60, "a short page covers what was committed") }
                }
            }
        }
    }

    @Test func recordsAnotherWriterAppendedAreRead() async throws {
        let directory = TemporaryDirectory(); defer { directory.remove() }
        let path = directory.path("log.sqlite")
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: path), clock: ManualClock())
        let other = try SQLiteEventLog(database: try SQLiteDatabase(path: path), clock: ManualClock())
        let events = EventFactory.observations(30, seed: 8)
        _ = try await log.append(Array(events[0..<10]))
        _ = try await other.append(Array(events[10..<20]))
        _ = try await log.append(Array(events[20..<30]))
        var cursor: Int64 = 0
        var seen: [Int64] = []
        while true {
            let page = try await log.page(after: cursor, limit: 4, types: nil)
            guard page.scannedThrough > cursor else { break }
            seen += page.records.map(\.sequence)
            cursor = page.scannedThrough
        }
        #expect(seen == Array(1...30))
        let tail = try await log.page(after: 30, limit: 4, types: nil)
        #expect(tail.records.isEmpty)
        _ = try await other.append([EventFactory.observations(1, seed: 9)[0]])
        #expect(try await log.page(after: 30, limit: 4, types: nil).records.map(\.sequence) == [31], "the other writer's newest record")
    }
}
