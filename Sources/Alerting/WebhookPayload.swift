import Foundation
import SafeCityCore

/// The JSON body of one webhook: the alert in the subscriber's language, its idempotency key and its CAP link.
public struct WebhookPayload: Codable, Sendable, Equatable {
    /// The receiver drops a message whose key it has seen: the same alert reaches the same subscription once.
    public var idempotencyKey: String
    public var alertID: String
    public var subscriptionID: String
    public var msgType: String
    public var references: String?
    public var sent: String
    public var language: String?
    public var event: String
    public var urgency: String
    public var severity: String
    public var certainty: String
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var areaDesc: String
    public var expires: String?
    /// Where the full CAP 1.2 document is published.
    public var capURL: String

    /// The key of a delivery: alert id and subscription id.
    public static func idempotencyKey(alertID: String, subscriptionID: String) -> String { "\(alertID):\(subscriptionID)" }

    /// The body for one subscriber: the info in the first of its languages the alert has, else the first info.
    public init(alert: CAPAlert, subscription: Subscription, capURL: String) {
        self.init(alert: alert, info: Self.info(of: alert, for: subscription.languages), subscriptionID: subscription.id, capURL: capURL)
    }

    /// The info block a subscriber reads: the first of `languages` the alert has (exactly, else by language
    /// prefix), else the alert's first.
    public static func info(of alert: CAPAlert, for languages: [String]) -> CAPInfo? {
        languages.lazy.compactMap { wanted in
            alert.infos.first { ($0.language ?? "en-US").lowercased() == wanted.lowercased() }
                ?? alert.infos.first { ($0.language ?? "en-US").lowercased().hasPrefix(wanted.lowercased().prefix(2)) }
        }.first ?? alert.infos.first
    }

    /// The body for one subscription showing `info`.
    public init(alert: CAPAlert, info: CAPInfo?, subscriptionID: String, capURL: String) {
        idempotencyKey = Self.idempotencyKey(alertID: alert.identifier, subscriptionID: subscriptionID)
        alertID = alert.identifier
        self.subscriptionID = subscriptionID
        msgType = alert.msgType.rawValue
        references = alert.references
        sent = alert.sent.description
        language = info?.language ?? "en-US"
        event = info?.event ?? ""
        urgency = info?.urgency.rawValue ?? "Unknown"
        severity = info?.severity.rawValue ?? "Unknown"
        certainty = info?.certainty.rawValue ?? "Unknown"
        headline = info?.headline
        description = info?.description
        instruction = info?.instruction
        areaDesc = info?.areas.map(\.areaDesc).joined(separator: "; ") ?? ""
        expires = info?.expires?.description
        self.capURL = capURL
    }

    /// The exact bytes sent (sorted keys).
    public var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
