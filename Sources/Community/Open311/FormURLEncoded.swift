/// Decodes `application/x-www-form-urlencoded` text (POST bodies and query strings).
///
/// Follows the WHATWG URL standard's parser except that it refuses what that parser quietly
/// repairs: a `%` not followed by two hex digits, and bytes that are not UTF-8 once decoded.
/// A refused body becomes a 400 naming the field, rather than a request with mangled text.
public enum FormURLEncoded {
    /// The pairs of a body, in order; empty pieces (`a=1&&b=2`) are skipped, a name without `=` has an empty value.
    public static func decode(_ body: String) throws(CommunityError) -> [FormField] {
        try decode(Array(body.utf8))
    }

    /// The pairs of a body given as bytes.
    public static func decode(_ bytes: [UInt8]) throws(CommunityError) -> [FormField] {
        var fields: [FormField] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let rawName = piece[piece.startIndex..<(equals ?? piece.endIndex)]
            let rawValue = equals.map { piece[piece.index(after: $0)...] } ?? []
            let name = try unescape(rawName, field: nil)
            let value = try unescape(rawValue, field: name)
            fields.append(FormField(name: name, value: value))
        }
        return fields
    }

    /// `+` becomes a space and `%XX` its byte; the result must be UTF-8.
    private static func unescape(_ raw: ArraySlice<UInt8>, field: String?) throws(CommunityError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        let what = field ?? "form field name"
        while index < raw.endIndex {
            let byte = raw[index]
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
                index += 1
            case UInt8(ascii: "%"):
                guard index + 2 < raw.endIndex,
                      let high = hexValue(raw[index + 1]), let low = hexValue(raw[index + 2])
                else {
                    let shown = String(decoding: raw[index..<min(index + 3, raw.endIndex)], as: UTF8.self)
                    throw .invalidField(field: what, reason: "has a malformed percent-escape \"\(shown)\" (expected % and two hex digits)")
                }
                out.append(high << 4 | low)
                index += 3
            default:
                out.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw .invalidField(field: what, reason: "is not valid UTF-8 once decoded")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
