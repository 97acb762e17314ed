import SafeCityCore

/// A stored alert subscription. Contact details (`sealedEndpoint`, `sealedSecret`) are ciphertext.
public struct SubscriptionRecord: Sendable, Equatable {
    public var id: String
    /// The area and preferences as JSON, opaque to storage.
    public var definition: [UInt8]
    public var sealedEndpoint: String
    public var sealedSecret: String
    public var owner: String
    public var createdAt: Timestamp

    public init(id: String, definition: [UInt8], sealedEndpoint: String, sealedSecret: String, owner: String, createdAt: Timestamp) {
        self.id = id
        self.definition = definition
        self.sealedEndpoint = sealedEndpoint
        self.sealedSecret = sealedSecret
        self.owner = owner
        self.createdAt = createdAt
    }
}
