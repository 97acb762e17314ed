/// The DATA section of SMTP (RFC 5321 §4.1.1.4, §4.5.2): CRLF line ends, leading dots doubled, ended by `CRLF.CRLF`.
public enum SMTPData {
    /// The bytes to send after the 354 reply: every line ending normalised to CRLF, a `.` starting a line doubled,
    /// then the end-of-data marker.
    public static func encode(_ message: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                out += [13, 10]
                if byte == UInt8(ascii: "\r"), index + 1 < message.count, message[index + 1] == UInt8(ascii: "\n") { index += 1 }
                atLineStart = true
            } else {
                if atLineStart, byte == UInt8(ascii: ".") { out.append(byte) }
                out.append(byte)
                atLineStart = false
            }
            index += 1
        }
        if !atLineStart { out += [13, 10] }
        out += Array(".\r\n".utf8)
        return out
    }
}
