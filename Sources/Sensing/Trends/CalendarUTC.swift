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

    /// Year, month and day of a day count, proleptic Gregorian, via 400-year eras counted from 0000-03-01.
    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
