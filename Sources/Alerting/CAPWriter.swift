/// Writes a ``CAPAlert`` as CAP 1.2 XML, elements in the schema's fixed order.
public enum CAPWriter {
    /// The CAP 1.2 namespace.
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"

    /// The alert as a complete XML document.
    public static func write(_ alert: CAPAlert) -> String {
        var xml = XMLWriter()
        xml.start("alert", attributes: [("xmlns", namespace)])
        xml.leaf("identifier", alert.identifier)
        xml.leaf("sender", alert.sender)
        xml.leaf("sent", alert.sent.description)
        xml.leaf("status", alert.status.rawValue)
        xml.leaf("msgType", alert.msgType.rawValue)
        xml.leaf("source", alert.source)
        xml.leaf("scope", alert.scope.rawValue)
        xml.leaf("restriction", alert.restriction)
        xml.leaf("addresses", alert.addresses)
        for code in alert.codes { xml.leaf("code", code) }
        xml.leaf("note", alert.note)
        xml.leaf("references", alert.references)
        xml.leaf("incidents", alert.incidents)
        for info in alert.infos { write(info, to: &xml) }
        xml.end()
        return xml.output
    }

    private static func write(_ info: CAPInfo, to xml: inout XMLWriter) {
        xml.start("info")
        xml.leaf("language", info.language)
        for category in info.categories { xml.leaf("category", category.rawValue) }
        xml.leaf("event", info.event)
        for response in info.responseTypes { xml.leaf("responseType", response.rawValue) }
        xml.leaf("urgency", info.urgency.rawValue)
        xml.leaf("severity", info.severity.rawValue)
        xml.leaf("certainty", info.certainty.rawValue)
        xml.leaf("audience", info.audience)
        for code in info.eventCodes { write(code, as: "eventCode", to: &xml) }
        xml.leaf("effective", info.effective?.description)
        xml.leaf("onset", info.onset?.description)
        xml.leaf("expires", info.expires?.description)
        xml.leaf("senderName", info.senderName)
        xml.leaf("headline", info.headline)
        xml.leaf("description", info.description)
        xml.leaf("instruction", info.instruction)
        xml.leaf("web", info.web)
        xml.leaf("contact", info.contact)
        for parameter in info.parameters { write(parameter, as: "parameter", to: &xml) }
        for resource in info.resources {
            xml.start("resource")
            xml.leaf("resourceDesc", resource.resourceDesc)
            xml.leaf("mimeType", resource.mimeType)
            xml.leaf("size", resource.size)
            xml.leaf("uri", resource.uri)
            xml.leaf("derefUri", resource.derefUri)
            xml.leaf("digest", resource.digest)
            xml.end()
        }
        for area in info.areas {
            xml.start("area")
            xml.leaf("areaDesc", area.areaDesc)
            for polygon in area.polygons { xml.leaf("polygon", polygon) }
            for circle in area.circles { xml.leaf("circle", circle) }
            for geocode in area.geocodes { write(geocode, as: "geocode", to: &xml) }
            xml.leaf("altitude", area.altitude)
            xml.leaf("ceiling", area.ceiling)
            xml.end()
        }
        xml.end()
    }

    private static func write(_ pair: CAPValuePair, as name: String, to xml: inout XMLWriter) {
        xml.start(name)
        xml.leaf("valueName", pair.valueName)
        xml.leaf("value", pair.value)
        xml.end()
    }
}
