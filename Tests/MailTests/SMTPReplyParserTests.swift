import Mail
import Testing

/// Replies as printed in RFC 5321 (§4.2.1 and the EHLO session of Appendix D.1).
@Suite struct SMTPReplyParserTests {
    @Test func appendixDMultilineEHLOReply() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.add(line: "250-foo.com greets bar.com") == nil)
        #expect(try parser.add(line: "250-8BITMIME") == nil)
        #expect(try parser.add(line: "250-SIZE") == nil)
        #expect(try parser.add(line: "250-DSN") == nil)
        let reply = try #require(try parser.add(line: "250 HELP"))
        #expect(reply.code == 250)
        #expect(reply.lines == ["foo.com greets bar.com", "8BITMIME", "SIZE", "DSN", "HELP"])
        #expect(reply.extensions.keys.sorted() == ["8BITMIME", "DSN", "HELP", "SIZE"])
        #expect(reply.isPositiveCompletion)
    }

    @Test func singleLineRepliesAndTheirClasses() throws {
        var parser = SMTPReplyParser()
        let start = try #require(try parser.add(line: "354 Start mail input; end with <CRLF>.<CRLF>"))
        #expect(start.isPositiveIntermediate)
        let busy = try #require(try parser.add(line: "421 foo.com Service not available, closing transmission channel"))
        #expect(busy.isTransientFailure)
        let unknown = try #require(try parser.add(line: "550 No such user here"))
        #expect(unknown.isPermanentFailure)
        // §4.2: the text is optional; a bare code ends a reply.
        #expect(try parser.add(line: "250")?.lines == [""])
    }

    @Test func authMechanismsAreReadFromEHLO() throws {
        var parser = SMTPReplyParser()
        _ = try parser.add(line: "250-mail.example.org")
        _ = try parser.add(line: "250-AUTH LOGIN PLAIN")
        let reply = try #require(try parser.add(line: "250 STARTTLS"))
        #expect(reply.extensions["AUTH"] == ["LOGIN", "PLAIN"])
        #expect(reply.extensions["STARTTLS"] == [])
    }

    @Test func garbageIsRefusedWithTheLine() {
        var parser = SMTPReplyParser()
        #expect(throws: MailError.transient("not an SMTP reply: \"HTTP/1.1 400 Bad Request\"")) { try parser.add(line: "HTTP/1.1 400 Bad Request") }
        var other = SMTPReplyParser()
        #expect(throws: MailError.self) { try other.add(line: "250x") }
        var mixed = SMTPReplyParser()
        _ = try? mixed.add(line: "250-first")
        #expect(throws: MailError.transient("SMTP reply mixes codes 250 and 550")) { try mixed.add(line: "550 second") }
        var tooLong = SMTPReplyParser()
        #expect(throws: MailError.self) { try tooLong.add(line: "250 " + String(repeating: "a", count: 5_000)) }
        var badClass = SMTPReplyParser()
        #expect(throws: MailError.self) { try badClass.add(line: "199 too low") }
    }
}
