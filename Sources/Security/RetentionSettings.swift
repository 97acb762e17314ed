import Foundation
import SafeCityCore

/// How long each kind of personal data is kept before its data keys are shredded, and how long audit
/// records and ended sessions are kept.
///
/// - Note: A month's data key goes when the whole month is older than its retention, so a field is kept
///   between `days` and `days` + one month. Audit records (the event log) are never deleted by SafeCity:
///   `auditDays` is the promise shown to the public and must be at least 365 (CJIS keeps a year).
public struct RetentionSettings: Sendable, Equatable, Codable {
    /// Days kept, per kind of personal data sealed by month.
    public var days: [PersonalDataKind: Int]
    /// Days audit records are kept at least.
    public var auditDays: Int
    /// Days an ended (expired or revoked) session row is kept.
    public var sessionDays: Int

    /// The kinds that have a retention in days (the others are kept while in use).
    public static let agedKinds: [PersonalDataKind] = [.callerDetails, .reporterContact, .notes, .socialPosts]
    /// The least audit retention accepted.
    public static let minimumAuditDays = 365
    /// The longest retention accepted (100 years).
    public static let maximumDays = 36_500

    /// The defaults: callers a year, reporters' contacts 180 days, notes a year, social posts 30 days, audit a year, sessions 30 days.
    public init(days: [PersonalDataKind: Int] = [.callerDetails: 365, .reporterContact: 180, .notes: 365, .socialPosts: 30],
                auditDays: Int = 365, sessionDays: Int = 30) {
        self.days = days
        self.auditDays = auditDays
        self.sessionDays = sessionDays
    }

    /// Settings from text such as `caller=365,contact=180,audit=730` (kinds not named keep their default).
    ///
    /// Names: `caller`, `contact`, `notes`, `social`, `audit`, `sessions`. Errors name the entry and the reason.
    public init(parsing text: String, field: String = "retention") throws(ValidationError) {
        self.init()
        for (index, entry) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty, text.trimmingCharacters(in: .whitespaces).isEmpty { break }
            let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let at = "\(field)[\(index)]"
            guard parts.count == 2 else { throw ValidationError(field: at, reason: "\"\(trimmed)\" is not name=days") }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            guard let daysValue = Int(value) else { throw ValidationError(field: "\(field).\(name)", reason: "\"\(value)\" is not a whole number of days") }
            guard (1...Self.maximumDays).contains(daysValue) else {
                throw ValidationError(field: "\(field).\(name)", reason: "must be 1–\(Self.maximumDays) days, got \(daysValue)")
            }
            switch name {
            case "audit":
                guard daysValue >= Self.minimumAuditDays else {
                    throw ValidationError(field: "\(field).audit", reason: "audit records must be kept at least \(Self.minimumAuditDays) days, got \(daysValue)")
                }
                auditDays = daysValue
            case "sessions": sessionDays = daysValue
            default:
                guard let kind = PersonalDataKind(rawValue: name), Self.agedKinds.contains(kind) else {
                    throw ValidationError(field: at, reason: "unknown kind \"\(name)\"; use \((Self.agedKinds.map(\.rawValue) + ["audit", "sessions"]).joined(separator: ", "))")
                }
                days[kind] = daysValue
            }
        }
    }

    /// Days kept for a kind, nil when it is kept while in use. Fields of the old format (the legacy key)
    /// are kept as long as the longest-kept kind they may hold.
    public func days(for kind: PersonalDataKind) -> Int? {
        switch kind {
        case .subscriptionContact, .accountSecret: nil
        case .legacy: [PersonalDataKind.callerDetails, .reporterContact].compactMap { days[$0] }.max()
        default: days[kind]
        }
    }

    /// Whether a data key of `kind` for `period` (`YYYY-MM`) has passed its retention at `now`.
    public func isExpired(kind: PersonalDataKind, period: String, now: Timestamp) -> Bool {
        guard let keep = days(for: kind), let end = Self.endOfMonth(period) else { return false }
        return end.adding(milliseconds: Int64(keep) * 86_400_000) <= now
    }

    /// The instant a `YYYY-MM` month ends (the first millisecond of the next), nil when malformed.
    public static func endOfMonth(_ period: String) -> Timestamp? {
        let parts = period.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), let first = CivilDate(year: year, month: month, day: 1) else { return nil }
        let next = first.adding(days: CivilDate.daysInMonth(year: year, month: month))
        return Timestamp(millisecondsSince1970: Int64(next.daysSinceEpoch) * 86_400_000)
    }
}
