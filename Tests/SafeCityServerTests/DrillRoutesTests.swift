import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Simulation
import Testing

@Suite struct DrillRoutesTests {
    @Test func aDrillRunsThroughTheLiveToolsMarkedAsAnExerciseAndIsReported() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            let start = #"{"scenario":"structure-fire","latitude":43.73935,"longitude":7.4276}"#
            try await client.execute(uri: "/v1/drills", method: .post, headers: fixture.headers(.dispatcher), body: buffer(start)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/drills", method: .post, headers: fixture.headers(.admin),
                                     body: buffer(#"{"scenario":"alien-invasion","latitude":43.7,"longitude":7.4}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "scenario")
            }
            var drillID = "", callID = ""
            try await client.execute(uri: "/v1/drills", method: .post, headers: fixture.headers(.admin), body: buffer(start)) { response in
                #expect(response.status == .created)
                let drill = response.json["drill"] as? [String: Any]
                drillID = drill?["id"] as? String ?? ""
                callID = drill?["callID"] as? String ?? ""
            }
            // The call is in the log as an exercise, from the drill.
            let calls = try await fixture.platform.log.read(after: 0, limit: 100, types: [CityEventTypes.callReceived]).records
            let call = try #require(calls.first).event
            #expect(call.source == "drill:\(drillID)")
            #expect(try call.payload.decode(CityEventTypes.CallReceived.self).summary.hasPrefix("EXERCISE —"))

            // A trainee dispatcher takes the call; the officer's exercise warning is drafted; a supervisor approves it.
            let form = #"{"typeCode":"FIRE-STRUCTURE","priority":1,"latitude":43.73935,"longitude":7.4276,"callID":"\#(callID)","summary":"EXERCISE — smoke"}"#
            try await client.execute(uri: "/v1/dispatch/incidents", method: .post, headers: fixture.headers(.dispatcher), body: buffer(form)) { response in
                #expect(response.status == .created)
            }
            await fixture.platform.drills.draftWarning(drillID: drillID)
            let alertID = try #require(await fixture.platform.drills.drill(drillID)?.warningAlertID)
            try await client.execute(uri: "/v1/alerts/\(alertID)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin), body: buffer("{}")) { response in
                #expect(response.status == .ok || response.status == .created, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/alerts/\(alertID).xml", method: .get) { response in
                #expect(String(buffer: response.body).contains("<status>Exercise</status>"))
            }
            // Residents' pages do not show an exercise as an alert in effect.
            try await client.execute(uri: "/portal/en", method: .get) { response in
                #expect(!String(buffer: response.body).contains("EXERCISE: fire and smoke near you"))
            }
            try await client.execute(uri: "/v1/drills/\(drillID)", method: .get, headers: fixture.headers(.analyst)) { response in
                let measures = (response.json["report"] as? [String: Any])?["measures"] as? [[String: Any]] ?? []
                #expect(measures.count == 4)
                #expect(measures.first?["met"] as? Bool == true)
                // No unit was sent in this drill: the report says so.
                #expect(measures[1]["seconds"] == nil)
                #expect(measures.last?["seconds"] != nil)
            }
            try await client.execute(uri: "/v1/drills/\(drillID)/end", method: .post, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .ok)
                let findings = (response.json["report"] as? [String: Any])?["findings"] as? [String] ?? []
                #expect(findings.contains { $0.hasPrefix("incident to first unit dispatched: did not happen") })
            }
            try await client.execute(uri: "/v1/drills/\(drillID)/end", method: .post, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .conflict)
            }
        }
        await fixture.close()
    }
}
