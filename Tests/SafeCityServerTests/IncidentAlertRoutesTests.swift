import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

@Suite(.timeLimit(.minutes(2))) struct IncidentAlertRoutesTests {
    @Test func anOfficerDraftsAWarningAroundAnIncidentForASupervisorToApprove() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        try await fixture.app.test(.router) { client in
            let call = #"{"typeCode":"GAS-LEAK","priority":2,"latitude":43.7384,"longitude":7.4246,"summary":"smell of gas"}"#
            let incident = try await client.execute(uri: "/v1/dispatch/incidents", method: .post, headers: fixture.headers(.dispatcher), body: buffer(call)) {
                $0.json["id"] as? String ?? ""
            }
            var alertID = ""
            let body = #"{"hazard":"gasLeak","radiusMetres":300}"#
            try await client.execute(uri: "/v1/alerts/incidents/\(incident)", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(body)) { response in
                #expect(response.status == .created)
                let alert = response.json["alert"] as? [String: Any] ?? [:]
                let draft = alert["draft"] as? [String: Any] ?? [:]
                #expect(draft["incidentID"] as? String == incident)
                #expect(draft["event"] as? String == "Gas Leak")
                #expect(alert["status"] as? String == "drafted")
                alertID = alert["id"] as? String ?? ""
            }
            try await client.execute(uri: "/v1/alerts/\(alertID)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) {
                #expect($0.status == .ok)
            }
            // Bad input: unknown incident, unknown hazard, radius out of range, the wrong role.
            try await client.execute(uri: "/v1/alerts/incidents/inc-404", method: .post, headers: fixture.headers(.publicInformationOfficer), body: buffer(body)) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/alerts/incidents/\(incident)", method: .post, headers: fixture.headers(.publicInformationOfficer),
                                     body: buffer(#"{"hazard":"meteor"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "hazard")
            }
            try await client.execute(uri: "/v1/alerts/incidents/\(incident)", method: .post, headers: fixture.headers(.publicInformationOfficer),
                                     body: buffer(#"{"hazard":"fire","radiusMetres":5}"#)) { response in
                #expect(response.json["field"] as? String == "radiusMetres")
            }
            try await client.execute(uri: "/v1/alerts/incidents/\(incident)", method: .post, headers: fixture.headers(.dispatcher), body: buffer(body)) {
                #expect($0.status == .forbidden)
            }
        }
        await fixture.close()
    }
}
