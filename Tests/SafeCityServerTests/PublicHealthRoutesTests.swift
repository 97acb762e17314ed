import Foundation
import Geo
import HTTPTypes
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

/// Syndromic surveillance over HTTP: the demo's simulated outbreak (known place and start) is found by
/// the live detector and the scan, shows on the signal board, and drafts a bilingual advisory that a
/// supervisor approves; bad input gets a problem naming the field.
@Suite struct PublicHealthRoutesTests {
    @Test func theSimulatedOutbreakIsFoundWhereAndWhenItBeganAndDraftsAnAdvisory() async throws {
        let fixture = try await ServerFixture()
        let all = try await DemoHealth.load(into: fixture.platform.health, now: fixture.platform.clock.now(), seed: 42)
        let signals = all.filter { $0.syndrome == DemoHealth.syndrome }
        #expect(all.filter { $0.syndrome == DemoHealth.quietSyndrome && $0.kind == "aberration" }.count <= 2,
                "the quiet syndrome has no outbreak: at most a false alarm or two among ten areas")
        let aberration = try #require(signals.first { $0.kind == "aberration" && $0.phase == "raised" })
        #expect(aberration.areaIDs == [DemoHealth.outbreakArea])
        #expect(aberration.method == "farrington-flexible")
        let cluster = try #require(signals.first { $0.kind == "cluster" })
        #expect(cluster.areaIDs.contains(DemoHealth.outbreakArea))
        #expect((cluster.pValue ?? 1) < 0.05)
        #expect(signals.filter { $0.kind == "aberration" }.count <= 2, "at most one false alarm among ten areas: \(signals.map(\.summary))")

