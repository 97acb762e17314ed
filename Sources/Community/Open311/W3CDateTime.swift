import SafeCityCore

/// Date-times in the W3C profile of ISO 8601 that GeoReport v2 requires: a UTC offset is mandatory.
public enum W3CDateTime {
    /// Parses `YYYY-MM-DDThh:mm[:ss[.s…]]` followed by `Z` or `±hh:mm`; nil when malformed or without an offset.
    ///
    /// Seconds are optional because the W3C note allows `YYYY-MM-DDThh:mmTZD`; dates without
    /// a time or an offset are refused, since the spec says the offset must be included.
    public static func parse(_ text: String) -> Timestamp? {
        let utf8 = Array(text.utf8)
        // "2010-01-01T00:00Z" / "…T00:00+05:00": give it ":00" seconds and use the strict parser.
        if utf8.count >= 17, utf8.count > 16, utf8[13] == UInt8(ascii: ":"),
           utf8[16] == UInt8(ascii: "Z") || utf8[16] == UInt8(ascii: "z") || utf8[16] == UInt8(ascii: "+") || utf8[16] == UInt8(ascii: "-") {
            var padded = utf8
            padded.insert(contentsOf: Array(":00".utf8), at: 16)
            return Timestamp.parseRFC3339(String(decoding: padded, as: UTF8.self))
        }
        return Timestamp.parseRFC3339(text)
    }

    /// Formats to whole seconds at a fixed UTC offset, e.g. `2010-04-14T06:37:38-08:00` (`Z` at offset 0).
    public static func format(_ time: Timestamp, utcOffsetMinutes: Int = 0) -> String {
        let local = time.adding(milliseconds: Int64(utcOffsetMinutes) * 60_000)
        // Timestamp's own formatter gives the wall-clock fields; drop ".mmmZ" and add the offset.
        let utcText = Timestamp.format(local)
        let wallClock = utcText.prefix(19)
        guard utcOffsetMinutes != 0 else { return wallClock + "Z" }
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(utcOffsetMinutes)
        let hours = magnitude / 60, minutes = magnitude % 60
        return wallClock + sign + (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "") + String(minutes)
    }
}
