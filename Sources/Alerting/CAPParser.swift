import Foundation

/// Reads CAP 1.2 XML into a ``CAPAlert``, enforcing the schema's order, required elements,
/// enumerations and date-time pattern, and naming the first fault.
public enum CAPParser {
    /// Parses one alert document.
    public static func parse(_ data: Data) throws(CAPParseError) -> CAPAlert {
        let root = try XMLTreeBuilder.parse(data)
        guard root.name == "alert" else {
            throw CAPParseError(field: root.name, reason: "the root element must be <alert>")
        }
        guard root.namespace == CAPWriter.namespace else {
            throw CAPParseError(field: "alert", reason: "namespace must be \(CAPWriter.namespace), got \"\(root.namespace)\"")
        }
        return try alert(root)
    }

    /// Parses one alert from text.
    public static func parse(_ text: String) throws(CAPParseError) -> CAPAlert {
        try parse(Data(text.utf8))
    }

    private static func alert(_ root: XMLTreeElement) throws(CAPParseError) -> CAPAlert {
        var c = ElementCursor(root, path: "alert")
        let identifier = try text(c.required("identifier"), "alert.identifier")
        let sender = try text(c.required("sender"), "alert.sender")
        let sent = try time(c.required("sent"), "alert.sent")
        let status: CAPAlert.Status = try value(c.required("status"), "alert.status")
        let msgType: CAPAlert.MessageType = try value(c.required("msgType"), "alert.msgType")
        let source = c.optional("source").map(trimmed)
        let scope: CAPAlert.Scope = try value(c.required("scope"), "alert.scope")
        let restriction = c.optional("restriction").map(trimmed)
        let addresses = c.optional("addresses").map(trimmed)
        let codes = c.many("code").map(trimmed)
        let note = c.optional("note").map(trimmed)
        let references = c.optional("references").map(trimmed)
        let incidents = c.optional("incidents").map(trimmed)
        var infos: [CAPInfo] = []
        for (i, element) in c.many("info").enumerated() { infos.append(try info(element, path: "alert.info[\(i)]")) }
        c.skipForeign()
        try c.finish()
        return CAPAlert(
            identifier: identifier, sender: sender, sent: sent, status: status, msgType: msgType, source: source, scope: scope,
            restriction: restriction, addresses: addresses, codes: codes, note: note, references: references,
            incidents: incidents, infos: infos)
    }

    private static func info(_ element: XMLTreeElement, path: String) throws(CAPParseError) -> CAPInfo {
        var c = ElementCursor(element, path: path)
        let language = c.optional("language").map(trimmed)
        var categories: [CAPInfo.Category] = [try value(c.required("category"), "\(path).category")]
        for extra in c.many("category") { categories.append(try value(extra, "\(path).category")) }
        let event = try text(c.required("event"), "\(path).event")
        var responses: [CAPInfo.ResponseType] = []
        for response in c.many("responseType") { responses.append(try value(response, "\(path).responseType")) }
        let urgency: CAPInfo.Urgency = try value(c.required("urgency"), "\(path).urgency")
        let severity: CAPInfo.Severity = try value(c.required("severity"), "\(path).severity")
        let certainty: CAPInfo.Certainty = try value(c.required("certainty"), "\(path).certainty")
        let audience = c.optional("audience").map(trimmed)
        let eventCodes = try pairs(c.many("eventCode"), "\(path).eventCode")
        let effective = try c.optional("effective").map { e throws(CAPParseError) in try time(e, "\(path).effective") }
        let onset = try c.optional("onset").map { e throws(CAPParseError) in try time(e, "\(path).onset") }
        let expires = try c.optional("expires").map { e throws(CAPParseError) in try time(e, "\(path).expires") }
        let senderName = c.optional("senderName").map(trimmed)
        let headline = c.optional("headline").map(trimmed)
        let description = c.optional("description").map(trimmed)
        let instruction = c.optional("instruction").map(trimmed)
        let web = c.optional("web").map(trimmed)
        let contact = c.optional("contact").map(trimmed)
        let parameters = try pairs(c.many("parameter"), "\(path).parameter")
        var resources: [CAPResource] = []
        for (i, r) in c.many("resource").enumerated() { resources.append(try resource(r, path: "\(path).resource[\(i)]")) }
        var areas: [CAPArea] = []
        for (i, a) in c.many("area").enumerated() { areas.append(try area(a, path: "\(path).area[\(i)]")) }
        try c.finish()
        return CAPInfo(
            language: language, categories: categories, event: event, responseTypes: responses, urgency: urgency,
            severity: severity, certainty: certainty, audience: audience, eventCodes: eventCodes, effective: effective,
            onset: onset, expires: expires, senderName: senderName, headline: headline, description: description,
            instruction: instruction, web: web, contact: contact, parameters: parameters, resources: resources, areas: areas)
    }

