import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Security
import Testing

@Suite(.timeLimit(.minutes(5))) struct AuthorizationTests {
    @Test func everySecuredRouteRefusesAnonymousAndWrongRoleCallers() async throws {
        let fixture = try await ServerFixture()
        let routes = SafeCityApp.buildRouter(platform: fixture.platform).routes
        let secured = routes.filter { $0.action != nil }
        #expect(secured.count >= 9)
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            for route in secured {
                let uri = route.path.replacingOccurrences(of: "{id}", with: "abc")
                try await client.execute(uri: uri, method: route.method, headers: fixture.headers(nil), body: buffer("{}")) { response in
                    #expect(response.status == .unauthorized, "\(route.method) \(route.path) without a key")
                    #expect(response.headers[.wwwAuthenticate] != nil)
                }
                var badKey = fixture.headers(nil)
                badKey[.authorization] = "Bearer sck_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                try await client.execute(uri: uri, method: route.method, headers: badKey, body: buffer("{}")) { response in
                    #expect(response.status == .unauthorized, "\(route.method) \(route.path) with an unknown key")
                }
                let allowed = PermissionTable.roles(for: route.action!)
                guard let wrong = Role.allCases.first(where: { !allowed.contains($0) }) else { continue }
                try await client.execute(uri: uri, method: route.method, headers: fixture.headers(wrong), body: buffer("{}")) { response in
                    #expect(response.status == .forbidden, "\(route.method) \(route.path) as \(wrong.rawValue)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
        #expect(try await fixture.platform.log.lastSequence() == before, "refused requests wrote nothing")
        await fixture.close()
    }

    /// People's decisions (approving alerts, acknowledging signals, reading a caller's details) need a signed-in
    /// person: a key of a permitted role is refused with 403, the same role's session gets past authorisation.
    @Test func personOnlyRoutesRefuseAPIKeysAndTakeSessions() async throws {
        let fixture = try await ServerFixture()
        let routes = SafeCityApp.buildRouter(platform: fixture.platform).routes.filter { $0.action.map(PermissionTable.needsPerson) == true }
        #expect(Set(routes.map(\.path)).isSuperset(of: ["/v1/alerts/{id}/approve", "/v1/alerts/{id}/reject", "/v1/signals/{sequence}/acknowledgement",
                                                          "/v1/dispatch/incidents/{id}/caller"]))
        // Machine integrations keep their keys: sensors, cameras, field units, feeds and CAD exchange never need a person.
        for action in [Action.observationsWrite, .detectionsWrite, .unitStatusWrite, .eventsAppend, .socialWrite, .healthWrite, .alertsIngest, .dispatchWrite] {
            #expect(!PermissionTable.needsPerson(action), "\(action.rawValue)")
        }
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            for route in routes {
                let uri = route.path.replacingOccurrences(of: "{id}", with: "abc").replacingOccurrences(of: "{sequence}", with: "999999")
                let role = try #require(PermissionTable.roles(for: route.action!).sorted { $0.rawValue < $1.rawValue }.first)
                try await client.execute(uri: uri, method: route.method, headers: fixture.headers(role), body: buffer("{}")) { response in
                    #expect(response.status == .forbidden, "\(route.method) \(route.path) with a \(role.rawValue) key")
                    #expect((response.json["detail"] as? String)?.contains("API keys are machine credentials") == true)
                }
                try await client.execute(uri: uri, method: route.method, headers: try await fixture.sessionHeaders(role), body: buffer("{}")) { response in
                    #expect(![.unauthorized, .forbidden].contains(response.status), "\(route.method) \(route.path) as a signed-in \(role.rawValue): \(response.status)")
                }
            }
        }
        // Signing the sessions in is logged; the refused and not-found requests wrote nothing else.
        let written = try await fixture.platform.log.read(after: before, limit: 100).map(\.event.type.name)
        #expect(written.allSatisfy { $0.hasPrefix("security.") }, "\(written)")
        await fixture.close()
    }

    @Test func publicRoutesAreOnlyHealthAndTheDashboard() async throws {
        let fixture = try await ServerFixture()
        let publicPaths = Set(SafeCityApp.buildRouter(platform: fixture.platform).routes.filter { $0.action == nil }.map(\.path))
        #expect(publicPaths.isSubset(of: ["/healthz", "/readyz", "/", "/dashboard.js", "/dashboard.css", "/alerts.atom", "/v1/alerts/feed", "/v1/alerts/stream", "/alerts/{file}",
                                           // Residents read air quality without a key, as they read alerts.
                                           "/v1/air-quality",
                                           // The audit key is published so that anyone can check a signed tree head.
                                           "/v1/audit/public-key",
                                           // Signing in is how a person gets a session; the account locks after five failures.
                                           "/v1/auth/login",
                                           // The residents' portal: pages, its stylesheet and quiz answers (CSRF-checked).
                                           "/portal", "/portal.css", "/portal/{language}", "/portal/{language}/report", "/portal/{language}/learn",
                                           "/portal/{language}/learn/{module}", "/portal/{language}/progress", "/portal/{language}/transparency",
                                           // Open311 GeoReport: reading is public; posting checks the form's api_key itself.
                                           "/open311/v2/{file}", "/open311/v2/services/{file}", "/open311/v2/requests/{file}", "/open311/v2/tokens/{file}"]))
        await fixture.close()
    }

    @Test func unknownRoutesAreProblemsToo() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/nothing-here", method: .get, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
        await fixture.close()
    }
}
