import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct EventRoutesTests {
    @Test func appendsABatchAndReadsItBack() async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            let body = #"{"events":[\#(observationJSON(value: 1)),\#(observationJSON(value: 2))]}"#
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                #expect(response.status == .created)
                #expect(response.json["count"] as? Int == 2)
                #expect(response.json["lastSequence"] as? Int == Int(before) + 2)
            }
            try await client.execute(uri: "/v1/events?after=\(before)&limit=10", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .ok)
                let events = response.json["events"] as? [[String: Any]] ?? []
                #expect(events.count == 2)
                #expect(events.first?["actor"] as? String == "key:" + fixture.keys[.sensor]!.split(separator: "_")[1])
                #expect((events.last?["payload"] as? [String: Any])?["value"] as? Double == 2)
            }
        }
        await fixture.close()
    }

    @Test func aBareArrayIsAccepted() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.admin), body: buffer("[\(observationJSON())]")) { response in
                #expect(response.status == .created)
            }
        }
        await fixture.close()
    }

    struct BadInput: Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var status: HTTPResponse.Status
        var field: String?
        var testDescription: String { name }
    }

    static let badInputs: [BadInput] = [
        BadInput(name: "malformed JSON", body: #"{"events": [ {"type": "#, status: .badRequest),
        BadInput(name: "empty body", body: "", status: .badRequest),
        BadInput(name: "not an object or array", body: "42", status: .unprocessableContent),
        BadInput(name: "wrong type for source", body: #"[{"type":"sensor.observation","source":5,"occurredAt":"2026-11-25T10:00:00Z","payload":{}}]"#, status: .unprocessableContent, field: "events[0].source"),
        BadInput(name: "bad timestamp", body: #"[{"type":"sensor.observation","source":"s","occurredAt":"yesterday","payload":{}}]"#, status: .unprocessableContent, field: "events[0].occurredAt"),
        BadInput(name: "missing payload field", body: #"[\#(observationJSON()), {"type":"sensor.observation","source":"s","occurredAt":"2026-11-25T10:00:00Z","payload":{"sensorID":"a","quantity":"pm25","unit":"x"}}]"#, status: .unprocessableContent, field: "events[1].payload.value"),
        BadInput(name: "payload value of the wrong type", body: "[\(observationJSON(value: "\"high\""))]", status: .unprocessableContent, field: "events[0].payload.value"),
        BadInput(name: "unknown event type", body: #"[{"type":"alien.landing","source":"s","occurredAt":"2026-11-25T10:00:00Z","payload":{}}]"#, status: .unprocessableContent, field: "events[0].type"),
        BadInput(name: "latitude out of range", body: #"[{"type":"sensor.observation","source":"s","occurredAt":"2026-11-25T10:00:00Z","location":{"latitude":123,"longitude":7},"payload":{"sensorID":"a","quantity":"pm25","value":1,"unit":"x"}}]"#, status: .unprocessableContent, field: "events[0].location"),
        BadInput(name: "empty batch", body: #"{"events":[]}"#, status: .unprocessableContent, field: "events"),
        BadInput(name: "wrong schema version", body: #"[{"type":"sensor.observation","schemaVersion":9,"source":"s","occurredAt":"2026-11-25T10:00:00Z","payload":{"sensorID":"a","quantity":"pm25","value":1,"unit":"x"}}]"#, status: .unprocessableContent, field: "events[0].schemaVersion"),
        BadInput(name: "internal event type", body: #"[{"type":"security.key.created","source":"s","occurredAt":"2026-11-25T10:00:00Z","payload":{"keyID":"a","name":"b","role":"admin"}}]"#, status: .forbidden, field: "events[0].type"),
        BadInput(name: "same id twice in a batch", body: "[\(observationJSON(id: "6f1c1a56-3a4d-4e8e-9a53-3f0f8f2b1c01")),\(observationJSON(id: "6f1c1a56-3a4d-4e8e-9a53-3f0f8f2b1c01"))]", status: .unprocessableContent, field: "events[1].id"),
    ]

    @Test(arguments: badInputs)
    func badInputGetsAProblemAndChangesNothing(_ input: BadInput) async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.admin), body: buffer(input.body)) { response in
                #expect(response.status == input.status)
                #expect(response.headers[.contentType] == "application/problem+json")
                #expect(response.json["status"] as? Int == Int(input.status.code))
                #expect(response.json["title"] as? String != nil)
                #expect(response.json["instance"] as? String == "/v1/events")
                if let field = input.field { #expect(response.json["field"] as? String == field) }
            }
        }
        #expect(try await fixture.platform.log.lastSequence() == before)
        await fixture.close()
    }

    @Test func anOversizedBodyIsRefusedWith413() async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        let huge = "[" + Array(repeating: observationJSON(), count: 40_000).joined(separator: ",") + "]"
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.admin), body: buffer(huge)) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
        #expect(try await fixture.platform.log.lastSequence() == before)
        await fixture.close()
    }

    @Test func aRepeatedEventIDIsAConflict() async throws {
        let fixture = try await ServerFixture()
        let body = "[\(observationJSON(id: "0b0e8d1e-7d1c-4a53-8f5e-2a9b3c4d5e6f"))]"
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                #expect(response.status == .conflict)
                #expect((response.json["detail"] as? String)?.contains("already recorded at sequence") == true)
            }
        }
        await fixture.close()
    }

    @Test func aSensorMayNotSubmitCalls() async throws {
        let fixture = try await ServerFixture()
        let before = try await fixture.platform.log.lastSequence()
        let call = #"[{"type":"call.received","source":"x","occurredAt":"2026-11-25T10:00:00Z","location":{"latitude":43.73,"longitude":7.42},"payload":{"callID":"c1","category":"fire","priority":1,"summary":"smoke"}}]"#
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.sensor), body: buffer(call)) { #expect($0.status == .forbidden) }
            try await client.execute(uri: "/v1/events", method: .post, headers: fixture.headers(.dispatcher), body: buffer(call)) { #expect($0.status == .created) }
        }
        #expect(try await fixture.platform.log.lastSequence() == before + 1)
        await fixture.close()
    }

    @Test func readLimitsAreChecked() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/events?limit=5000", method: .get, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "limit")
            }
            try await client.execute(uri: "/v1/events?after=abc", method: .get, headers: fixture.headers(.admin)) { #expect($0.status == .unprocessableContent) }
        }
        await fixture.close()
    }
}
