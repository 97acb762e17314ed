import Alerting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct AlertRoutesTests {
    static func draftJSON(wireless: String = "Air quality alert near the harbour. Limit outdoor activity.", expires: String = "2099-01-01T00:00:00Z") -> String {
        #"{"event":"Air Quality Advisory","category":"Env","urgency":"Expected","severity":"Moderate","certainty":"Likely","texts":[{"language":"en-US","headline":"Air quality advisory","description":"PM2.5 is high & rising.","wirelessText":"\#(wireless)"},{"language":"es-US","headline":"Aviso de calidad del aire","description":"El PM2.5 es alto.","wirelessText":"Alerta de aire cerca del puerto."}],"area":{"description":"Harbour","circle":{"center":{"latitude":43.735,"longitude":7.421},"radiusMetres":1500}},"expires":"\#(expires)"}"#
    }

    @Test func draftApproveAndPublishWithTheTwoPersonRule() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            var id = ""
            try await client.execute(uri: "/v1/alerts", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(Self.draftJSON())) { response in
                #expect(response.status == .created)
                id = (response.json["alert"] as? [String: Any])?["id"] as? String ?? ""
            }
            #expect(!id.isEmpty)
            try await client.execute(uri: "/alerts.atom", method: .get) { response in
                #expect(response.status == .ok)
                #expect(!String(buffer: response.body).contains(id), "drafts are not public")
            }
            try await client.execute(uri: "/alerts/\(id).xml", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/alerts/\(id)/approve", method: .post, headers: fixture.headers(.publicInformationOfficer)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/alerts/\(id)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) { response in
                #expect(response.status == .ok)
                #expect((response.json["alert"] as? [String: Any])?["status"] as? String == "approved")
                #expect(response.json["capURL"] as? String == "/alerts/\(id).xml")
            }
            try await client.execute(uri: "/v1/alerts/\(id)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/alerts.atom", method: .get) { response in
                #expect(response.headers[.contentType] == "application/atom+xml")
                #expect(String(buffer: response.body).contains("/alerts/\(id).xml"))
            }
            try await client.execute(uri: "/alerts/\(id).xml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/cap+xml")
                let xml = String(buffer: response.body)
                #expect(xml.contains("<identifier>\(id)</identifier>"))
                #expect(xml.contains("PM2.5 is high &amp; rising."))
                #expect(xml.contains("<language>es-US</language>"))
            }
            var cancelID = ""
            try await client.execute(uri: "/v1/alerts/\(id)/cancel", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer("{}")) { response in
                #expect(response.status == .created)
                cancelID = (response.json["alert"] as? [String: Any])?["id"] as? String ?? ""
                #expect((response.json["chain"] as? [[String: Any]])?.count == 2)
            }
            try await client.execute(uri: "/v1/alerts/\(cancelID)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/alerts/\(cancelID).xml", method: .get) { response in
                let xml = String(buffer: response.body)
                #expect(xml.contains("<msgType>Cancel</msgType>"))
                #expect(xml.contains("<references>alerts@safecity.example,\(id),"))
            }
        }
        await fixture.close()
    }

    @Test func theDrafterCannotApproveEvenWithAnApprovingRole() async throws {
        let fixture = try await ServerFixture()
        // The fixture's admin session signs as user:test.admin: a draft by that person cannot be approved by them.
        let headers = try await fixture.sessionHeaders(.admin)
        let entry = try await fixture.platform.alerts.draft(
            .airQualityAdvisory(center: .init(latitude: 43.73, longitude: 7.42), radiusMetres: 500, now: fixture.platform.clock.now()),
            by: "user:test.admin")
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/alerts/\(entry.id)/approve", method: .post, headers: headers) { response in
                #expect(response.status == .conflict)
                #expect((response.json["detail"] as? String)?.contains("two-person rule") == true)
            }
        }
        await fixture.close()
    }

    @Test func aSupervisorRejectsADraftWithAReasonAndItCanNoLongerBeIssued() async throws {
        let fixture = try await ServerFixture()
        let entry = try await fixture.platform.alerts.draft(
            .airQualityAdvisory(center: .init(latitude: 43.73, longitude: 7.42), radiusMetres: 500, now: fixture.platform.clock.now()),
            by: "user:officer")
        let supervisor = try await fixture.sessionHeaders(.admin)
        try await fixture.app.test(.router) { client in
            // No reason: refused, naming the field; nothing recorded.
            try await client.execute(uri: "/v1/alerts/\(entry.id)/reject", method: .post, headers: supervisor, body: buffer(#"{"reason":"  "}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "reason")
            }
            // The officer may draft but not reject; an admin API key is a machine credential and may not decide either.
            try await client.execute(uri: "/v1/alerts/\(entry.id)/reject", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(#"{"reason":"x"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/alerts/\(entry.id)/reject", method: .post, headers: fixture.headers(.admin), body: buffer(#"{"reason":"x"}"#)) { response in
                #expect(response.status == .forbidden)
                #expect((response.json["detail"] as? String)?.contains("person") == true)
            }
            try await client.execute(uri: "/v1/alerts/\(entry.id)/reject", method: .post, headers: supervisor, body: buffer(#"{"reason":"wrong area"}"#)) { response in
                #expect(response.status == .ok)
                let alert = response.json["alert"] as? [String: Any]
                #expect(alert?["status"] as? String == "rejected")
                #expect(alert?["rejectedBy"] as? String == "user:test.admin")
                #expect(alert?["rejectionReason"] as? String == "wrong area")
            }
            try await client.execute(uri: "/v1/alerts/\(entry.id)/approve", method: .post, headers: supervisor) { response in
                #expect(response.status == .conflict)
                #expect((response.json["detail"] as? String)?.contains("rejected") == true)
            }
            try await client.execute(uri: "/v1/alerts/\(entry.id)/reject", method: .post, headers: supervisor, body: buffer(#"{"reason":"again"}"#)) { response in
                #expect(response.status == .conflict)
            }
        }
        #expect(await fixture.platform.alerts.published().isEmpty, "a rejected draft is never issued")
        await fixture.close()
    }

    struct BadDraft: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var status: HTTPResponse.Status
        var field: String?
        var testDescription: String { name }
    }

    static let badDrafts: [BadDraft] = [
        BadDraft(name: "malformed JSON", body: "{\"event\":", status: .badRequest),
        BadDraft(name: "wireless text over 90", body: draftJSON(wireless: String(repeating: "x", count: 91)), status: .unprocessableContent, field: "texts[0].wirelessText"),
        BadDraft(name: "expired", body: draftJSON(expires: "2001-01-01T00:00:00Z"), status: .unprocessableContent, field: "expires"),
        BadDraft(name: "unknown severity", body: draftJSON().replacingOccurrences(of: "Moderate", with: "Meh"), status: .unprocessableContent, field: "severity"),
        BadDraft(name: "no Spanish", body: draftJSON().replacingOccurrences(of: "es-US", with: "fr-FR"), status: .unprocessableContent, field: "texts"),
        BadDraft(name: "radius out of range", body: draftJSON().replacingOccurrences(of: "1500", with: "-1"), status: .unprocessableContent, field: "area.circle.radiusMetres"),
    ]

    @Test(arguments: badDrafts)
    func badDraftsGetAProblemAndWriteNothing(_ input: BadDraft) async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/alerts", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(input.body)) { response in
                #expect(response.status == input.status)
                #expect(response.headers[.contentType] == "application/problem+json")
                if let field = input.field { #expect(response.json["field"] as? String == field) }
            }
        }
        #expect(try await fixture.platform.log.lastSequence() == before)
        await fixture.close()
    }
}
