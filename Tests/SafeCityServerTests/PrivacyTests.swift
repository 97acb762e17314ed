import Community
import Foundation
import Geo
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityDispatch
import SafeCityServer
import SafeCityTesting
import Security
import Storage
import Testing

/// Field-key rotation (with a crash in the middle), retention with crypto-shredding, and residents' exports.
@Suite struct PrivacyTests {
    static let start = Timestamp(millisecondsSince1970: 1_764_000_000_000)  // 2025-11-24T16:00:00Z

    /// A report at its own place (`place` × ~1 km north), so that no two are joined as duplicates.
    static func report(_ email: String, phone: String? = nil, place: Int = 0) -> ServiceRequestSubmission {
        ServiceRequestSubmission(serviceCode: "street-light", location: SubmissionLocation(point: GeoPoint(latitude: 43.7396 + Double(place) * 0.01, longitude: 7.4276)),
                                 description: "light out", contact: ReporterContact(email: email, firstName: "Ann", phone: phone))
    }

    static func types(_ platform: Platform) async throws -> [EventType] {
        var types: [EventType] = []
        try await platform.log.forEachRecord(ofTypes: [PrivacyEvents.rotationStarted, PrivacyEvents.rotationProgress, PrivacyEvents.rotationCompleted,
                                                        PrivacyEvents.purged, PrivacyEvents.exported]) { types.append($0.event.type) }
        return types
    }

