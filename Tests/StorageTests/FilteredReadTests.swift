import Foundation
import SafeCityCore
import SafeCityTesting
import Storage
import Testing

@Suite(.timeLimit(.minutes(5))) struct FilteredReadTests {
    /// Observations with a few alerts mixed in at known places.
    func mixedLog(_ directory: TemporaryDirectory) async throws -> SQLiteEventLog {
        let log = try SQLiteEventLog(database: try SQLiteDatabase(path: directory.path("log.sqlite")), clock: ManualClock())
        var events = EventFactory.observations(10, seed: 3)
        for index in [2, 7] { events[index].type = "alert.drafted" }
        _ = try await log.append(events)
        return log
    }

    @Test func aFilteredReadReturnsOnlyItsTypesAndSaysHowFarItLooked() async throws {
        let directory = TemporaryDirectory(); defer { directory.remove() }
        let log = try await mixedLog(directory)
        let page = try await log.read(after: 0, limit: 100, types: ["alert.drafted"])
        #expect(page.records.map(\.sequence) == [3, 8])
        #expect(page.scannedThrough == 10, "a short page covers the whole log")
        let first = try await log.read(after: 0, limit: 1, types: ["alert.drafted"])
        #expect(first.records.map(\.sequence) == [3] && first.scannedThrough == 3, "a full page stops at its last record")
        let none = try await log.read(after: 0, limit: 100, types: [])
        #expect(none.records.isEmpty && none.scannedThrough == 10)
        // The filtered records are the same records as an unfiltered read gives.
        let all = try await log.read(after: 0, limit: 100)
        #expect(page.records == all.filter { $0.event.type == "alert.drafted" })
    }

    @Test func aFilteredTailReportsProgressPastRecordsItSkips() async throws {
        let directory = TemporaryDirectory(); defer { directory.remove() }
        let log = try await mixedLog(directory)
        var seen: [String] = []
        for try await item in log.tail(after: 0, pageSize: 4, idleInterval: .milliseconds(50), types: ["alert.drafted"]) {
            switch item {
            case let .record(record): seen.append("r\(record.sequence)")
            case let .progress(sequence): seen.append("p\(sequence)")
            case .idle: break
            }
            if seen.last == "p10" { break }
        }
        #expect(seen == ["r3", "r8", "p10"])
    }
}
