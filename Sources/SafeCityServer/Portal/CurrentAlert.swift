import Alerting
import SafeCityCore

/// One public alert in effect, as the portal shows it, in the resident's language where the alert has it.
struct CurrentAlert: Sendable, Equatable {
    var identifier: String
    var headline: String
    var areas: [String]
    var severity: CAPInfo.Severity
    var expires: CAPTime?
    var instruction: String?
    var description: String?

    /// The alerts in effect at `now` among the issued messages: actual, public, not expired, not
    /// cancelled and not replaced by an update; each in `language`'s `<info>` when it has one.
    static func select(from published: [CAPAlert], now: Timestamp, language: PortalLanguage) -> [CurrentAlert] {
        // An update or cancel names the messages it replaces in `references` (sender,identifier,sent triples).
        var replaced: Set<String> = []
        for alert in published {
            for triple in (alert.references ?? "").split(separator: " ") {
                let parts = triple.split(separator: ",")
                if parts.count >= 2 { replaced.insert(String(parts[1])) }
            }
        }
        return published.compactMap { alert in
            guard alert.status == .actual, alert.scope == .public, alert.msgType != .cancel, !replaced.contains(alert.identifier) else { return nil }
            let live = alert.infos.filter { info in info.expires.map { $0.timestamp > now } ?? true }
            guard let info = live.first(where: { ($0.language ?? "en").lowercased().hasPrefix(language.rawValue) }) ?? live.first else { return nil }
            return CurrentAlert(
                identifier: alert.identifier, headline: info.headline ?? info.event, areas: info.areas.map(\.areaDesc),
                severity: info.severity, expires: info.expires, instruction: info.instruction, description: info.description)
        }
    }
}