        try await fixture.app.test(.router) { client in
            // The cluster starts within one week of the outbreak's first week.
            try await client.execute(uri: "/v1/health/clusters?syndrome=respiratory&seed=7", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .ok)
                let found = try #require(response.json["mostLikely"] as? [String: Any])
                #expect((found["areaIDs"] as? [String])?.contains(DemoHealth.outbreakArea) == true)
                #expect((found["pValue"] as? Double ?? 1) < 0.05)
                let weeks = try #require(response.json["toWeek"] as? String)
                let first = try #require(found["fromWeek"] as? String)
                let start = Self.weeksBetween(first, weeks)
                #expect((DemoHealth.outbreakWeeks - 2...DemoHealth.outbreakWeeks).contains(start + 1), "cluster from \(first) to \(weeks)")
            }
            try await client.execute(uri: "/v1/health/alarms?syndrome=respiratory", method: .get, headers: fixture.headers(.analyst)) { response in
                let rows = response.json["areas"] as? [[String: Any]] ?? []
                #expect(rows.count == 10)
                #expect(rows.first { $0["areaID"] as? String == DemoHealth.outbreakArea }?["alarm"] as? Bool == true)
            }
            try await client.execute(uri: "/v1/health/series?syndrome=respiratory&area=la-condamine&method=ears-c3", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .ok)
                #expect((response.json["weeks"] as? [Any])?.count == DemoHealth.weeks)
                #expect((response.json["judged"] as? [[String: Any]])?.last?["alarm"] as? Bool == true)
            }
            // Demand per area for the next weeks, and where its patients should go.
            _ = try await fixture.platform.dispatch.registerHospital(id: "chpg", name: "Centre Hospitalier Princesse Grace",
                                                                      location: GeoPoint(latitude: 43.7276, longitude: 7.4137), actor: "test")
            _ = try await fixture.platform.dispatch.updateHospital(id: "chpg", beds: ["emergency": 12], diversion: false, actor: "test")
            try await client.execute(uri: "/v1/health/resources?syndrome=respiratory&weeks=3", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body).prefix(300))")
                let demand = response.json["demand"] as? [[String: Any]] ?? []
                #expect(demand.count == 10)
                let weeks = demand.first?["weeks"] as? [[String: Any]] ?? []
                #expect(weeks.count == 3)
                #expect(weeks.allSatisfy { ($0["lower"] as? Double ?? -1) <= ($0["mean"] as? Double ?? 0) && ($0["mean"] as? Double ?? 0) <= ($0["upper"] as? Double ?? -1) })
                let destinations = response.json["destinations"] as? [[String: Any]] ?? []
                #expect(destinations.count == 10)
                #expect(destinations.allSatisfy { $0["hospitalID"] == nil || $0["hospitalID"] as? String == "chpg" })
                #expect(destinations.filter { $0["hospitalID"] as? String == "chpg" }.count >= 5, "a day's patients mostly fit in 12 beds")
                #expect((response.json["ambulancePostAreaIDs"] as? [String])?.count ?? 0 >= 1)
            }
            // The signal board carries the outbreak; the officer drafts the advisory, a supervisor approves it.
            var sequence = 0
            let head = try await fixture.platform.log.lastSequence()
            try await client.execute(uri: "/v1/signals?atLeast=\(head)", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                let entries = response.json["signals"] as? [[String: Any]] ?? []
                let outbreak = entries.first { $0["type"] as? String == "signal.outbreak" && ($0["subject"] as? String)?.contains(DemoHealth.outbreakArea) == true }
                sequence = outbreak?["sequence"] as? Int ?? 0
            }
            #expect(sequence > 0)
            try await client.execute(uri: "/v1/health/advisories", method: .post, headers: fixture.headers(.dispatcher), body: buffer(#"{"signal":\#(sequence)}"#)) {
                #expect($0.status == .forbidden)
            }
            var alertID = ""
            try await client.execute(uri: "/v1/health/advisories", method: .post, headers: fixture.headers(.healthOfficer), body: buffer(#"{"signal":\#(sequence)}"#)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                alertID = response.json["id"] as? String ?? ""
                let text = String(buffer: response.body)
                #expect(text.contains("La Condamine"))
                #expect(text.contains("es-US"))
            }
            try await client.execute(uri: "/v1/alerts/\(alertID)/approve", method: .post, headers: try await fixture.sessionHeaders(.admin)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/v1/health/advisories", method: .post, headers: fixture.headers(.healthOfficer), body: buffer(#"{"signal":1}"#)) {
                #expect($0.status == .notFound)
            }
        }
        await fixture.close()
    }

    @Test func theSyndromesWithCountsAreListedForThePicker() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/health/syndromes", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .ok)
                #expect((response.json["syndromes"] as? [Any])?.isEmpty == true)
            }
        }
        _ = try await DemoHealth.load(into: fixture.platform.health, now: fixture.platform.clock.now(), seed: 42)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/health/syndromes", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .ok)
                let rows = response.json["syndromes"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["syndrome"] as? String } == [DemoHealth.quietSyndrome, DemoHealth.syndrome], "sorted by name")
                for row in rows {
                    #expect(row["areas"] as? Int == 10)
                    #expect(row["firstWeek"] as? String != nil && row["lastWeek"] as? String != nil)
                }
                let respiratory = try #require(rows.last)
                // The outbreak in La Condamine: its alarm and the cluster are open.
                #expect((respiratory["openAlarms"] as? Int ?? 0) >= 1)
                #expect(respiratory["openCluster"] as? Bool == true)
                let first = try #require(respiratory["firstWeek"] as? String), last = try #require(respiratory["lastWeek"] as? String)
                #expect(Self.weeksBetween(first, last) == DemoHealth.weeks - 1)
            }
            try await client.execute(uri: "/v1/health/syndromes", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .forbidden)
            }
        }
        await fixture.close()
    }

    @Test func badCountsAndQueriesAreRefusedWithTheFieldAtFault() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/health/areas", method: .post, headers: fixture.headers(.healthOfficer),
                                     body: buffer(#"{"areas":[{"id":"north","name":"North","latitude":43.74,"longitude":7.42,"population":5000}]}"#)) {
                #expect($0.status == .created)
            }
            let cases: [(String, String)] = [
                (#"{"syndrome":"flu","counts":{"north":[{"week":"2026-11-24","count":3}]}}"#, "counts.north[0].week"),  // a Tuesday
                (#"{"syndrome":"flu","counts":{"north":[{"week":"2026-11-23","count":-1}]}}"#, "counts.north[0].count"),
                (#"{"syndrome":"flu","counts":{"south":[{"week":"2026-11-23","count":1}]}}"#, "counts.south"),
                (#"{"syndrome":"flu!","counts":{"north":[{"week":"2026-11-23","count":1}]}}"#, "syndrome"),
            ]
            for (body, field) in cases {
                try await client.execute(uri: "/v1/health/counts", method: .post, headers: fixture.headers(.healthOfficer), body: buffer(body)) { response in
                    #expect(response.status == .unprocessableContent, "\(body)")
                    #expect(response.json["field"] as? String == field, "\(String(buffer: response.body))")
                }
            }
            // Six weeks are too few for EARS C3: the message says how many it needs.
            let weeks = (0..<6).map { #"{"week":"\#(Self.monday(weeksAgo: 7 - $0))","count":\#($0 + 1)}"# }.joined(separator: ",")
            try await client.execute(uri: "/v1/health/counts", method: .post, headers: fixture.headers(.sensor),
                                     body: buffer(#"{"syndrome":"flu","counts":{"north":[\#(weeks)]}}"#)) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/health/series?syndrome=flu&area=north&method=ears-c3", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .unprocessableContent)
                #expect((response.json["detail"] as? String)?.contains("EARS C3 needs 11 weeks") == true, "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/v1/health/series?syndrome=flu&area=north&method=magic", method: .get, headers: fixture.headers(.healthOfficer)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "method")
            }
            try await client.execute(uri: "/v1/health/series?syndrome=flu&area=nowhere", method: .get, headers: fixture.headers(.healthOfficer)) {
                #expect($0.status == .notFound)
            }
            for (body, status, field) in [(#"{"minimumAQI": 151}"#, HTTPResponse.Status.notFound, "minimumAQI"), (#"{"minimumAQI": 20}"#, .unprocessableContent, "minimumAQI"),
                                          (#"{}"#, .badRequest, "signal"), (#"{"signal": 0}"#, .notFound, "signal")] {
                try await client.execute(uri: "/v1/health/advisories", method: .post, headers: fixture.headers(.healthOfficer), body: buffer(body)) { response in
                    #expect(response.status == status, "\(body): \(String(buffer: response.body))")
                    #expect(response.json["field"] as? String == field)
                }
            }
            try await client.execute(uri: "/v1/health/alarms?syndrome=flu", method: .get, headers: fixture.headers(.publicInformationOfficer)) {
                #expect($0.status == .forbidden)
            }
        }
        await fixture.close()
    }

    static func weeksBetween(_ a: String, _ b: String) -> Int {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return Int((f.date(from: b)!.timeIntervalSince(f.date(from: a)!) / (7 * 86_400)).rounded())
    }

    /// The Monday `weeksAgo` weeks before this week's.
    static func monday(weeksAgo: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: Date())
        let sinceMonday = (calendar.component(.weekday, from: today) + 5) % 7
        let date = calendar.date(byAdding: .day, value: -sinceMonday - 7 * weeksAgo, to: today)!
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.string(from: date)
    }
}
