import SafeCityCore

/// Civil-calendar fields of an instant, in UTC shifted by a fixed offset (no daylight saving).
struct CalendarUTC: Sendable, Hashable {
    var year: Int
    /// 1...12
    var month: Int
    /// 1...31
    var day: Int
    /// 0...23
    var hour: Int
    /// 0 = Monday ... 6 = Sunday (ISO 8601 order).
    var weekday: Int
    /// Whole days since 1970-01-01 (negative before).
    var daysSinceEpoch: Int

    init(_ time: Timestamp, offsetSeconds: Int = 0) {
        let ms = time.millisecondsSince1970 + Int64(offsetSeconds) * 1_000
        let seconds = Self.floorDivide(ms, 1_000)
        let days = Int(Self.floorDivide(seconds, 86_400))
        daysSinceEpoch = days
        hour = Int((seconds - Int64(days) * 86_400) / 3_600)
        // 1970-01-01 was a Thursday, ISO weekday index 3.
        weekday = ((days + 3) % 7 + 7) % 7
        (year, month, day) = Self.civil(fromDays: days)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Year, month and day of a day count.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let date = CivilDate(daysSinceEpoch: days)
        return (date.year, date.month, date.day)
    }

    /// Days since 1970-01-01 of a civil date (the day must exist).
    static func days(year: Int, month: Int, day: Int) -> Int { CivilDate(year: year, month: month, day: day)!.daysSinceEpoch }

    static func isLeap(_ year: Int) -> Bool { CivilDate.isLeapYear(year) }

    static func daysIn(year: Int, month: Int) -> Int { CivilDate.daysInMonth(year: year, month: month) }
}
