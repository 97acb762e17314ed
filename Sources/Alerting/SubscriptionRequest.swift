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
    ///
    /// - Note: Unless `allowPrivateHosts`, a webhook URL naming a loopback, private, link-local or
    ///   unspecified address (or `localhost`) is refused, so that the server cannot be made to POST to
    ///   itself or the internal network. Host names are not resolved here.
    public func validate(allowPrivateHosts: Bool = false) throws(ValidationError) {
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
        if !allowPrivateHosts, Self.isPrivate(host: host) {
            throw ValidationError(field: "webhookURL", reason: "must not point at a loopback, private or link-local address, got host \"\(host)\"")
        }
    }

    /// Whether a URL host is `localhost` or an IP literal in a loopback, private, link-local or unspecified range.
    public static func isPrivate(host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        if octets.count == 4, octets.allSatisfy({ $0 != nil && (0...255).contains($0!) }) {
            let a = octets[0]!, b = octets[1]!
            return a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168)
                || (a == 100 && (64...127).contains(b))
        }
        guard name.contains(":") else { return false }
        return name == "::" || name == "::1" || name.hasPrefix("fc") || name.hasPrefix("fd") || name.hasPrefix("fe8") || name.hasPrefix("fe9")
            || name.hasPrefix("fea") || name.hasPrefix("feb") || name.hasPrefix("::ffff:")
    }
}
