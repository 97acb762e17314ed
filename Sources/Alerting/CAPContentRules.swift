/// CAP 1.2 content rules beyond the schema: references on Update/Cancel and well-formed areas.
public enum CAPContentRules {
    /// Throws the first content rule the alert breaks.
    public static func check(_ alert: CAPAlert) throws(CAPParseError) {
        if alert.msgType == .update || alert.msgType == .cancel {
            guard let references = alert.references, !references.isEmpty else {
                throw CAPParseError(field: "alert.references", reason: "is required when msgType is \(alert.msgType.rawValue)")
            }
            for triple in references.split(separator: " ") where triple.split(separator: ",", omittingEmptySubsequences: false).count != 3 {
                throw CAPParseError(field: "alert.references", reason: "\"\(triple)\" is not a sender,identifier,sent triple")
            }
        }
        for (i, info) in alert.infos.enumerated() {
            for (j, area) in info.areas.enumerated() {
                let path = "alert.info[\(i)].area[\(j)]"
                for (k, polygon) in area.polygons.enumerated() { _ = try PolygonRules.parse(polygon, field: "\(path).polygon[\(k)]") }
                for (k, circle) in area.circles.enumerated() { try PolygonRules.checkCircle(circle, field: "\(path).circle[\(k)]") }
            }
        }
    }
}
