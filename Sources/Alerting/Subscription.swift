import SafeCityCore

/// A resident's or an organisation's standing request for alerts in an area, as kept and shown.
///
/// - Note: The webhook URL and the signing secret are personal data: they are never part of this
///   value, only of ``WebhookEndpoint``, and are sealed at rest.
public struct Subscription: Hashable, Sendable, Codable {
    /// How alerts reach a subscriber.
    public enum Channel: String, Hashable, Sendable, Codable, CaseIterable {
        /// A signed HTTP POST to the subscriber's URL.
        case webhook
    }

    public var id: String
    public var area: SubscriptionArea
    /// Preferred languages (BCP 47, e.g. `es-US`), best first; the alert's matching info is sent.
    public var languages: [String]
    public var channels: [Channel]
    /// The identity that created it; residents see and remove only their own.
    public var owner: String
    public var createdAt: Timestamp

    public init(id: String, area: SubscriptionArea, languages: [String], channels: [Channel], owner: String, createdAt: Timestamp) {
        self.id = id
        self.area = area
        self.languages = languages
        self.channels = channels
        self.owner = owner
        self.createdAt = createdAt
    }
}
