import Mail
import Testing

@Suite struct MailRelayTests {
    @Test func smtpURLWithLoginAndSTARTTLS() throws {
        let relay = try MailRelay(url: "smtp://notices:s3cr%40t@mail.city.example:587?from=noreply@city.example&starttls=required")
        #expect(relay.destination == .server(host: "mail.city.example", port: 587, security: .startTLSRequired))
        #expect(relay.username == "notices")
        #expect(relay.password == "s3cr@t")
        #expect(relay.from.text == "noreply@city.example")
        #expect(!relay.description.contains("s3cr"), "the password is never shown")
        #expect(relay.description.contains("mail.city.example:587"))
    }

    @Test func smtpsDefaultsToPort465AndFileIsAPickupDirectory() throws {
        #expect(try MailRelay(url: "smtps://mail.example?from=a@b.example").destination == .server(host: "mail.example", port: 465, security: .implicitTLS))
        #expect(try MailRelay(url: "smtp://mail.example?from=a@b.example").destination == .server(host: "mail.example", port: 25, security: .opportunistic))
        #expect(try MailRelay(url: "file:///var/spool/safecity").destination == .pickupDirectory(path: "/var/spool/safecity"))
    }

    @Test(arguments: [
        ("http://mail.example?from=a@b.example", "scheme must be smtp, smtps or file"),
        ("smtp://mail.example", "from=ADDRESS is required"),
        ("smtp://mail.example?from=not-an-address", "from:"),
        ("smtp://mail.example?from=a@b.example&starttls=maybe", "starttls must be"),
        ("smtp://mail.example?from=a@b.example&colour=red", "unknown parameter \"colour\""),
        ("smtp://user@mail.example?from=a@b.example", "without a password"),
        ("smtp://?from=a@b.example", "no host"),
        ("file://relative", "file URL"),
    ])
    func badURLsSayWhatIsWrong(_ url: String, _ reason: String) {
        do {
            _ = try MailRelay(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.description.contains(reason), "\(url): \(error)")
        }
    }

    @Test func addressesAreChecked() {
        #expect(throws: MailError.self) { try MailAddress("two@at@example.org") }
        #expect(throws: MailError.self) { try MailAddress("space in@example.org") }
        #expect(throws: MailError.self) { try MailAddress("x@-bad.example") }
        #expect(throws: MailError.self) { try MailAddress("ñ@example.org") }
        #expect((try? MailAddress(" resident+311@example.org "))?.text == "resident+311@example.org")
    }
}
