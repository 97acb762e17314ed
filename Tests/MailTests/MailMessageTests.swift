import Mail
import SafeCityCore
import Testing

/// The header block of RFC 5322 §2.2 / §3.6 and MIME (RFC 2045) of a built message.
@Suite struct MailMessageTests {
    @Test func headersAndBodyAreWellFormed() throws {
        let message = MailMessage(from: try MailAddress("noreply@city.example"), to: try MailAddress("resident@example.org"),
                                  subject: "Su solicitud n.º 000042: cerrada", body: "Línea uno\n.\nfin", date: Timestamp(millisecondsSince1970: 880_127_706_000),
                                  messageID: "notice-7-email@city.example", extraHeaders: [("X-SafeCity-Request", "000042")])
        let text = String(decoding: message.rendered(), as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let headerLines = parts[0].components(separatedBy: "\r\n")
        #expect(headerLines.contains("From: noreply@city.example"))
        #expect(headerLines.contains("To: resident@example.org"))
        #expect(headerLines.contains("Date: Fri, 21 Nov 1997 15:55:06 +0000"))
        #expect(headerLines.contains("Message-ID: <notice-7-email@city.example>"))
        #expect(headerLines.contains("MIME-Version: 1.0"))
        #expect(headerLines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(headerLines.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(headerLines.contains("Auto-Submitted: auto-generated"))
        #expect(headerLines.contains("X-SafeCity-Request: 000042"))
        #expect(headerLines.first { $0.hasPrefix("Subject: ") }?.hasPrefix("Subject: =?UTF-8?B?") == true)
        #expect(text.utf8.allSatisfy { $0 < 0x80 }, "7-bit on the wire")
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "RFC 5322 §2.1.1: lines of at most 78 characters") }
        #expect(parts[1] == "L=C3=ADnea uno\r\n.\r\nfin\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
    }
}

extension MailMessageTests {
    /// RFC 5322 §2.2.3: a long field is folded by a CRLF before white space; unfolding (removing the CRLFs) gives it back.
    @Test func aLongSubjectIsFoldedAtSpacesAndUnfoldsToTheSameText() throws {
        let subject = "Your report #000001 (Broken street light): merged into an earlier report about the same problem"
        let message = MailMessage(from: try MailAddress("a@city.example"), to: try MailAddress("b@example.org"), subject: subject, body: "x",
                                  date: Timestamp(millisecondsSince1970: 0), messageID: "m@city.example")
        let text = String(decoding: message.rendered(), as: UTF8.self)
        let header = text.components(separatedBy: "\r\n\r\n")[0]
        for line in header.components(separatedBy: "\r\n") { #expect(line.count <= 78) }
        let start = try #require(header.range(of: "Subject:"))
        let field = header[start.lowerBound...].components(separatedBy: "\r\nDate:")[0]
        #expect(field.replacingOccurrences(of: "\r\n", with: "") == "Subject: " + subject)
    }
}
