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
            // The area can be what a car reaches by road from the incident: the routing isochrone's outline.
            try await client.execute(uri: "/v1/alerts/incidents/\(incident)", method: .post, headers: fixture.headers(.publicInformationOfficer),
                                     body: buffer(#"{"hazard":"hazardousMaterials","isochroneMinutes":2}"#)) { response in
                #expect(response.status == .created)
                let draft = (response.json["alert"] as? [String: Any])?["draft"] as? [String: Any] ?? [:]
                let area = draft["area"] as? [String: Any] ?? [:]
                let ring = (area["polygon"] as? [[String: Any]] ?? []).map { [$0["longitude"] as? Double ?? 0, $0["latitude"] as? Double ?? 0] }
                #expect(area["circle"] == nil)
                #expect(ring.count >= 4 && ring.first == ring.last, "a closed ring")
                #expect((area["description"] as? String)?.contains("2-minute drive") == true)
                let texts = draft["texts"] as? [[String: Any]] ?? []
                #expect((texts.first { $0["language"] as? String == "es-US" }?["description"] as? String)?.contains("2 minutos en coche") == true)
                try await client.execute(uri: "/v1/isochrone?from=43.7384,7.4246&minutes=2&profile=car", method: .get, headers: fixture.headers(.dispatcher)) {
                    let geometry = $0.json["geometry"] as? [String: Any] ?? [:]
                    let outline = (geometry["coordinates"] as? [[[Double]]])?.first ?? []
                    #expect(outline.count == ring.count && zip(outline, ring).allSatisfy { abs($0[0] - $1[0]) < 1e-6 && abs($0[1] - $1[1]) < 1e-6 },
                            "the outline is the isochrone's (GeoJSON rounds to 6 decimals)")
                }
            }
            for (bad, field) in [(#"{"hazard":"fire","isochroneMinutes":45}"#, "isochroneMinutes"),
                                 (#"{"hazard":"fire","isochroneMinutes":5,"radiusMetres":300}"#, "isochroneMinutes"),
                                 (#"{"hazard":"fire","isochroneMinutes":5,"profile":"hovercraft"}"#, "profile")] {
                try await client.execute(uri: "/v1/alerts/incidents/\(incident)", method: .post, headers: fixture.headers(.publicInformationOfficer),
                                         body: buffer(bad)) { response in
                    #expect(response.status == .unprocessableContent, "\(bad)")
                    #expect(response.json["field"] as? String == field, "\(bad)")
                }
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
