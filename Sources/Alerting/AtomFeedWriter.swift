/// Writes the public Atom index of issued alerts, each entry linking to its CAP document.
public enum AtomFeedWriter {
    /// The Atom document; `capURL` maps an alert identifier to the URL of its CAP XML.
    public static func write(_ alerts: [CAPAlert], title: String, feedID: String, selfURL: String, capURL: (String) -> String) -> String {
        var xml = XMLWriter()
        xml.start("feed", attributes: [("xmlns", "http://www.w3.org/2005/Atom")])
        xml.leaf("id", feedID)
        xml.leaf("title", title)
        xml.leaf("updated", (alerts.map(\.sent).max() ?? CAPTime(.init(millisecondsSince1970: 0))).description)
        xml.empty("link", attributes: [("rel", "self"), ("href", selfURL)])
        for alert in alerts {
            let english = alert.infos.first { ($0.language ?? "en-US").lowercased().hasPrefix("en") } ?? alert.infos.first
            xml.start("entry")
            xml.leaf("id", "urn:safecity:alert:" + alert.identifier)
            xml.leaf("title", "\(alert.msgType == .alert ? "" : alert.msgType.rawValue + ": ")\(english?.headline ?? english?.event ?? alert.identifier)")
            xml.leaf("updated", alert.sent.description)
            xml.start("author")
            xml.leaf("name", alert.sender)
            xml.end()
            xml.empty("link", attributes: [("rel", "alternate"), ("type", "application/cap+xml"), ("href", capURL(alert.identifier))])
            xml.leaf("summary", english?.description)
            xml.end()
        }
        xml.end()
        return xml.output
    }
}
