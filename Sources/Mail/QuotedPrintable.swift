/// RFC 2045 §6.7 quoted-printable for text bodies: lines end in CRLF, none longer than 76 characters.
public enum QuotedPrintable {
    /// The longest encoded line, soft break included (RFC 2045 §6.7 rule 5).
    public static let maximumLineLength = 76

    /// Encodes UTF-8 text; `\n`, `\r\n` and lone `\r` become hard line breaks (CRLF).
    public static func encode(_ text: String) -> String {
        var lines: [String] = []
        let normalised = text.replacingCRLF()
        for line in normalised.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(encodeLine(Array(line.utf8)))
        }
        return lines.joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var out = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !isLast)
            let token = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
            // Leave room for the soft break "=" unless this token ends the line.
            let room = isLast ? maximumLineLength : maximumLineLength - 1
            if lineLength + token.count > room {
                out += "=\r\n"
                lineLength = 0
            }
            out += token
            lineLength += token.count
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

extension String {
    /// `\r\n` and lone `\r` turned into `\n`.
    func replacingCRLF() -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
