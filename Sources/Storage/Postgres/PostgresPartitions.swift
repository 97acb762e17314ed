import Foundation
import PostgresNIO
import SafeCityCore

/// Monthly partitions of the `events` table, created ahead of time.
///
/// - Note: Records land in the partition of their `recorded_at` month; a month with no partition yet
///   falls into `events_default`, so an append never fails for want of one. A month that already has
///   rows in the default partition cannot be given its own, and is left there.
public enum PostgresPartitions {
    /// Months ahead of `now` that get a partition.
    static let monthsAhead = 2

    /// Creates the partitions of the month of `now` and the next ``monthsAhead`` months, if missing.
    static func ensure(in database: PostgresDatabase, around now: Timestamp) async throws {
        for month in months(from: now, count: monthsAhead + 1) {
            let sql = "CREATE TABLE IF NOT EXISTS \(month.name) PARTITION OF events FOR VALUES FROM (\(month.start)) TO (\(month.end))"
            do {
                try await database.query(PostgresQuery(unsafeSQL: sql))
            } catch {
                database.logger.warning("partition \(month.name) not created: \(error)")
            }
        }
    }

    /// The partitions of the log, oldest first, with their bounds in milliseconds.
    public static func list(in database: PostgresDatabase) async throws -> [(name: String, rows: Int64)] {
        let rows = try await database.query("""
            SELECT c.relname, COALESCE(s.n_live_tup, 0)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            WHERE p.relname = 'events' ORDER BY c.relname
            """)
        return try rows.map { try $0.decode((String, Int64).self) }.map { (name: $0.0, rows: $0.1) }
    }

    struct Month: Equatable {
        var name: String
        var start: Int64
        var end: Int64
    }

    /// `count` calendar months (UTC) from the month of `now`.
    static func months(from now: Timestamp, count: Int) -> [Month] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: Double(now.millisecondsSince1970) / 1000)
        var start = calendar.date(from: calendar.dateComponents([.year, .month], from: date))!
        var months: [Month] = []
        for _ in 0..<count {
            let next = calendar.date(byAdding: .month, value: 1, to: start)!
            let parts = calendar.dateComponents([.year, .month], from: start)
            months.append(Month(name: String(format: "events_y%04dm%02d", parts.year!, parts.month!),
                                start: Int64(start.timeIntervalSince1970 * 1000), end: Int64(next.timeIntervalSince1970 * 1000)))
            start = next
        }
        return months
    }
}
