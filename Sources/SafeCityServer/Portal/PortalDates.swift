import Alerting
import Foundation
import SafeCityCore

/// Dates as residents read them, in the portal's language and the time zone offset the data carries.
enum PortalDates {
    /// E.g. "November 25, 2026 at 10:00 AM (UTC+01:00)" or "25 de noviembre de 2026, 10:00 (UTC+01:00)".
    static func format(_ time: CAPTime, _ language: PortalLanguage) -> String {
        format(time.timestamp, offsetMinutes: time.offsetMinutes, language)
    }

    static func format(_ instant: Timestamp, offsetMinutes: Int = 0, _ language: PortalLanguage) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .english ? "en_US" : "es_ES")
        formatter.timeZone = TimeZone(secondsFromGMT: offsetMinutes * 60)
        formatter.dateStyle = .long
        formatter.timeStyle = .short
        let magnitude = abs(offsetMinutes)
        let offset = (offsetMinutes < 0 ? "UTC-" : "UTC+") + String(format: "%02d:%02d", magnitude / 60, magnitude % 60)
        let date = Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
        return "\(formatter.string(from: date)) (\(offset))"
    }

    /// The machine-readable form for `<time datetime>`.
    static func machine(_ time: CAPTime) -> String { time.description }
}
