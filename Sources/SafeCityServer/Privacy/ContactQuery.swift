import Community
import SafeCityCore

/// The contact a person gave with their reports, to find them again: an email and/or a phone number,
/// compared normalised (email case-folded; phone digits only).
public struct ContactQuery: Sendable, Equatable {
    public var email: String?
    public var phone: String?

    /// A query from what the person typed; at least one of email or phone, each plausible.
    public init(email: String?, phone: String?) throws(ValidationError) {
        let email = email.map(Self.normalisedEmail).flatMap { $0.isEmpty ? nil : $0 }
        let phone = phone.map(Self.normalisedPhone).flatMap { $0.isEmpty ? nil : $0 }
        guard email != nil || phone != nil else { throw ValidationError(field: "email", reason: "give the email or the phone number used in the reports") }
        if let email, !(email.contains("@") && email.count <= 254) { throw ValidationError(field: "email", reason: "is not an email address") }
        if let phone, !(6...15).contains(phone.count) { throw ValidationError(field: "phone", reason: "must have 6–15 digits") }
        self.email = email
        self.phone = phone
    }

    /// Whether a stored contact has this email or phone.
    public func matches(_ contact: ReporterContact?) -> Bool {
        guard let contact else { return false }
        if let email, contact.email.map(Self.normalisedEmail) == email { return true }
        if let phone, contact.phone.map(Self.normalisedPhone) == phone { return true }
        return false
    }

    static func normalisedEmail(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }).lowercased()
    }

    static func normalisedPhone(_ text: String) -> String {
        String(text.unicodeScalars.filter { ("0"..."9").contains($0) })
    }
}
