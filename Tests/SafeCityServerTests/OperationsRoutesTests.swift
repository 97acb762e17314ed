import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct OperationsRoutesTests {
    @Test func healthAndReadinessArePublic() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "ok")
                #expect(response.headers[.init("X-Request-ID")!] != nil)
            }
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.json["status"] as? String == "ready") }
        }
        await fixture.close()
    }

    @Test func metricsCountRequestsAndAppends() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer("[\(observationJSON())]")) { #expect($0.status == .created) }
            try await client.execute(uri: "/metrics", method: .get, headers: fixture.headers(.analyst)) { response in
                let text = String(buffer: response.body)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                #expect(text.contains(#"safecity_http_requests_total{method="POST",route="/v1/events",status="201"} 1"#))
                #expect(text.contains("safecity_events_appended_total"))
                #expect(text.contains("safecity_event_log_size_events"))
                #expect(text.contains("safecity_http_request_duration_seconds_bucket"))
            }
        }
        await fixture.close()
    }

    @Test func adminsCreateListAndRevokeKeys() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            var keyID = ""
            var token = ""
            try await client.execute(uri: "/v1/keys", method: .post, headers: fixture.headers(.admin), body: buffer(#"{"name":"AQ gateway","role":"sensor"}"#)) { response in
                #expect(response.status == .created)
                keyID = response.json["id"] as? String ?? ""
                token = response.json["key"] as? String ?? ""
            }
            var withNewKey = fixture.headers(nil)
            withNewKey[.authorization] = "Bearer \(token)"
            try await client.execute(uri: "/v1/events", method: .post, headers: withNewKey, body: buffer("[\(observationJSON())]")) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/keys", method: .get, headers: fixture.headers(.admin)) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(keyID))
                #expect(!text.contains(token), "the listing never shows a key")
            }
            try await client.execute(uri: "/v1/keys/\(keyID)", method: .delete, headers: fixture.headers(.admin)) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/v1/events", method: .post, headers: withNewKey, body: buffer("[\(observationJSON())]")) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/keys", method: .post, headers: fixture.headers(.admin), body: buffer(#"{"name":"x","role":"overlord"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "role")
            }
        }
        await fixture.close()
    }

    @Test func auditVerifyReportsAnIntactChain() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/audit/verify", method: .get, headers: fixture.headers(.admin)) { response in
                #expect(response.json["intact"] as? Bool == true)
                #expect(response.json["records"] as? Int == Role.allCases.count)
            }
        }
        await fixture.close()
    }

    @Test func activityShowsEachSourceWhereItLastWas() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            var last = 0
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer("[\(observationJSON())]")) { last = $0.json["lastSequence"] as? Int ?? 0 }
            try await client.execute(uri: "/v1/activity?atLeast=\(last)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let activity = response.json["activity"] as? [String: Any]
                let source = (activity?["sources"] as? [String: Any])?["sensor:aq-1"] as? [String: Any]
                #expect((source?["location"] as? [String: Any])?["latitude"] as? Double == 43.73)
            }
        }
        await fixture.close()
    }

    @Test func theDashboardIsServedWithoutAKey() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
        await fixture.close()
    }
}
