import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Sensing
import Testing

/// A sensor registration body.
func sensorJSON(id: String = "aq-1", quantities: [String] = ["pm25", "no2"], latitude: Double = 43.7384, longitude: Double = 7.4246,
                interval: Int = 60) -> String {
    let list = quantities.map { "\"\($0)\"" }.joined(separator: ",")
    return #"{"id":"\#(id)","kind":"air_quality","name":"Harbour air","location":{"latitude":\#(latitude),"longitude":\#(longitude)},"quantities":[\#(list)],"reportIntervalSeconds":\#(interval),"owner":"Environment"}"#
}

@Suite struct SensorRoutesTests {
    @Test func adminsRegisterAndEveryRoleLists() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON())) { response in
                #expect(response.status == .created)
            }
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.dispatcher), body: buffer(sensorJSON(id: "x"))) { response in
                #expect(response.status == .forbidden)
            }
            for role in [Role.public, .sensor, .analyst] {
                try await client.execute(uri: "/v1/sensors", method: .get, headers: fixture.headers(role)) { response in
                    #expect(response.status == .ok)
                    let sensors = response.json["sensors"] as? [[String: Any]]
                    #expect(sensors?.map { $0["id"] as? String } == ["aq-1"])
                }
            }
            try await client.execute(uri: "/v1/sensors", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
        await fixture.close()
    }

    @Test func badRegistrationsNameTheField() async throws {
        let fixture = try await ServerFixture()
        let cases: [(body: String, field: String)] = [
            (sensorJSON(id: "has space"), "id"),
            (sensorJSON(quantities: []), "quantities"),
            (sensorJSON(latitude: 123), "location"),
            (sensorJSON(interval: 0), "reportIntervalSeconds"),
            (#"{"id":"a","kind":"toaster","name":"n","location":{"latitude":1,"longitude":1},"quantities":["pm25"],"reportIntervalSeconds":60,"owner":"o"}"#, "kind"),
        ]
        try await fixture.app.test(.router) { client in
            for (body, field) in cases {
                try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(body)) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.json["field"] as? String == field, "\(body)")
                }
            }
            try await client.execute(uri: "/v1/sensors/nope", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .notFound)
            }
        }
        await fixture.close()
    }

    @Test func retiredSensorsAreRefused() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/sensors", method: .post, headers: fixture.headers(.admin), body: buffer(sensorJSON())) { _ in }
            try await client.execute(uri: "/v1/sensors/aq-1", method: .delete, headers: fixture.headers(.admin)) { response in
                #expect(response.status == .noContent)
            }
            let body = #"[{"sensorID":"aq-1","time":"2026-11-25T10:00:00Z","quantity":"pm25","value":10,"unit":"µg/m³"}]"#
            try await client.execute(uri: "/v1/observations", method: .post, headers: fixture.headers(.sensor), body: buffer(body)) { response in
                #expect(response.status == .unprocessableContent)
                let rejected = response.json["rejected"] as? [[String: Any]]
                #expect(rejected?.first?["reason"] as? String == "unknown_sensor")
            }
        }
        await fixture.close()
    }
}
