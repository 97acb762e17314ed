import Foundation
import SafeCityCore

/// A new subscription as submitted: area, languages, channels and the webhook URL.
public struct SubscriptionRequest: Hashable, Sendable, Codable {
    public var area: SubscriptionArea
    public var languages: [String]?
    public var channels: [Subscription.Channel]?
    public var webhookURL: String

    public init(area: SubscriptionArea, languages: [String]? = nil, channels: [Subscription.Channel]? = nil, webhookURL: String) {
        self.area = area
        self.languages = languages
        self.channels = channels
        self.webhookURL = webhookURL
    }

    /// Throws naming the first field that breaks a rule.
    public func validate() throws(ValidationError) {
        _ = try area.shape(field: "area")
        let languages = languages ?? []
        guard languages.count <= 10 else { throw ValidationError(field: "languages", reason: "at most 10, got \(languages.count)") }
        for (i, language) in languages.enumerated() {
            let ok = (2...35).contains(language.count) && language.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            guard ok else { throw ValidationError(field: "languages[\(i)]", reason: "is not a language tag such as en-US, got \"\(language)\"") }
        }
        if let channels, channels.isEmpty { throw ValidationError(field: "channels", reason: "name at least one channel") }
        guard webhookURL.utf8.count <= 2048, let url = URL(string: webhookURL), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { throw ValidationError(field: "webhookURL", reason: "must be an absolute http or https URL, got \"\(webhookURL.prefix(80))\"") }
    }
}