    private static func resource(_ element: XMLTreeElement, path: String) throws(CAPParseError) -> CAPResource {
        var c = ElementCursor(element, path: path)
        let desc = try text(c.required("resourceDesc"), "\(path).resourceDesc")
        let mime = try text(c.required("mimeType"), "\(path).mimeType")
        let size = c.optional("size").map(trimmed)
        if let size, Int(size) == nil { throw CAPParseError(field: "\(path).size", reason: "must be an integer, got \"\(size)\"") }
        let uri = c.optional("uri").map(trimmed)
        let deref = c.optional("derefUri").map(trimmed)
        let digest = c.optional("digest").map(trimmed)
        try c.finish()
        return CAPResource(resourceDesc: desc, mimeType: mime, size: size, uri: uri, derefUri: deref, digest: digest)
    }

    private static func area(_ element: XMLTreeElement, path: String) throws(CAPParseError) -> CAPArea {
        var c = ElementCursor(element, path: path)
        let desc = try text(c.required("areaDesc"), "\(path).areaDesc")
        let polygons = c.many("polygon").map(trimmed)
        let circles = c.many("circle").map(trimmed)
        let geocodes = try pairs(c.many("geocode"), "\(path).geocode")
        let altitude = c.optional("altitude").map(trimmed)
        let ceiling = c.optional("ceiling").map(trimmed)
        for (name, number) in [("altitude", altitude), ("ceiling", ceiling)] {
            if let number, Double(number) == nil { throw CAPParseError(field: "\(path).\(name)", reason: "must be a decimal, got \"\(number)\"") }
        }
        try c.finish()
        return CAPArea(areaDesc: desc, polygons: polygons, circles: circles, geocodes: geocodes, altitude: altitude, ceiling: ceiling)
    }

    private static func pairs(_ elements: [XMLTreeElement], _ path: String) throws(CAPParseError) -> [CAPValuePair] {
        var result: [CAPValuePair] = []
        for (i, element) in elements.enumerated() {
            var c = ElementCursor(element, path: "\(path)[\(i)]")
            let name = try trimmed(c.required("valueName"))
            let value = try trimmed(c.required("value"))
            try c.finish()
            result.append(CAPValuePair(name, value))
        }
        return result
    }

    private static func trimmed(_ element: XMLTreeElement) -> String {
        element.text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func text(_ element: XMLTreeElement, _ path: String) throws(CAPParseError) -> String {
        let text = trimmed(element)
        guard !text.isEmpty else { throw CAPParseError(field: path, reason: "must not be empty") }
        return text
    }

    private static func time(_ element: XMLTreeElement, _ path: String) throws(CAPParseError) -> CAPTime {
        let text = trimmed(element)
        guard let time = CAPTime(text) else {
            throw CAPParseError(field: path, reason: "must be YYYY-MM-DDThh:mm:ss±hh:mm (no Z, no fraction), got \"\(text)\"")
        }
        return time
    }

    private static func value<V: RawRepresentable & CaseIterable>(_ element: XMLTreeElement, _ path: String) throws(CAPParseError) -> V
        where V.RawValue == String {
        let text = trimmed(element)
        guard let value = V(rawValue: text) else {
            throw CAPParseError(field: path, reason: "must be one of \(V.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
        }
        return value
    }
}
