import SafeCityCore

/// A plain-text email as RFC 5322 (Internet Message Format) with a MIME text/plain UTF-8 body (RFC 2045).
public struct MailMessage: Hashable, Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    /// Plain text; any line ending style.
    public var body: String
    public var date: Timestamp
    /// The `Message-ID` without angle brackets, e.g. `notice-42-email@city.example`; stable for one notice so a
    /// repeat is recognisable.
    public var messageID: String
    /// More header fields (name, value), e.g. `("X-SafeCity-Request", "000042")`; values are folded to one line.
    public var extraHeaders: [(String, String)]

    public init(from: MailAddress, to: MailAddress, subject: String, body: String, date: Timestamp, messageID: String,
                extraHeaders: [(String, String)] = []) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
        self.extraHeaders = extraHeaders
    }

    /// The message bytes: header fields, an empty line, the quoted-printable body; every line ends in CRLF.
    ///
    /// - Note: `Auto-Submitted: auto-generated` (RFC 3834) keeps auto-responders from answering.
    public func rendered() -> [UInt8] {
        var headers: [(String, String)] = [
            ("From", from.text), ("To", to.text), ("Subject", EncodedWord.encode(subject)), ("Date", MailDate.format(date)),
            ("Message-ID", "<\(Self.flat(messageID))>"), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "quoted-printable"), ("Auto-Submitted", "auto-generated"),
        ]
        for (name, value) in extraHeaders {
            let cleanName = String(name.unicodeScalars.filter { $0.value > 32 && $0.value < 127 && $0 != ":" })
            guard !cleanName.isEmpty else { continue }
            headers.append((cleanName, EncodedWord.encode(value)))
        }
        var text = headers.map { Self.folded(name: $0.0, value: $0.1) + "\r\n" }.joined()
        text += "\r\n"
        text += QuotedPrintable.encode(body)
        text += "\r\n"
        return Array(text.utf8)
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.subject == rhs.subject && lhs.body == rhs.body && lhs.date == rhs.date
            && lhs.messageID == rhs.messageID && lhs.extraHeaders.map(\.0) == rhs.extraHeaders.map(\.0) && lhs.extraHeaders.map(\.1) == rhs.extraHeaders.map(\.1)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(messageID)
        hasher.combine(to)
    }

    /// The header field, folded at spaces (CRLF then the space) so that lines stay within 78 characters where the value
    /// allows (RFC 5322 §2.2.3); encoded-words come already folded.
    static func folded(name: String, value: String) -> String {
        if value.contains("\r\n") { return "\(name): \(value)" }
        var lines: [String] = []
        var line = "\(name):"
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if line.count + 1 + word.count > 78, line.count > name.count + 1 {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    private static func flat(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value > 32 && $0.value < 127 && $0 != "<" && $0 != ">" })
    }
}
