/// A kind of personal data SafeCity seals, each with its own data keys and retention.
public enum PersonalDataKind: String, CaseIterable, Sendable, Codable {
    /// 911-style callers' names and numbers on incidents.
    case callerDetails = "caller"
    /// Open311 reporters' email, phone, name and device.
    case reporterContact = "contact"
    /// Free-text notes about people (no field is sealed as a note yet; the kind has its retention ready).
    case notes
    /// Text of monitored social-media posts.
    case socialPosts = "social"
    /// Alert subscribers' webhook URLs and secrets, kept while the subscription stands.
    case subscriptionContact = "subscription"
    /// Accounts' TOTP secrets, kept while the account stands.
    case accountSecret = "account"
    /// The field key from before envelope encryption, kept to open fields sealed in the old format.
    case legacy

    /// Data kept while in use (one data key, never shredded by age): subscriptions and accounts.
    public var isLive: Bool { self == .subscriptionContact || self == .accountSecret }
}
