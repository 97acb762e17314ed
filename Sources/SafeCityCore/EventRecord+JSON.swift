/// The JSON form of a stored record, written by hand so that the payload bytes are
/// embedded verbatim (no decode and re-encode on the hot read and stream paths).
extension EventRecord {
    /// `{"sequence":…,"id":…,"type":…,…,"payload":{…},"hash":"…"}` as UTF-8.
    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(event.payload.bytes.count + 360)
        writeJSON(into: &out)
        return out
    }

    /// Appends the JSON form to a buffer.
    public func writeJSON(into out: inout [UInt8]) {
        out.append(contentsOf: #"{"sequence":"#.utf8)
        out.append(contentsOf: String(sequence).utf8)
        out.append(contentsOf: #","id":""#.utf8)
        out.append(contentsOf: event.id.description.utf8)
        out.append(contentsOf: #"","type":"#.utf8)
        JSONValue.writeString(event.type.name, into: &out)
        out.append(contentsOf: #","source":"#.utf8)
        JSONValue.writeString(event.source, into: &out)
        out.append(contentsOf: #","actor":"#.utf8)
        JSONValue.writeString(event.actor, into: &out)
        out.append(contentsOf: #","occurredAt":""#.utf8)
        out.append(contentsOf: event.occurredAt.description.utf8)
        out.append(contentsOf: #"","recordedAt":""#.utf8)
        out.append(contentsOf: recordedAt.description.utf8)
        out.append(UInt8(ascii: "\""))
        if let location = event.location {
            out.append(contentsOf: #","location":{"latitude":"#.utf8)
            out.append(contentsOf: "\(location.latitude)".utf8)
            out.append(contentsOf: #","longitude":"#.utf8)
            out.append(contentsOf: "\(location.longitude)".utf8)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #","schemaVersion":"#.utf8)
        out.append(contentsOf: String(event.schemaVersion).utf8)
        out.append(contentsOf: #","payload":"#.utf8)
        out.append(contentsOf: event.payload.bytes)
        out.append(contentsOf: #","hash":""#.utf8)
        out.append(contentsOf: Hex.encode(hash).utf8)
        out.append(contentsOf: #""}"#.utf8)
    }
}

/// Lower-case hexadecimal text.
public enum Hex {
    /// The hex digits of some bytes.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of hex text; nil when it is not hex.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}
