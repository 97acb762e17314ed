import SafeCityCore
import SafeCityTesting
@testable import Storage
import Testing

@Suite struct PostgresPartitionsTests {
    @Test func monthsAreCalendarMonthsInUTCWithMillisecondBounds() {
        // 2026-12-15T12:00:00Z; the bounds checked against `date -u -d 2026-12-01 +%s` and friends.
        let months = PostgresPartitions.months(from: Timestamp(millisecondsSince1970: 1_797_336_000_000), count: 3)
        #expect(months.map(\.name) == ["events_y2026m12", "events_y2027m01", "events_y2027m02"])
        #expect(months[0].start == 1_796_083_200_000 && months[0].end == 1_798_761_600_000)
        #expect(months[2].end == 1_803_859_200_000, "February 2027 ends on 1 March")
        #expect(zip(months, months.dropFirst()).allSatisfy { $0.end == $1.start }, "no gaps and no overlaps")
    }

    @Test func theLogsPartitionsAreListedWithTheirRows() async throws {
        guard TestStorage.enabled.contains(.postgres) else { return }
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let storage = try await TestStorage.postgres.open(in: dir, clock: SystemClock())
        defer { Task { await storage.close() } }
        guard case let .postgres(database, _) = storage.database else { Issue.record("not PostgreSQL"); return }
        let names = try await PostgresPartitions.list(in: database).map(\.name)
        let expected = PostgresPartitions.months(from: SystemClock().now(), count: 3).map(\.name) + ["events_default"]
        #expect(Set(expected).isSubset(of: Set(names)), "\(names)")
    }
}
