import Foundation
import Geo
import HTTPTypes
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Simulation
import Testing

/// Forecasts over HTTP on a simulated year of crime whose hotspots are known: the top cells sit on
/// them, every forecast carries its backtest (better than a random ranking), fairness audit and feedback
/// check, patrols are spread out, and bad input gets a problem naming the field.
@Suite struct ForecastRoutesTests {
    @Test func forecastsFindTheKnownHotspotsAndCarryTheirEvidence() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/forecasts", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .notFound, "no incidents yet")
                #expect((response.json["detail"] as? String)?.contains("no recorded incidents") == true)
            }
        }
        let count = try await DemoCrime.load(into: fixture.platform.forecasts, now: fixture.platform.clock.now(), seed: 5)
        #expect(count > 1_000)
        try await fixture.app.test(.router) { client in
            for method in ["kde", "etas"] {
                try await client.execute(uri: "/v1/forecasts?method=\(method)&coverage=5", method: .get, headers: fixture.headers(.analyst)) { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body).prefix(300))")
                    let properties = try #require(response.json["properties"] as? [String: Any])
                    let features = try #require(response.json["features"] as? [[String: Any]])
                    #expect(features.count == properties["flaggedCells"] as? Int)
                    #expect((properties["note"] as? String)?.contains("never persons") == true)
                    let rows = (properties["backtest"] as? [String: Any])?["rows"] as? [[String: Any]] ?? []
                    let atFive = try #require(rows.first { $0["coverage"] as? Double == 0.05 })
                    #expect((atFive["hitRate"] as? Double ?? 0) > 3 * (atFive["randomHitRate"] as? Double ?? 1), "\(method): \(atFive)")
                    #expect(((properties["fairness"] as? [String: Any])?["districts"] as? [Any])?.count == 4)
                    #expect(properties["feedback"] != nil)
                    // The most likely cell lies on one of the simulation's hotspots.
                    let top = try #require(features.first { ($0["properties"] as? [String: Any])?["rank"] as? Int == 1 })
                    let ring = ((top["geometry"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first ?? []
                    let centre = GeoPoint(latitude: ring.dropLast().map { $0[1] }.reduce(0, +) / 4, longitude: ring.dropLast().map { $0[0] }.reduce(0, +) / 4)
                    let nearest = CrimeHistory.monaco.hotspots.map { GreatCircle.distanceMetres(centre, $0.centre) }.min() ?? .infinity
                    #expect(nearest < 350, "\(method): the top cell is \(Int(nearest)) m from the nearest hotspot")
                }
            }
            try await client.execute(uri: "/v1/forecasts/patrols?units=3&method=kde&minSpacingMetres=400", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let stops = response.json["stops"] as? [[String: Any]] ?? []
                #expect(stops.count == 3)
                let points = stops.map { GeoPoint(latitude: $0["latitude"] as? Double ?? 0, longitude: $0["longitude"] as? Double ?? 0) }
                for (i, a) in points.enumerated() { for b in points[(i + 1)...] { #expect(GreatCircle.distanceMetres(a, b) >= 399) } }
            }
            try await client.execute(uri: "/v1/forecasts/backtest?methods=naive,kde&days=7&format=svg", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(String(buffer: response.body).contains("<svg"))
            }
            for (uri, field) in [("/v1/forecasts?method=crystal-ball", "method"), ("/v1/forecasts/backtest?methods=kde,tarot", "methods"),
                                 ("/v1/forecasts?cellMetres=5", "cellMetres")] {
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.analyst)) { response in
                    #expect(response.status == .unprocessableContent, "\(uri)")
                    #expect(response.json["field"] as? String == field, "\(String(buffer: response.body))")
                }
            }
            try await client.execute(uri: "/v1/forecasts", method: .get, headers: fixture.headers(.healthOfficer)) { #expect($0.status == .forbidden) }
        }
        await fixture.close()
    }

    @Test func aCSVExportImportsWithItsBadRowsCountedOrIsRefusedWhole() async throws {
        let fixture = try await ServerFixture()
        let good = (1...40).map { "HX\($0),2026-10-\(String(format: "%02d", $0 % 28 + 1))T1\($0 % 10):00:00Z,0XX BLOCK,THEFT,43.7\(39 + $0 % 5),7.42\($0 % 9)" }
        let policeInitiated = "HY1,2026-10-02T10:00:00Z,0XX BLOCK,NARCOTICS,43.74,7.42"
        let header = "Case Number,Date,Block,Primary Type,Latitude,Longitude"
        try await fixture.app.test(.router) { client in
            let csv = ([header] + good + [policeInitiated, "HZ9,not a date,0XX BLOCK,THEFT,43.74,7.42"]).joined(separator: "\n")
            try await client.execute(uri: "/v1/forecasts/incidents", method: .post, headers: fixture.headers(.analyst, json: false), body: buffer(csv)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                #expect(response.json["imported"] as? Int == 40)
                #expect(response.json["filtered"] as? Int == 1, "police-initiated types are left out by default")
                #expect(response.json["rejected"] as? Int == 1)
                #expect(((response.json["firstRejections"] as? [String])?.first ?? "").contains("line 43"))
            }
            let bad = ([header] + good.prefix(5) + (0..<5).map { "HB\($0),yesterday,X,THEFT,43.74,7.42" }).joined(separator: "\n")
            try await client.execute(uri: "/v1/forecasts/incidents", method: .post, headers: fixture.headers(.analyst, json: false), body: buffer(bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "body")
            }
            try await client.execute(uri: "/v1/forecasts/incidents", method: .post, headers: fixture.headers(.dispatcher, json: false), body: buffer(csv)) {
                #expect($0.status == .forbidden)
            }
        }
        #expect(try await fixture.platform.forecasts.incidents().count == 40, "the refused file added nothing")
        await fixture.close()
    }
}
