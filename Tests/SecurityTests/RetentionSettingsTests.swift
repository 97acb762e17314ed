import SafeCityCore
import Security
import Testing

/// Retention settings: parsing with clear errors, and when a month's data key expires.
@Suite struct RetentionSettingsTests {
    @Test func defaultsAndOverrides() throws {
        let defaults = RetentionSettings()
        #expect(defaults.days(for: .callerDetails) == 365 && defaults.days(for: .reporterContact) == 180)
        #expect(defaults.auditDays >= 365)
        #expect(defaults.days(for: .subscriptionContact) == nil, "kept while the subscription stands")
        #expect(defaults.days(for: .legacy) == 365, "the longest of the kinds old-format fields may hold")
        let parsed = try RetentionSettings(parsing: " caller=730, contact=90 ,audit=3650,sessions=7")
        #expect(parsed.days(for: .callerDetails) == 730 && parsed.days(for: .reporterContact) == 90)
        #expect(parsed.days(for: .socialPosts) == 30, "kinds not named keep their default")
        #expect(parsed.auditDays == 3650 && parsed.sessionDays == 7)
        #expect(try RetentionSettings(parsing: "") == RetentionSettings())
    }

    @Test func badInputNamesTheEntryAndTheReason() {
        let cases: [(String, String, String)] = [
            ("caller=abc", "retention.caller", "whole number"),
            ("caller=0", "retention.caller", "1–36500"),
            ("caller=40000", "retention.caller", "1–36500"),
            ("audit=364", "retention.audit", "at least 365"),
            ("caller=30,eyes=5", "retention[1]", "unknown kind"),
            ("caller", "retention[0]", "name=days"),
            ("caller=30,,contact=5", "retention[1]", "name=days"),
            ("subscription=5", "retention[0]", "unknown kind"),
        ]
        for (text, field, reason) in cases {
            #expect {
                try RetentionSettings(parsing: text)
            } throws: { error in
                guard let error = error as? ValidationError else { return false }
                return error.field == field && error.reason.contains(reason)
            }
        }
    }

    @Test func aMonthExpiresRetentionDaysAfterItEnds() throws {
        // 2024-03-01T00:00:00Z is 1709251200 s after the epoch (GNU `date -u -d 2024-03-01 +%s`): February of a leap year ends there.
        #expect(RetentionSettings.endOfMonth("2024-02") == Timestamp(millisecondsSince1970: 1_709_251_200_000))
        // 2026-01-01T00:00:00Z is 1767225600 s (`date -u -d 2026-01-01 +%s`).
        #expect(RetentionSettings.endOfMonth("2025-12") == Timestamp(millisecondsSince1970: 1_767_225_600_000))
        #expect(RetentionSettings.endOfMonth("2025-13") == nil && RetentionSettings.endOfMonth("live") == nil)
        let settings = try RetentionSettings(parsing: "contact=30")
        let end = Timestamp(millisecondsSince1970: 1_767_225_600_000)
        #expect(!settings.isExpired(kind: .reporterContact, period: "2025-12", now: end.adding(milliseconds: 30 * 86_400_000 - 1)))
        #expect(settings.isExpired(kind: .reporterContact, period: "2025-12", now: end.adding(milliseconds: 30 * 86_400_000)))
        #expect(!settings.isExpired(kind: .accountSecret, period: "live", now: end.adding(milliseconds: 36_500 * 86_400_000)))
    }
}
