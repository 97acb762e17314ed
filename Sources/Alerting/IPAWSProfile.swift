/// The IPAWS CAP profile checks SafeCity applies to what it issues: wireless (WEA/CMAM) text
/// limits, required expiry and area, and an English `info`.
public enum IPAWSProfile {
    /// Parameter holding the short wireless text.
    public static let wirelessTextParameter = "CMAMtext"
    /// Parameter holding the long wireless text.
    public static let wirelessLongTextParameter = "CMAMlongtext"
    /// Most characters in the short wireless text.
    public static let wirelessTextLimit = 90
    /// Most characters in the long wireless text.
    public static let wirelessLongTextLimit = 360

    /// Throws when a wireless text is over its limit.
    public static func checkLength(_ text: String, limit: Int, field: String) throws(CAPParseError) {
        if text.count > limit {
            throw CAPParseError(field: field, reason: "is \(text.count) characters; wireless alerts allow at most \(limit)")
        }
    }

    /// Throws the first IPAWS profile rule the alert breaks.
    public static func check(_ alert: CAPAlert) throws(CAPParseError) {
        guard alert.msgType == .cancel || !alert.infos.isEmpty else {
            throw CAPParseError(field: "alert.info", reason: "at least one info block is required")
        }
        if !alert.infos.isEmpty, !alert.infos.contains(where: { ($0.language ?? "en-US").lowercased().hasPrefix("en") }) {
            throw CAPParseError(field: "alert.info.language", reason: "an English (en-US) info block is required")
        }
        for (i, info) in alert.infos.enumerated() {
            let path = "alert.info[\(i)]"
            guard info.expires != nil else { throw CAPParseError(field: "\(path).expires", reason: "is required by the IPAWS profile") }
            guard let text = info.parameter(wirelessTextParameter), !text.isEmpty else {
                throw CAPParseError(field: "\(path).parameter.\(wirelessTextParameter)", reason: "is required by the IPAWS profile (wireless text)")
            }
            try checkLength(text, limit: wirelessTextLimit, field: "\(path).parameter.\(wirelessTextParameter)")
            if let long = info.parameter(wirelessLongTextParameter) {
                try checkLength(long, limit: wirelessLongTextLimit, field: "\(path).parameter.\(wirelessLongTextParameter)")
            }
            guard !info.areas.isEmpty else { throw CAPParseError(field: "\(path).area", reason: "is required by the IPAWS profile") }
            for (j, area) in info.areas.enumerated() where area.polygons.isEmpty && area.circles.isEmpty && area.geocodes.isEmpty {
                throw CAPParseError(field: "\(path).area[\(j)]", reason: "needs a polygon, circle or geocode")
            }
        }
    }
}