    @Test func rotationInterruptedByACrashResumesAndTheOldKeyCanGo() async throws {
        let dir = TemporaryDirectory("safecity-privacy")
        defer { dir.remove() }
        let path = dir.path("p.sqlite"), keyFile = dir.path("field.key")
        let clock = ManualClock(Self.start)
        var platform = try await Platform(databasePath: path, clock: clock)
        let oldKey = try String(contentsOfFile: keyFile, encoding: .utf8)
        let incident = try await platform.dispatch.openIncident(
            CallForm(typeCode: "MED-INJURY", priority: 2, latitude: 43.7396, longitude: 7.4276, callerName: "Jane Caller", callerPhone: "+377 93 15 00 00"), actor: "test")
        // Data from before envelope encryption: a TOTP secret sealed under the field key itself.
        let created = try await platform.accounts.create(username: "ann", role: .dispatcher, password: "a long pass phrase", by: "test")
        var account = try #require(try await platform.accounts.store.account(username: "ann"))
        account.sealedTOTPSecret = try platform.vault.kek.seal(created.totpSecretBase32)
        try await platform.accounts.store.update(account)
        // Many months of reports, so the rotation takes several batches.
        for month in 0..<5 {
            clock.advance(milliseconds: 31 * 86_400_000)
            _ = try await platform.reports.submit(Self.report("ann\(month)@example.org"), actor: "key:resident")
        }
        let dataKeys = platform.vault.records().count
        #expect(dataKeys >= 7)

        let next = FieldCipher.random()
        let partial = try await platform.privacy.rotateFieldKey(to: next, batchSize: 2, stopAfterBatches: 1)
        #expect(partial.rewrapped == 2 && partial.remaining == dataKeys - 2)
        #expect(FileManager.default.fileExists(atPath: keyFile + ".new"), "the new key waits beside the old one")
        #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == oldKey, "the old key stays until the job is done")
        await platform.shutdown()  // the crash

        platform = try await Platform(databasePath: path, clock: clock)
        #expect(platform.vault.nextKEK?.keyID == next.keyID, "a restart finds the unfinished rotation")
        #expect(try await platform.dispatch.callerDetails(incidentID: incident.id) == "name=Jane Caller\nphone=+377 93 15 00 00", "readable mid-rotation")
        let done = try await platform.privacy.rotateFieldKey(to: try #require(platform.vault.nextKEK), batchSize: 2)
        #expect(done.rewrapped == dataKeys - 2 && done.resealed == 1 && done.remaining == 0)
        #expect(!FileManager.default.fileExists(atPath: keyFile + ".new"))
        #expect(try FieldCipher.load(environment: [:], keyFile: keyFile, generateIfMissing: false).keyID == next.keyID)
        let types = try await Self.types(platform)
        #expect(types.filter { $0 == PrivacyEvents.rotationStarted }.count == 2 && types.last == PrivacyEvents.rotationCompleted)
        var resumed: [Bool] = []
        try await platform.log.forEachRecord(ofTypes: [PrivacyEvents.rotationStarted]) { resumed.append(try $0.event.payload.decode(PrivacyEvents.Rotation.self).resumed) }
        #expect(resumed == [false, true])
        await platform.shutdown()

        // Only the new key now: everything sealed before opens, and the old-format secret was re-sealed.
        platform = try await Platform(databasePath: path, clock: clock)
        #expect(platform.vault.kek.keyID == next.keyID && platform.vault.nextKEK == nil)
        #expect(try await platform.dispatch.callerDetails(incidentID: incident.id) == "name=Jane Caller\nphone=+377 93 15 00 00")
        #expect(try await platform.accounts.store.account(username: "ann").map { FieldVault.isLegacyFormat($0.sealedTOTPSecret) } == false)
        let code = TOTP(secret: try #require(Base32.decode(created.totpSecretBase32))).code(at: clock.now().millisecondsSince1970 / 1000)
        _ = try await platform.accounts.login(username: "ann", password: "a long pass phrase", code: code)
        let found = try await platform.privacy.export(contact: try ContactQuery(email: "ANN3@example.org ", phone: nil), filedBy: nil, actor: "test", reason: "test")
        #expect(found.count == 1)
        await platform.shutdown()
    }

    @Test func expiredKeysAreShreddedReadersCarryOnAndThePurgeIsLogged() async throws {
        let dir = TemporaryDirectory("safecity-privacy")
        defer { dir.remove() }
        let clock = ManualClock(Self.start)
        let retention = try RetentionSettings(parsing: "caller=30,contact=60")
        var platform = try await Platform(databasePath: dir.path("p.sqlite"), clock: clock, fieldCipher: .random(), retention: retention)
        let cipher = platform.vault.kek
        let incident = try await platform.dispatch.openIncident(
            CallForm(typeCode: "MED-INJURY", priority: 2, latitude: 43.7396, longitude: 7.4276, callerName: "Jane Caller"), actor: "test")
        let old = try await platform.reports.submit(Self.report("ann@example.org"), actor: "key:resident")
        #expect(try await platform.privacy.applyRetention().isEmpty, "nothing is due yet")

        // November ends 2025-12-01; callers go 30 days later, contacts 60 days later.
        clock.advance(milliseconds: 40 * 86_400_000)
        let recent = try await platform.reports.submit(Self.report("ann@example.org"), actor: "key:resident")
        let purged = try await platform.privacy.applyRetention()
        #expect(purged.map(\.kind) == ["caller"] && purged.first?.period == "2025-11" && purged.first?.count == 1)
        #expect(try await platform.dispatch.callerDetails(incidentID: incident.id) == FieldVault.shreddedText)
        #expect(try await platform.dispatch.board().incidents[incident.id] != nil, "the incident itself stays")

        clock.advance(milliseconds: 30 * 86_400_000)
        // The legacy key (the field key kept for fields of the old format) goes with the longest of them: none here.
        let second = try await platform.privacy.applyRetention().sorted { $0.kind < $1.kind }
        #expect(second.map(\.kind) == ["contact", "legacy"] && second.map(\.count) == [1, 0])
        let found = try await platform.privacy.export(contact: try ContactQuery(email: "ann@example.org", phone: nil), filedBy: nil, actor: "test", reason: "t")
        #expect(found.map(\.id) == [recent.id], "the shredded contact matches nobody")
        #expect(await platform.reports.request(old.id) != nil, "the report stays, without its contact")
        var purges: [PrivacyEvents.Purged] = []
        try await platform.log.forEachRecord(ofTypes: [PrivacyEvents.purged]) { purges.append(try $0.event.payload.decode(PrivacyEvents.Purged.self)) }
        #expect(purges.map(\.kind).sorted() == ["caller", "contact", "legacy"] && purges.map(\.retentionDays).sorted() == [30, 60, 60])
        await platform.shutdown()

        // A restart replays the log through the shredded fields without failing.
        platform = try await Platform(databasePath: dir.path("p.sqlite"), clock: clock, fieldCipher: cipher, retention: retention)
        #expect(await platform.reports.all().count == 2)
        #expect(try await platform.dispatch.callerDetails(incidentID: incident.id) == FieldVault.shreddedText)
        let fixtureApp = SafeCityApp.buildApplication(platform: platform, port: 0)
        // Reading a caller's details is a person's act: a signed-in session, not an API key.
        let admin = try await SessionCache().token(for: .admin, accounts: platform.accounts)
        try await fixtureApp.test(.router) { client in
            try await client.execute(uri: "/open311/v2/requests/\(old.id).json", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/dispatch/incidents/\(incident.id)/caller", method: .get, headers: [.authorization: "Bearer \(admin)"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(FieldVault.shreddedText))
            }
        }
        await platform.shutdown()
    }

    @Test func aResidentExportsOnlyTheirOwnReportsAndOfficersGiveAReason() async throws {
        let fixture = try await ServerFixture()
        let ann = try await fixture.platform.keys.create(name: "ann", role: .public, createdBy: "test")
        let bob = try await fixture.platform.keys.create(name: "bob", role: .public, createdBy: "test")
        let annActor = try #require(try await fixture.platform.keys.authenticate(ann.token)).actorName
        let bobActor = try #require(try await fixture.platform.keys.authenticate(bob.token)).actorName
        let annFirst = try await fixture.platform.reports.submit(Self.report("ann@example.org", phone: "+377 93 15 00 01"), actor: annActor)
        let annSecond = try await fixture.platform.reports.submit(Self.report("Ann@Example.org", place: 1), actor: annActor)
        _ = try await fixture.platform.reports.submit(Self.report("bob@example.org", place: 2), actor: bobActor)
        // Bob knows Ann's email and files with it: his key still only reaches what he filed.
        let bobAsAnn = try await fixture.platform.reports.submit(Self.report("ann@example.org", place: 3), actor: bobActor)

        @Sendable func headers(_ token: String?) -> HTTPFields {
            var fields: HTTPFields = [.contentType: "application/json"]
            if let token { fields[.authorization] = "Bearer \(token)" }
            return fields
        }
        @Sendable func ids(_ response: TestResponse) -> [String] {
            (response.json["requests"] as? [[String: Any]])?.compactMap { $0["requestID"] as? String } ?? []
        }
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(nil), body: buffer(#"{"email":"ann@example.org"}"#)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(ann.token), body: buffer(#"{"email":" ANN@example.org"}"#)) { response in
                #expect(response.status == .ok)
                #expect(ids(response) == [annFirst.id, annSecond.id])
                let first = (response.json["requests"] as? [[String: Any]])?.first
                #expect((first?["contact"] as? [String: Any])?["phone"] as? String == "+377 93 15 00 01")
            }
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(ann.token), body: buffer(#"{"phone":"377 93 15 00 01","format":"open311"}"#)) { response in
                #expect(response.status == .ok)
                let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(list?.compactMap { $0["service_request_id"] as? String } == [annFirst.id])
            }
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(ann.token), body: buffer(#"{"email":"bob@example.org"}"#)) {
                #expect(ids($0).isEmpty, "another person's contact finds nothing filed with this key")
            }
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(bob.token), body: buffer(#"{"email":"ann@example.org"}"#)) {
                #expect(ids($0) == [bobAsAnn.id])
            }
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(ann.token), body: buffer(#"{}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "email")
            }
            try await client.execute(uri: "/v1/privacy/export", method: .post, headers: headers(ann.token), body: buffer(#"{"phone":"12"}"#)) {
                #expect($0.json["field"] as? String == "phone")
            }
            // Officers: admins only, with a reason; they see every report with that contact.
            try await client.execute(uri: "/v1/privacy/exports", method: .post, headers: headers(fixture.keys[.dispatcher]!),
                                     body: buffer(#"{"email":"ann@example.org","reason":"SAR-1"}"#)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/privacy/exports", method: .post, headers: headers(fixture.keys[.admin]!),
                                     body: buffer(#"{"email":"ann@example.org"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "reason")
            }
            try await client.execute(uri: "/v1/privacy/exports", method: .post, headers: headers(fixture.keys[.admin]!),
                                     body: buffer(#"{"email":"ann@example.org","reason":"SAR-1"}"#)) {
                #expect(ids($0) == [annFirst.id, annSecond.id, bobAsAnn.id])
            }
            try await client.execute(uri: "/v1/privacy/retention", method: .get, headers: headers(fixture.keys[.admin]!)) { response in
                #expect(response.status == .ok)
                #expect((response.json["settings"] as? [String: Any])?["contact"] as? Int == 180)
            }
        }
        var exports: [PrivacyEvents.Exported] = []
        try await fixture.platform.log.forEachRecord(ofTypes: [PrivacyEvents.exported]) { exports.append(try $0.event.payload.decode(PrivacyEvents.Exported.self)) }
        #expect(exports.count == 5 && exports.last?.requestedBy == "officer" && exports.last?.reason == "SAR-1")
        var text = ""
        try await fixture.platform.log.forEachRecord(ofTypes: [PrivacyEvents.exported]) { text += String(decoding: $0.event.payload.bytes, as: UTF8.self) }
        #expect(!text.contains("example.org"), "the log names requests, never the contact")
        await fixture.close()
    }
}
