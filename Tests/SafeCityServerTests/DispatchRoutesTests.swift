import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

/// Road nodes in Monaco: two stations and an incident a short drive away.
private let stationA = (43.7384, 7.4246), stationB = (43.7311, 7.4197), scene = (43.7350, 7.4210)

@Suite(.timeLimit(.minutes(2))) struct DispatchRoutesTests {
    /// Registers two police stations with one patrol each, as the admin.
    func seed(_ fixture: ServerFixture, client: some TestClientProtocol) async throws {
        for (index, station) in [stationA, stationB].enumerated() {
            let body = #"{"id":"ps-\#(index)","agency":"police","latitude":\#(station.0),"longitude":\#(station.1)}"#
            try await client.execute(uri: "/v1/dispatch/stations", method: .post, headers: fixture.headers(.admin), body: buffer(body)) {
                #expect($0.status == .created)
            }
            let unit = #"{"id":"car-\#(index)","agency":"police","kind":"patrol","stationID":"ps-\#(index)"}"#
            try await client.execute(uri: "/v1/dispatch/units", method: .post, headers: fixture.headers(.admin), body: buffer(unit)) {
                #expect($0.status == .created)
            }
        }
    }

    func openIncident(_ fixture: ServerFixture, client: some TestClientProtocol, type: String = "LAW-ASSAULT") async throws -> String {
        let body = #"{"typeCode":"\#(type)","priority":2,"latitude":\#(scene.0),"longitude":\#(scene.1),"summary":"fight outside","callerName":"Ana Caller","callerPhone":"+377 555 0100"}"#
        return try await client.execute(uri: "/v1/dispatch/incidents", method: .post, headers: fixture.headers(.dispatcher), body: buffer(body)) {
            #expect($0.status == .created)
            #expect($0.json["hasCallerDetails"] as? Bool == true)
            #expect(!String(buffer: $0.body).contains("555 0100"))
            return try #require($0.json["id"] as? String)
        }
    }

    @Test func callToCloseThroughTheAPI() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        defer { Task { await fixture.close() } }
        try await fixture.app.test(.router) { client in
            try await seed(fixture, client: client)
            let id = try await openIncident(fixture, client: client)
            let units = try await client.execute(uri: "/v1/dispatch/incidents/\(id)/recommendation", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .ok)
                let units = try #require(response.json["units"] as? [[String: Any]])
                let etas = units.compactMap { $0["etaSeconds"] as? Double }
                #expect(units.count == 2 && etas == etas.sorted())
                #expect(units.allSatisfy { ($0["reason"] as? String)?.contains("ETA") == true })
                return units.compactMap { $0["unitID"] as? String }
            }
            try await client.execute(uri: "/v1/dispatch/incidents/\(id)/assignments", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"units":["\#(units[0])"]}"#)) { response in
                #expect(response.status == .created)
                let assignment = try #require((response.json["assignments"] as? [[String: Any]])?.first)
                let geometry = try #require((assignment["route"] as? [String: Any])?["geometry"] as? [String: Any])
                #expect(geometry["type"] as? String == "LineString")
            }
            try await client.execute(uri: "/v1/dispatch/units/\(units[0])/status", method: .post, headers: fixture.headers(.fieldUnit),
                                     body: buffer(#"{"status":"en-route","expected":"dispatched"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["status"] as? String == "en-route")
            }
            try await client.execute(uri: "/v1/dispatch/units/\(units[1])/status", method: .post, headers: fixture.headers(.fieldUnit),
                                     body: buffer(#"{"status":"on-scene"}"#)) { response in
                #expect(response.status == .conflict)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect((response.json["detail"] as? String)?.contains("cannot go from available to on-scene") == true)
            }
            try await client.execute(uri: "/v1/dispatch/incidents/\(id)/caller", method: .get, headers: try await fixture.sessionHeaders(.dispatcher)) { response in
                #expect((response.json["caller"] as? String)?.contains("+377 555 0100") == true)
            }
            try await client.execute(uri: "/v1/dispatch/incidents/\(id)/close", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"disposition":"report-taken"}"#)) { response in
                #expect(response.status == .ok)
                #expect(response.json["disposition"] as? String == "report-taken")
                #expect((response.json["timeline"] as? [Any])?.count == 6)
            }
            try await client.execute(uri: "/v1/dispatch/board", method: .get, headers: fixture.headers(.analyst)) { response in
                let units = try #require(response.json["units"] as? [[String: Any]])
                #expect(units.allSatisfy { $0["status"] as? String == "available" })
                #expect((response.json["openIncidents"] as? [Any])?.isEmpty == true)
            }
        }
    }

    @Test func twoDispatchersSendingOneUnitGetOneCreatedAndOneConflict() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        defer { Task { await fixture.close() } }
        try await fixture.app.test(.router) { client in
            try await seed(fixture, client: client)
            let first = try await openIncident(fixture, client: client)
            let second = try await openIncident(fixture, client: client, type: "LAW-BURGLARY")
            let headers = fixture.headers(.dispatcher)
            async let a = client.execute(uri: "/v1/dispatch/incidents/\(first)/assignments", method: .post, headers: headers,
                                         body: buffer(#"{"units":["car-0"]}"#)).status
            async let b = client.execute(uri: "/v1/dispatch/incidents/\(second)/assignments", method: .post, headers: headers,
                                         body: buffer(#"{"units":["car-0"]}"#)).status
            let statuses = try await [a, b]
            #expect(statuses.sorted { $0.code < $1.code } == [.created, .conflict])
        }
    }

    @Test func badInputIsAProblemAndWritesNothing() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        defer { Task { await fixture.close() } }
        try await fixture.app.test(.router) { client in
            try await seed(fixture, client: client)
            let before = try await fixture.platform.log.lastSequence()
            let cases: [(String, String, HTTPResponse.Status, String?)] = [
                ("/v1/dispatch/incidents", #"{"typeCode":"LAW-ASSAULT","priority":9,"latitude":43.735,"longitude":7.421}"#, .unprocessableContent, "priority"),
                ("/v1/dispatch/incidents", #"{"typeCode":"UFO","priority":2,"latitude":43.735,"longitude":7.421}"#, .unprocessableContent, "typeCode"),
                ("/v1/dispatch/incidents", #"{"typeCode":"LAW-ASSAULT","priority":2,"latitude":48.85,"longitude":2.35}"#, .unprocessableContent, "latitude"),
                ("/v1/dispatch/incidents", #"{"typeCode":"LAW-ASSAULT","priority":"high"}"#, .unprocessableContent, "priority"),
                ("/v1/dispatch/incidents", #"{"typeCode":"#, .badRequest, nil),
                ("/v1/dispatch/incidents/inc-404/assignments", #"{"units":["car-0"]}"#, .notFound, nil),
                ("/v1/dispatch/units/ghost/status", #"{"status":"en-route"}"#, .notFound, nil),
                ("/v1/dispatch/units/car-0/status", #"{"status":"flying"}"#, .unprocessableContent, "status"),
                ("/v1/dispatch/units/car-0/status", #"{"status":"dispatched"}"#, .conflict, nil),
            ]
            for (uri, body, status, field) in cases {
                try await client.execute(uri: uri, method: .post, headers: fixture.headers(.dispatcher), body: buffer(body)) { response in
                    #expect(response.status == status, "\(uri) \(body)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    if let field { #expect(response.json["field"] as? String == field, "\(body)") }
                }
            }
            let forged = #"{"type":"dispatch.incident.closed","source":"x","occurredAt":"2026-11-25T10:00:00Z","payload":{"incidentID":"inc-1","disposition":"resolved"}}"#
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.admin), body: buffer("[\(forged)]")) {
                #expect($0.status == .forbidden)
            }
            #expect(try await fixture.platform.log.lastSequence() == before)
        }
    }
}
