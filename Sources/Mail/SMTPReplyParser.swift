/// Gathers reply lines into replies: `250-…` continues a reply, `250 …` (or a bare `250`) ends it (RFC 5321 §4.2.1).
public struct SMTPReplyParser: Sendable {
    /// Longest reply line accepted (RFC 5321 §4.5.3.1.5 says 512 octets; servers exceed it, so with room).
    public static let maximumLineLength = 4_096
    /// Most lines in one reply (EHLO lists a few dozen at most).
    public static let maximumLines = 200

    private var code: Int?
    private var lines: [String] = []

    public init() {}

    /// Takes one line (without its CRLF); returns the reply it completes, or nil when more lines follow.
    /// Throws ``MailError/transient(_:)`` on a line that is not a reply line (the server is not speaking SMTP).
    public mutating func add(line: String) throws(MailError) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count <= Self.maximumLineLength else { throw .transient("SMTP reply line longer than \(Self.maximumLineLength) bytes") }
        guard bytes.count >= 3, let first = bytes.first, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(first),
              (UInt8(ascii: "0")...UInt8(ascii: "5")).contains(bytes[1]), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[2])
        else { throw .transient("not an SMTP reply: \"\(Self.shown(line))\"") }
        let lineCode = Int(bytes[0] - 48) * 100 + Int(bytes[1] - 48) * 10 + Int(bytes[2] - 48)
        if let code, code != lineCode { throw .transient("SMTP reply mixes codes \(code) and \(lineCode)") }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .transient("not an SMTP reply: \"\(Self.shown(line))\"")
        }
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard lines.count <= Self.maximumLines else { throw .transient("SMTP reply of more than \(Self.maximumLines) lines") }
        if separator == UInt8(ascii: "-") {
            code = lineCode
            return nil
        }
        let reply = SMTPReply(code: lineCode, lines: lines)
        code = nil
        lines = []
        return reply
    }

    private static func shown(_ line: String) -> String {
        String(line.unicodeScalars.prefix(60).map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}
