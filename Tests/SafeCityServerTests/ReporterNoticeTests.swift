import Alerting
import Community
import Foundation
import Geo
import HTTPTypes
import HummingbirdTesting
import Mail
import SafeCityCore
import SafeCityServer
import SafeCityTesting
import Security
import Storage
import Testing

/// Reporters' notices end to end: a real SMTP server (aiosmtpd, whose Python `email` package parses what arrives), a
/// real HTTP SMS receiver, an outage with a restart in the middle, a refused recipient, and a contact erased meanwhile.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ReporterNoticeTests {
    static let start = Timestamp(millisecondsSince1970: 1_764_000_000_000)  // 2025-11-24T16:00:00Z

    static func settings(mail: MailRelay? = nil, sms: SMSGateway? = nil) -> ReporterNoticeWorker.Settings {
        ReporterNoticeWorker.Settings(mail: mail, sms: sms, backoff: DeliveryBackoff(baseMilliseconds: 50, capMilliseconds: 400),
                                      publicBaseURL: "https://city.example", defaultCountryCode: "377", idleMilliseconds: 50)
    }

    /// A street-light report at its own place (`place` × ~1 km north); the same place twice is a duplicate.
    static func report(email: String? = nil, phone: String? = nil, place: Int, nudge: Double = 0) -> ServiceRequestSubmission {
        ServiceRequestSubmission(serviceCode: "street-light",
                                 location: SubmissionLocation(point: GeoPoint(latitude: 43.7396 + Double(place) * 0.01 + nudge, longitude: 7.4276)),
                                 description: "light out", contact: ReporterContact(email: email, phone: phone))
    }

    static func abandonedEvents(_ platform: Platform) async throws -> [ReportEvents.NoticeAbandoned] {
        var found: [ReportEvents.NoticeAbandoned] = []
        try await platform.log.forEachRecord(ofTypes: [ReportEvents.noticeAbandoned]) { found.append(try $0.event.payload.decode(ReportEvents.NoticeAbandoned.self)) }
        return found
    }

    @Test func everyStepReachesEveryReporterThroughARealSMTPServerAcrossAnOutageAndARestart() async throws {
        guard SMTPTestServer.enabled else { return }
        let dir = TemporaryDirectory("safecity-notices")
        defer { dir.remove() }
        let smtp = SMTPTestServer(directory: dir.path("mail"), auth: "notices:pa ss", reject: ["bounce@example.org"])
        try await smtp.start()
        defer { smtp.halt() }
        let relay = try MailRelay(url: "smtp://notices:pa%20ss@127.0.0.1:\(smtp.port)?from=noreply@city.example&starttls=off&timeout=10")
        let cipher = FieldCipher.random()
        var platform = try await Platform(databasePath: dir.path("s.sqlite"), fieldCipher: cipher, notices: Self.settings(mail: relay))
        await platform.notices.start()

        let primary = try await platform.reports.submit(Self.report(email: "ana@example.org", place: 0), actor: "open311")
        let merged = try await platform.reports.submit(Self.report(email: "ben@example.org", place: 0, nudge: 0.00002), actor: "open311")
        #expect(merged.id == primary.id, "the second report joins the first")
        let bounced = try await platform.reports.submit(Self.report(email: "bounce@example.org", place: 3), actor: "open311")
        _ = try await platform.reports.move(primary.id, to: .assigned, publicNote: nil, agencyID: nil, actor: "key:desk")
        _ = try await platform.reports.move(primary.id, to: .inProgress, publicNote: "Crew on site", agencyID: nil, actor: "key:desk")
        _ = try await platform.reports.move(primary.id, to: .closed, publicNote: "Lamp replaced; the square is lit again.", agencyID: nil, actor: "key:desk")

        let firstWave = try await AlertDeliveryTests.eventually {
            let counts = try await platform.storage.notices.counts()["email"] ?? [:]
            return counts[.delivered] == 8 && counts[.abandoned] == 1
        }
        #expect(firstWave, "8 notices taken by the server, the refused one given up")
        var messages = try smtp.received()
        let byRecipient = Dictionary(grouping: messages, by: { $0.recipients.joined(separator: ",") })
        #expect(Set(byRecipient.keys) == ["ana@example.org", "ben@example.org"])
        #expect(byRecipient["ana@example.org"]?.count == 4 && byRecipient["ben@example.org"]?.count == 4)
        for message in messages {
            #expect(message.defects.isEmpty, "Python's strict parser finds no defect: \(message.defects)")
            #expect(message.authenticated, "AUTH was required and given")
            #expect(message.mailFrom == "noreply@city.example" && message.headers["From"] == "noreply@city.example")
            #expect(message.headers["To"] == message.recipients.first)
            #expect(message.headers["Auto-Submitted"] == "auto-generated")
            #expect(message.headers["MIME-Version"] == "1.0")
            #expect(message.headers["Content-Type"]?.hasPrefix("text/plain") == true)
            #expect(message.headers["Message-ID"]?.hasPrefix("<notice-") == true)
            #expect(message.headers["Date"] != nil)
            #expect(message.longestLine <= 78, "RFC 5322 §2.1.1")
            #expect(message.body.contains("https://city.example/open311/v2/requests/\(primary.id).json"))
            #expect(message.body.contains("To stop these notices"))
        }
        let ana = byRecipient["ana@example.org"] ?? []
        let ben = byRecipient["ben@example.org"] ?? []
        #expect(ana.map { $0.headers["Subject"] ?? "" } == [
            "Your report #\(primary.id) (Broken street light): received", "Your report #\(primary.id) (Broken street light): assigned to a crew",
            "Your report #\(primary.id) (Broken street light): in progress", "Your report #\(primary.id) (Broken street light): closed",
        ])
        #expect(ana.last?.body.contains("Lamp replaced; the square is lit again.") == true, "the closing note is quoted")
        #expect(ana[2].body.contains("Crew on site"))
        #expect(ben.first?.headers["Subject"] == "Your report #\(primary.id) (Broken street light): merged into an earlier report")
        #expect(ben.first?.body.contains("your report 000002 was joined to request \(primary.id)") == true, "the second reporter is told of the merge")
        #expect(ben.last?.headers["Subject"]?.hasSuffix("closed") == true, "merged reporters hear of later steps too")

        let refused = try await platform.storage.notices.notices(ofRequest: bounced.id)
        #expect(refused.map(\.state) == [.abandoned])
        #expect(refused.first?.lastError?.contains("550") == true)
        let audited = try await Self.abandonedEvents(platform)
        #expect(audited.map(\.key) == refused.map(\.key) && audited.first?.reason.contains("550") == true, "the abandonment is in the log")
        #expect(!(audited.first?.reason.contains("@") ?? true) && !(refused.first?.lastError?.contains("@") ?? true), "no address in the outbox or the log")

        // The SMTP server goes down; steps happen; SafeCity restarts; the server comes back.
        await smtp.stop()
        let later = try await platform.reports.submit(Self.report(email: "cleo@example.org", place: 6), actor: "open311")
        _ = try await platform.reports.move(later.id, to: .assigned, publicNote: "Queued for the night crew", agencyID: nil, actor: "key:desk")
        let triedWhileDown = try await AlertDeliveryTests.eventually {
            let notices = try await platform.storage.notices.notices(ofRequest: later.id)
            return notices.count == 2 && notices.allSatisfy { $0.attempts >= 1 && $0.state == .pending }
        }
        #expect(triedWhileDown, "tried while the server was down, and kept")
        await platform.shutdown()
        platform = try await Platform(databasePath: dir.path("s.sqlite"), fieldCipher: cipher, notices: Self.settings(mail: relay))
        await platform.notices.start()
        try await smtp.start()
        let allDelivered = try await AlertDeliveryTests.eventually {
            (try await platform.storage.notices.counts()["email"] ?? [:]) == [.delivered: 10, .abandoned: 1]
        }
        #expect(allDelivered, "nothing lost across the outage and the restart")
        messages = try smtp.received()
        let cleo = messages.filter { $0.recipients == ["cleo@example.org"] }
        #expect(Set(cleo.compactMap { $0.headers["Subject"] }) == [
            "Your report #\(later.id) (Broken street light): received", "Your report #\(later.id) (Broken street light): assigned to a crew",
        ])
        // At least once: a repeat carries the same Message-ID as the first copy.
        let idsByNotice = Dictionary(grouping: messages, by: { $0.headers["X-SafeCity-Notice"] ?? "" }).mapValues { Set($0.compactMap { $0.headers["Message-ID"] }) }
        #expect(idsByNotice.count == 10 && idsByNotice.values.allSatisfy { $0.count == 1 })
        await platform.shutdown()
    }

    @Test func smsGoesToTheGatewaySignedAndIsRetriedAfterA5xx() async throws {
        let dir = TemporaryDirectory("safecity-sms")
        defer { dir.remove() }
        let receiver = WebhookReceiver(failFirstAttempt: true)  // takes each message, then answers 500 the first time
        await receiver.register("sms", secret: "gateway-token-1")
        let port = try await receiver.start()
        defer { Task { await receiver.stop() } }
        let gateway = try SMSGateway(url: "http://127.0.0.1:\(port)/hook/sms", token: "gateway-token-1")
        let platform = try await Platform(databasePath: dir.path("s.sqlite"), fieldCipher: .random(), notices: Self.settings(sms: gateway))
        await platform.notices.start()
        let filed = try await platform.reports.submit(Self.report(phone: "93 15 00 01", place: 0), actor: "open311")
        let unusable = try await platform.reports.submit(Self.report(phone: "123", place: 4), actor: "open311")
        let done = try await AlertDeliveryTests.eventually {
            (try await platform.storage.notices.counts()["sms"] ?? [:]) == [.delivered: 1, .abandoned: 1]
        }
        #expect(done)
        let arrival = try #require(await receiver.arrivals["sms"]?.values.first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(arrival.body)) as? [String: String])
        #expect(body["to"] == "+37793150001", "a national number gets the configured country code (E.164)")
        #expect(body["body"]?.contains("#\(filed.id) (Broken street light): received.") == true)
        #expect(body["body"]?.contains("https://city.example/open311/v2/requests/\(filed.id).json") == true)
        #expect(await receiver.badSignatures == 0, "signed with the token, as webhooks are")
        #expect(await receiver.repeatsDropped >= 1, "the 500 was retried")
        let sent = try await platform.storage.notices.notices(ofRequest: filed.id)
        #expect(sent.first?.attempts ?? 0 >= 2)
        #expect(try await platform.storage.notices.notices(ofRequest: unusable.id).first?.lastError?.hasPrefix("phone number:") == true)
        await platform.shutdown()
    }

    @Test func withoutASenderNoticesWaitAndAnErasedContactIsGivenUpUnsent() async throws {
        let dir = TemporaryDirectory("safecity-erased")
        defer { dir.remove() }
        let clock = ManualClock(Self.start)
        let cipher = FieldCipher.random()
        let retention = try RetentionSettings(parsing: "contact=60")
        var platform = try await Platform(databasePath: dir.path("s.sqlite"), clock: clock, fieldCipher: cipher, retention: retention)
        let filed = try await platform.reports.submit(Self.report(email: "erin@example.org", place: 0), actor: "open311")
        #expect(try await platform.notices.drainOnce() == 0)
        #expect(try await platform.storage.notices.counts() == ["email": [.pending: 1]], "planned, waiting for a sender")
        let admin = try await platform.keys.create(name: "t", role: .admin, createdBy: "test").token
        try await SafeCityApp.buildApplication(platform: platform, port: 0).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect((response.json["notices"] as? [String: String])?["email"]?.hasPrefix("no sender configured") == true)
            }
            try await client.execute(uri: "/v1/reports/notices?state=pending", method: .get, headers: [.authorization: "Bearer \(admin)"]) { response in
                #expect(response.status == .ok)
                let notices = response.json["notices"] as? [[String: Any]] ?? []
                #expect(notices.map { $0["requestID"] as? String } == [filed.id])
                #expect(!String(buffer: response.body).contains("@"), "no address in the staff view")
            }
            try await client.execute(uri: "/v1/reports/notices?state=lost", method: .get, headers: [.authorization: "Bearer \(admin)"]) { response in
                #expect(response.status == .unprocessableContent, "problem+json, as every bad query parameter")
                #expect(String(buffer: response.body).contains("state"))
            }
            try await client.execute(uri: "/v1/reports/notices", method: .get) { #expect($0.status == .unauthorized) }
        }
        await platform.shutdown()

        // The contact's data key is shredded by retention before any sender was configured; then one is.
        clock.advance(milliseconds: 70 * 86_400_000)
        let mailFolder = dir.path("pickup")
        platform = try await Platform(databasePath: dir.path("s.sqlite"), clock: clock, fieldCipher: cipher, retention: retention,
                                      notices: Self.settings(mail: try MailRelay(url: "file://\(mailFolder)?from=noreply@city.example")))
        #expect(try await platform.privacy.applyRetention().map(\.kind).contains("contact"))
        #expect(try await platform.notices.drainOnce() == 1)
        let notice = try await platform.storage.notices.notices(ofRequest: filed.id)
        #expect(notice.map(\.state) == [.abandoned] && notice.first?.lastError == ReporterNoticeWorker.contactErased)
        #expect(try await Self.abandonedEvents(platform).map(\.reason) == ["contact erased"])
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: mailFolder)) ?? []).isEmpty, "nothing was sent")
        await platform.shutdown()
    }

    @Test func aPickupDirectoryGetsOneParsableEmlFilePerNotice() async throws {
        let dir = TemporaryDirectory("safecity-pickup")
        defer { dir.remove() }
        let folder = dir.path("outbox-mail")
        let platform = try await Platform(databasePath: dir.path("s.sqlite"), fieldCipher: .random(),
                                          notices: Self.settings(mail: try MailRelay(url: "file://\(folder)?from=noreply@city.example")))
        let filed = try await platform.reports.submit(Self.report(email: "fay@example.org", place: 0), actor: "open311")
        #expect(try await platform.notices.drainOnce() == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 1)
        let text = try String(contentsOfFile: folder + "/" + files[0], encoding: .utf8)
        #expect(text.contains("To: fay@example.org\r\n") && text.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(text.contains("Subject: Your report #\(filed.id) (Broken street light): received\r\n"))
        await platform.shutdown()
    }
}
