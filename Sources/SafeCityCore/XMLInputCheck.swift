/// Refuses XML that Foundation's `XMLParser` cannot be trusted with, before it reads a byte.
///
/// - Warning: swift-corelibs-foundation's `XMLParser` (Swift 6.3, libxml2 2.9 on Linux) ends the whole
///   process on documents that a client can send:
///   - an element name that is not UTF-8 traps (`<` `0xCA` `<a/>` as bytes); libxml2 reads a document as
///     UTF-8 unless it both recognises and honours another encoding, and it does not always honour a
///     declared one (a malformed declaration, a byte order mark that contradicts it);
///   - a processing instruction without data (`<?x?>`) is a null pointer dereference;
///   - a document type declaration with a `NOTATION` or an `ATTLIST` whose default is `#IMPLIED` is one too.
///
///   So the bytes must be UTF-8 (any encoding libxml2 then applies on top of UTF-8 bytes still yields
///   UTF-8 names), and a document may hold neither a `<!DOCTYPE` nor a processing instruction without
///   data. The formats read this way never need them: CAP feeds are UTF-8 (the IPAWS profile requires it)
///   and schema-based, OpenStreetMap XML is UTF-8 without a DTD; refusing DTDs also keeps entity
///   expansion bombs away. The check is lexical, so such text inside a comment or CDATA is refused too.
public enum XMLInputCheck {
    /// Why the document must be refused, or nil when `XMLParser` may read it.
    public static func refusal(_ bytes: some Collection<UInt8>) -> String? {
        let bytes = Array(bytes)
        if let offset = firstInvalidUTF8Offset(bytes) {
            return "is not valid UTF-8 (byte \(offset)); send XML in UTF-8"
        }
        let doctype = Array("<!DOCTYPE".utf8)
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if bytes[open...].starts(with: doctype) {
                return "holds a document type declaration (<!DOCTYPE at byte \(open)), which is not accepted"
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "?") else { continue }
            // A processing instruction: its target runs to white space or "?>"; data must follow.
            var end = index + 1
            while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "?") { end += 1 }
            if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "?"), bytes[end + 1] == UInt8(ascii: ">") {
                return "holds a processing instruction without data (at byte \(open)), which is not accepted"
            }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
