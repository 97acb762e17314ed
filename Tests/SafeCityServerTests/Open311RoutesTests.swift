import Community
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

private func form(_ fields: [(String, String)]) -> String {
    fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
}

private let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

@Suite struct Open311RoutesTests {
    private func post(_ client: some TestClientProtocol, _ fields: [(String, String)], format: String = "json",
                      _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await client.execute(uri: "/open311/v2/requests.\(format)", method: .post, headers: formHeaders, body: buffer(form(fields))) { try check($0) }
    }

    @Test func servicesAndDefinitionsInJSONAndXML() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/open311/v2/services.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(list?.contains { $0["service_code"] as? String == "suspicious-activity" } == true)
                #expect(list?.first?.keys.contains("metadata") == true)
            }
            try await client.execute(uri: "/open311/v2/services.xml", method: .get) { response in
                #expect(response.headers[.contentType]?.contains("xml") == true)
                #expect(String(buffer: response.body).contains("<services>"))
            }
            try await client.execute(uri: "/open311/v2/services/road-hazard.json", method: .get) { response in
                #expect(response.status == .ok)
                let definition = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                #expect(definition?["service_code"] as? String == "road-hazard")
                #expect((definition?["attributes"] as? [[String: Any]])?.isEmpty == false)
            }
            try await client.execute(uri: "/open311/v2/services/nothing.json", method: .get) { response in
                #expect(response.status == .notFound)
                let errors = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(errors?.first?["code"] as? Int == 404)
            }
        }
        await fixture.close()
    }

    @Test func postingNeedsAKeyAndValidFieldsAndAnswersInTheSpecsErrorFormat() async throws {
        let fixture = try await ServerFixture()
        let key = fixture.keys[.public]!
        try await fixture.app.test(.router) { client in
            try await post(client, [("service_code", "street-light"), ("lat", "43.7396"), ("long", "7.4276")]) { response in
                #expect(response.status == .forbidden)
                let errors = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(errors?.first?["code"] as? Int == 403)
            }
            try await post(client, [("api_key", "not-a-key"), ("service_code", "street-light"), ("lat", "43.7396"), ("long", "7.4276")]) { response in
                #expect(response.status == .forbidden)
            }
            // A sensor's key may not file reports.
            try await post(client, [("api_key", fixture.keys[.sensor]!), ("service_code", "street-light"), ("lat", "43.7396"), ("long", "7.4276")]) { response in
                #expect(response.status == .forbidden)
            }
            try await post(client, [("api_key", key), ("lat", "43.7396"), ("long", "7.4276")]) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("service_code"))
            }
            try await post(client, [("api_key", key), ("service_code", "unicorns"), ("lat", "43.7396"), ("long", "7.4276")]) { response in
                #expect(response.status == .notFound)
            }
            try await post(client, [("api_key", key), ("service_code", "street-light")], format: "xml") { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("<errors>"))
            }
            try await post(client, [("api_key", key), ("service_code", "street-light"), ("lat", "43.7396"), ("long", "7.4276"),
                                    ("description", "Lamp out at the corner"), ("email", "resident@example.org")]) { response in
                #expect(response.status == .ok)
                let receipts = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(receipts?.first?["service_request_id"] as? String == "000001")
            }
            try await client.execute(uri: "/open311/v2/requests/000001.json", method: .get) { response in
                let list = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(list?.count == 1)
                #expect(list?.first?["status"] as? String == "open")
                #expect(!String(buffer: response.body).contains("resident@example.org"))
            }
            try await client.execute(uri: "/open311/v2/requests.json?status=closed", method: .get) { response in
                #expect(String(buffer: response.body) == "[]")
            }
            try await client.execute(uri: "/open311/v2/requests.json?start_date=yesterday", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/open311/v2/tokens/000001.json", method: .get) { response in
                #expect(String(buffer: response.body).contains("000001"))
            }
        }
        // The reporter's e-mail is sealed in the log, never in clear.
        let records = try await fixture.platform.log.read(after: 0, limit: 1_000)
        let clear = records.filter { (record: EventRecord) in String(decoding: record.event.payload.bytes, as: UTF8.self).contains("resident@example.org") }
        #expect(clear.isEmpty)
        await fixture.close()
    }

    @Test func duplicatesJoinTheOpenRequestAndEveryReporterHearsOfEachStep() async throws {
        let fixture = try await ServerFixture()
        let key = fixture.keys[.public]!
        try await fixture.app.test(.router) { client in
            try await post(client, [("api_key", key), ("service_code", "fallen-tree"), ("lat", "43.73960"), ("long", "7.42760"), ("email", "a@example.org")]) { _ in }
            // 11 m away, minutes later: the same tree.
            try await post(client, [("api_key", key), ("service_code", "fallen-tree"), ("lat", "43.73970"), ("long", "7.42760"), ("phone", "+37793000000")]) { response in
                let receipts = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]]
                #expect(receipts?.first?["service_request_id"] as? String == "000001")
            }
            var headers = fixture.headers(.dispatcher)
            headers[.contentType] = "application/json"
            try await client.execute(uri: "/v1/reports/000001/status", method: .post, headers: headers, body: buffer(#"{"status":"assigned","agencyID":"public-works"}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/reports/000001/status", method: .post, headers: headers, body: buffer(#"{"status":"acknowledged"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "status")
            }
            try await client.execute(uri: "/v1/reports/000001/status", method: .post, headers: headers, body: buffer(#"{"status":"closed"}"#)) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/v1/reports/000001/status", method: .post, headers: headers,
                                     body: buffer(#"{"status":"closed","publicNote":"Tree removed, road open."}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/reports/000001/status", method: .post, headers: fixture.headers(.analyst), body: buffer(#"{"status":"closed"}"#)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/open311/v2/requests/000001.json", method: .get) { response in
                let request = (try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])?.first
                #expect(request?["status"] as? String == "closed")
                #expect(request?["status_notes"] as? String == "Tree removed, road open.")
            }
        }
        // Both reporters are told of the merge's later steps: e-mail for one, SMS for the other.
        let notes = try await fixture.platform.log.read(after: 0, limit: 1_000, types: [ReportEvents.notification]).records
            .map { try $0.event.payload.decode(ReportEvents.Notification.self) }
        let closing = notes.filter { $0.status == "closed" }
        #expect(Set(closing.flatMap(\.channels)) == ["email", "sms"])
        await fixture.close()

    }

    @Test func suspiciousActivityReachesTheDeskAndSurvivesARestart() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await post(client, [("api_key", fixture.keys[.public]!), ("service_code", "suspicious-activity"), ("lat", "43.7380"), ("long", "7.4240"),
                                    ("attribute[ONGOING]", "yes"), ("description", "Someone trying car doors"), ("email", "w@example.org")]) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            // The signal board is a projection: it catches up with the log a moment after the report.
            var sequence = 0
            var summary: String?
            for _ in 0..<100 where sequence == 0 {
                try await client.execute(uri: "/v1/signals", method: .get, headers: fixture.headers(.dispatcher)) { response in
                    let signal = (response.json["signals"] as? [[String: Any]])?.first { $0["type"] as? String == "signal.report" }
                    summary = signal?["summary"] as? String
                    sequence = signal?["sequence"] as? Int ?? 0
                }
                if sequence == 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(summary?.contains("Someone trying car doors") == true)
            try await client.execute(uri: "/v1/signals/\(sequence)/incident", method: .post, headers: fixture.headers(.dispatcher), body: buffer("{}")) { response in
                #expect(response.status == .created)
                #expect(response.json["typeCode"] as? String == "LAW-DISTURBANCE")
            }
        }
        await fixture.platform.shutdown()
        let reopened = try await Platform(databasePath: fixture.directory.path("server.sqlite"))
        let request = try #require(await reopened.reports.request("000001"))
        #expect(request.serviceCode == "suspicious-activity")
        // The sealed contact opened again with the field key, so the reporter can still be told.
        #expect(request.reporters.first?.contact.email == "w@example.org")
        await reopened.shutdown()
        fixture.directory.remove()
    }
}
