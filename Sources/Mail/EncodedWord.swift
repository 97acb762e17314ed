/// RFC 2047 encoded-words for header text that is not plain printable ASCII.
public enum EncodedWord {
    /// The longest encoded-word RFC 2047 §2 allows.
    public static let maximumLength = 75

    /// The header value as is when it is printable ASCII without `=?`; else UTF-8 `B` encoded-words of at most
    /// 64 characters (so a line with its header name stays within 76), split between characters and folded onto continuation lines (`CRLF SP`).
    public static func encode(_ text: String) -> String {
        let flat = text.map { $0 == "\r" || $0 == "\n" ? " " : String($0) }.joined()
        if flat.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && !flat.contains("=?") { return flat }
        // "=?UTF-8?B?" + "?=" take 12 characters; leaving room for a header name ("Subject: ") on the first line
        // keeps every line within 76, so 13 base64 quads, 39 bytes, a word.
        let limit = (maximumLength - 12 - 11) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in flat {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > limit, !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }
}
