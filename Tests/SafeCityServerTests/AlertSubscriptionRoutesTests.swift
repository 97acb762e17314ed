import Alerting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct AlertSubscriptionRoutesTests {
    static let pointJSON = #"{"area":{"point":{"latitude":43.74,"longitude":7.425},"radiusMetres":200},"languages":["en-US"],"webhookURL":"https://resident.example/hook"}"#
    static let bowTieJSON = #"{"area":{"polygon":[{"latitude":43.70,"longitude":7.40},{"latitude":43.75,"longitude":7.45},{"latitude":43.70,"longitude":7.45},{"latitude":43.75,"longitude":7.40},{"latitude":43.70,"longitude":7.40}]},"webhookURL":"https://x.example/h"}"#
    static let unclosedJSON = #"{"area":{"polygon":[{"latitude":43.70,"longitude":7.40},{"latitude":43.70,"longitude":7.45},{"latitude":43.75,"longitude":7.45},{"latitude":43.75,"longitude":7.40}]},"webhookURL":"https://x.example/h"}"#

    @Test func residentsSubscribeSeeAndRemoveOnlyTheirOwn() async throws {
        let fixture = try await ServerFixture()
        let other = try await fixture.platform.keys.create(name: "resident 2", role: .public, createdBy: "test").token
        try await fixture.app.test(.router) { client in
            var id = ""
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .post, headers: fixture.headers(.public), body: buffer(Self.pointJSON)) { response in
                #expect(response.status == .created)
                let subscription = response.json["subscription"] as? [String: Any]
                id = subscription?["id"] as? String ?? ""
                #expect((response.json["secret"] as? String)?.hasPrefix("whsec_") == true)
                #expect(subscription?["webhookURL"] == nil, "the contact URL is not echoed in the subscription")
            }
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .post, headers: fixture.headers(.dispatcher), body: buffer(Self.pointJSON)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(Self.pointJSON)) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .get, headers: fixture.headers(.public)) { response in
                #expect((response.json["subscriptions"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            }
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .get, headers: fixture.headers(.admin)) { response in
                #expect((response.json["subscriptions"] as? [[String: Any]])?.count == 2)
            }
            var otherHeaders = fixture.headers(nil)
            otherHeaders[.authorization] = "Bearer \(other)"
            try await client.execute(uri: "/v1/alerts/subscriptions/\(id)", method: .delete, headers: otherHeaders) { response in
                #expect(response.status == .notFound, "another resident cannot remove it")
            }
            try await client.execute(uri: "/v1/alerts/subscriptions/\(id)", method: .delete, headers: fixture.headers(.public)) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .get, headers: fixture.headers(.public)) { response in
                #expect((response.json["subscriptions"] as? [[String: Any]])?.isEmpty == true)
            }
        }
        let types = try await fixture.platform.log.read(after: 0, limit: 1000).map(\.event.type)
        #expect(types.filter { $0 == AlertEvents.subscribed }.count == 2)
        #expect(types.filter { $0 == AlertEvents.unsubscribed }.count == 1)
        await fixture.close()
    }

    @Test func invalidPolygonsAreClearProblemsAndWriteNothing() async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            for (body, reason) in [(Self.bowTieJSON, "crosses itself"), (Self.unclosedJSON, "is not closed")] {
                try await client.execute(uri: "/v1/alerts/subscriptions", method: .post, headers: fixture.headers(.public), body: buffer(body)) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.json["field"] as? String == "area.polygon")
                    #expect((response.json["detail"] as? String)?.contains(reason) == true)
                }
            }
        }
        #expect(try await fixture.platform.log.lastSequence() == before)
        #expect(await fixture.platform.subscriptions.list(ownedBy: nil).isEmpty)
        await fixture.close()
    }

    @Test func onlyStaffMayNameAPrivateAddressForTheirWebhook() async throws {
        let fixture = try await ServerFixture()
        let privateTarget = Self.pointJSON.replacingOccurrences(of: "https://resident.example/hook", with: "http://127.0.0.1:8080/v1/keys")
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .post, headers: fixture.headers(.public), body: buffer(privateTarget)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "webhookURL")
            }
            try await client.execute(uri: "/v1/alerts/subscriptions", method: .post, headers: fixture.headers(.admin), body: buffer(privateTarget)) { response in
                #expect(response.status == .created)
            }
        }
        await fixture.close()
    }

    @Test func externalCAPIsIngestedOnceAndTheFeedIsPublic() async throws {
        let fixture = try await ServerFixture()
        let now = fixture.platform.clock.now()
        let cap = CAPWriter.write(AlertDraft.airQualityAdvisory(center: .init(latitude: 43.73, longitude: 7.42), radiusMetres: 900, now: now)
            .compose(identifier: "met-42", sender: "warnings@met.example", sent: now, msgType: .alert, references: nil))
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/alerts/ingest", method: .post, headers: fixture.headers(.sensor, json: false), body: buffer(cap)) { response in
                #expect(response.status == .created)
                #expect(response.json["identifier"] as? String == "met-42")
            }
            try await client.execute(uri: "/v1/alerts/ingest", method: .post, headers: fixture.headers(.sensor, json: false), body: buffer(cap)) { response in
                #expect(response.status == .ok)
                #expect(response.json["duplicate"] as? Bool == true)
            }
            try await client.execute(uri: "/v1/alerts/ingest", method: .post, headers: fixture.headers(.sensor, json: false),
                                     body: buffer(cap.replacingOccurrences(of: "<msgType>Alert</msgType>", with: "<msgType>Shout</msgType>"))) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect((response.json["field"] as? String)?.contains("msgType") == true)
            }
            try await client.execute(uri: "/v1/alerts/ingest", method: .post, headers: fixture.headers(.public, json: false), body: buffer(cap)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/alerts/feed", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/atom+xml")
                #expect(String(buffer: response.body).contains("<link rel=\"self\" href=\"/v1/alerts/feed\""))
            }
        }
        let ingested = try await fixture.platform.log.read(after: 0, limit: 1000).filter { $0.event.type == AlertEvents.ingested }
        #expect(ingested.count == 1)
        await fixture.close()
    }
}

/// The public live stream of issued alerts over a real socket on 127.0.0.1.
@Suite(.timeLimit(.minutes(5))) struct AlertStreamTests {
    @Test func anyoneCanFollowIssuedAlertsAndNothingElse() async throws {
        let fixture = try await ServerFixture()
        _ = try await fixture.platform.append(EventRoutesSupport.observations(2))
        let draft = try await fixture.platform.alerts.draft(
            .airQualityAdvisory(center: .init(latitude: 43.73, longitude: 7.42), radiusMetres: 500, now: fixture.platform.clock.now()), by: "key:pio")
        _ = try await fixture.platform.alerts.approve(draft.id, by: "key:admin")
        let approved = try await fixture.platform.log.read(after: 0, limit: 100).filter { $0.event.type == AlertEvents.approved }.map(\.sequence)
        try await fixture.app.test(.live) { client in
            let port = try #require(client.port)
            let socket = try await RawHTTPStream.open(port: port, request: "GET /v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nLast-Event-ID: 0\r\n\r\n")
            defer { socket.close() }
            let ids = try await socket.readEventIDs(count: 1)
            #expect(ids == approved)
        }
        await fixture.close()
    }
}
