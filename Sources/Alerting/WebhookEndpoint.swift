/// Where and how a subscription's webhooks are sent: the URL and the HMAC secret.
public struct WebhookEndpoint: Hashable, Sendable {
    public var url: String
    public var secret: String

    public init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }
}
