import Foundation
import Geo
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SafeCityCore
import SafeCityServer
import Testing

/// Monaco's roads, built once for the read-only tests (traffic tests build their own).
let sharedMonaco: CityRoads = {
    do { return try CityRoads.monaco() } catch { fatalError("cannot load Monaco: \(error)") }
}()

/// Two points in Monaco a couple of kilometres apart by road.
let casino = "43.7384,7.4246", palace = "43.7311,7.4197"

@Suite(.timeLimit(.minutes(2))) struct RoutingRoutesTests {
    @Test func mapRoadsIsACompactDrawingWithAStableShape() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/map/roads", method: .get, headers: fixture.headers(.analyst)) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes < 1_500_000)
                let bbox = try #require(response.json["bbox"] as? [Double])
                #expect(bbox.count == 4 && bbox[0] < bbox[2] && bbox[1] < bbox[3])
                let roads = try #require(response.json["roads"] as? [[String: Any]])
                #expect(roads.count > 500)
                for road in roads {
                    #expect((road["highway"] as? String)?.isEmpty == false)
                    let line = try #require(road["coordinates"] as? [[Double]])
                    #expect(line.count >= 2)
                    for point in line {
                        #expect(point.count == 2)
                        #expect(point[0] >= bbox[0] && point[0] <= bbox[2] && point[1] >= bbox[1] && point[1] <= bbox[3])
                        #expect(point.allSatisfy { ($0 * 1e6).rounded() / 1e6 == $0 }, "6 decimals")
                    }
                }
                #expect(roads.contains { $0["highway"] as? String == "primary" })
            }
        }
        await fixture.close()
    }

    @Test func routeIsAGeoJSONLineStringAndEmergencyIsNoSlower() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        try await fixture.app.test(.router) { client in
            var durations: [String: Double] = [:]
            for profile in ["car", "emergency"] {
                let uri = "/v1/route?from=\(casino)&to=\(palace)&profile=\(profile)"
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.fieldUnit)) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["type"] as? String == "Feature")
                    let geometry = try #require(response.json["geometry"] as? [String: Any])
                    #expect(geometry["type"] as? String == "LineString")
                    let line = try #require(geometry["coordinates"] as? [[Double]])
                    #expect(line.count > 10)
                    #expect(abs(line[0][1] - 43.7384) < 0.002 && abs(line[0][0] - 7.4246) < 0.002, "[lon, lat], starts near the casino")
                    let properties = try #require(response.json["properties"] as? [String: Any])
                    #expect(properties["profile"] as? String == profile)
                    #expect((properties["distanceMetres"] as? Double ?? 0) > 500)
                    #expect(properties["startSnapMetres"] is Double && properties["endSnapMetres"] is Double)
                    durations[profile] = properties["durationSeconds"] as? Double
                }
            }
            let car = try #require(durations["car"]), emergency = try #require(durations["emergency"])
            #expect(car > 0 && emergency <= car)
        }
        await fixture.close()
    }

    @Test func distanceMetricGivesTheShortestRoute() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        try await fixture.app.test(.router) { client in
            var properties: [String: [String: Any]] = [:]
            for metric in ["duration", "distance"] {
                let uri = "/v1/route?from=\(casino)&to=\(palace)&metric=\(metric)"
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.dispatcher)) { response in
                    #expect(response.status == .ok)
                    properties[metric] = response.json["properties"] as? [String: Any]
                }
            }
            let fastest = try #require(properties["duration"]), shortest = try #require(properties["distance"])
            #expect(fastest["metric"] as? String == "duration" && shortest["metric"] as? String == "distance")
            let fastMetres = try #require(fastest["distanceMetres"] as? Double)
            let shortMetres = try #require(shortest["distanceMetres"] as? Double)
            #expect(shortMetres <= fastMetres + 0.2)
            #expect((shortest["durationSeconds"] as? Double ?? 0) >= (fastest["durationSeconds"] as? Double ?? .infinity) - 0.2)
        }
        await fixture.close()
    }

    @Test func badRouteInputIsAProblemNamingTheField() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        let cases: [(query: String, status: HTTPResponse.Status, field: String)] = [
            ("to=\(palace)", .unprocessableContent, "from"),
            ("from=abc&to=\(palace)", .unprocessableContent, "from"),
            ("from=95,7.42&to=\(palace)", .unprocessableContent, "from"),
            ("from=\(casino)&to=43.73,200", .unprocessableContent, "to"),
            ("from=\(casino)&to=43.60,7.50", .unprocessableContent, "to"),
            ("from=\(casino)&to=\(palace)&profile=bicycle", .unprocessableContent, "profile"),
            ("from=\(casino)&to=\(palace)&metric=fuel", .unprocessableContent, "metric"),
        ]
        try await fixture.app.test(.router) { client in
            for item in cases {
                try await client.execute(uri: "/v1/route?\(item.query)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                    #expect(response.status == item.status, "\(item.query)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(response.json["field"] as? String == item.field, "\(item.query)")
                }
            }
        }
        await fixture.close()
    }

    @Test func withoutRoadsTheRoutingRoutesAnswer503() async throws {
        let fixture = try await ServerFixture()
        try await fixture.app.test(.router) { client in
            for uri in ["/v1/route?from=\(casino)&to=\(palace)", "/v1/map/roads", "/v1/isochrone?from=\(casino)"] {
                try await client.execute(uri: uri, method: .get, headers: fixture.headers(.admin)) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
        }
        await fixture.close()
    }

    @Test func etasComeSortedWithOffRoadSourcesLast() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        let body = """
            {"to":{"latitude":43.7311,"longitude":7.4197},"profile":"emergency","from":[
              {"id":"far","latitude":43.7480,"longitude":7.4370},
              {"id":"boat","latitude":43.60,"longitude":7.50},
              {"id":"near","latitude":43.7320,"longitude":7.4200},
              {"id":"mid","latitude":43.7384,"longitude":7.4246}]}
            """
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/v1/eta", method: .post, headers: fixture.headers(.dispatcher), body: buffer(body)) { response in
                #expect(response.status == .ok)
                #expect(response.json["profile"] as? String == "emergency")
                let etas = try #require(response.json["etas"] as? [[String: Any]])
                #expect(etas.map { $0["id"] as? String } == ["near", "mid", "far", "boat"])
                let seconds = etas.prefix(3).compactMap { $0["durationSeconds"] as? Double }
                #expect(seconds.count == 3 && seconds == seconds.sorted())
                #expect(etas[3]["durationSeconds"] is NSNull)
            }
            let bad = #"{"to":{"latitude":43.7311,"longitude":7.4197},"from":[{"id":"a","latitude":43.73,"longitude":7.42},{"id":"b","latitude":-91,"longitude":7.42}]}"#
            try await client.execute(uri: "/v1/eta", method: .post, headers: fixture.headers(.dispatcher), body: buffer(bad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "from[1]")
            }
            let offRoad = #"{"to":{"latitude":43.60,"longitude":7.50},"from":[{"id":"a","latitude":43.73,"longitude":7.42}]}"#
            try await client.execute(uri: "/v1/eta", method: .post, headers: fixture.headers(.dispatcher), body: buffer(offRoad)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["field"] as? String == "to")
            }
            try await client.execute(uri: "/v1/eta", method: .post, headers: fixture.headers(.dispatcher), body: buffer(#"{"to":{}}"#)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
        await fixture.close()
    }

    @Test func isochroneIsAPolygonThatGrowsWithTime() async throws {
        let fixture = try await ServerFixture(roads: sharedMonaco)
        try await fixture.app.test(.router) { client in
            var reachable: [Int] = []
            for minutes in [1, 4] {
                try await client.execute(uri: "/v1/isochrone?from=\(casino)&minutes=\(minutes)&profile=emergency", method: .get,
                                         headers: fixture.headers(.analyst)) { response in
                    #expect(response.status == .ok)
                    let geometry = try #require(response.json["geometry"] as? [String: Any])
                    #expect(geometry["type"] as? String == "Polygon")
                    let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
                    #expect(ring.count >= 4 && ring.first == ring.last)
                    let properties = try #require(response.json["properties"] as? [String: Any])
                    reachable.append(properties["reachableNodes"] as? Int ?? 0)
                }
            }
            #expect(reachable[0] > 0 && reachable[1] > reachable[0])
            for query in ["from=\(casino)&minutes=0", "from=\(casino)&minutes=many", "minutes=3"] {
                try await client.execute(uri: "/v1/isochrone?\(query)", method: .get, headers: fixture.headers(.analyst)) { response in
                    #expect(response.status == .unprocessableContent, "\(query)")
                    #expect(response.json["field"] as? String == (query.hasPrefix("minutes") ? "from" : "minutes"))
                }
            }
        }
        await fixture.close()
    }

    @Test func trafficSlowsALaterRouteClosesItAndIsRecorded() async throws {
        let fixture = try await ServerFixture(roads: try CityRoads.monaco())
        try await fixture.app.test(.router) { client in
            // A primary road from the map; the route starts in the middle of its first segment.
            var way = 0, start = ""
            try await client.execute(uri: "/v1/map/roads", method: .get, headers: fixture.headers(.dispatcher)) { response in
                let roads = try #require(response.json["roads"] as? [[String: Any]])
                let road = try #require(roads.first { $0["highway"] as? String == "primary" && ($0["coordinates"] as? [[Double]])?.count ?? 0 >= 3 })
                way = try #require(road["way"] as? Int)
                let line = try #require(road["coordinates"] as? [[Double]])
                start = "\((line[1][1] + line[2][1]) / 2),\((line[1][0] + line[2][0]) / 2)"
            }
            func duration() async throws -> Double? {
                try await client.execute(uri: "/v1/route?from=\(start)&to=\(palace)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                    (response.json["properties"] as? [String: Any])?["durationSeconds"] as? Double
                }
            }
            let before = try #require(try await duration())
            let logBefore = try await fixture.platform.log.lastSequence()

            for bad in [#"{"way":\#(way),"speedFactor":1.5}"#, #"{"way":1,"speedFactor":0.5}"#, #"{"speedFactor":0.5}"#,
                        #"{"edge":99999999,"speedFactor":0.5,"profile":"car"}"#, #"{"edge":3,"speedFactor":0.5}"#] {
                try await client.execute(uri: "/v1/traffic", method: .post, headers: fixture.headers(.dispatcher), body: buffer(bad)) { response in
                    #expect(response.status == .unprocessableContent, "\(bad)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            #expect(try await fixture.platform.log.lastSequence() == logBefore, "refused updates wrote nothing")

            try await client.execute(uri: "/v1/traffic", method: .post, headers: fixture.headers(.dispatcher),
                                     body: buffer(#"{"way":\#(way),"speedFactor":0.1}"#)) { response in
                #expect(response.status == .ok)
                #expect((response.json["edgesChanged"] as? Int ?? 0) > 0)
                #expect(response.json["profiles"] as? [String] == ["car", "emergency"])
            }
            let slowed = try #require(try await duration())
            #expect(slowed > before)
            // A restarted server reads the update back from the log and routes on it.
            let restarted = try CityRoads.monaco()
            let replay = try await restarted.replayTraffic(from: fixture.platform.log)
            #expect(replay.applied == 1 && replay.skipped == 0)
            let parts = start.split(separator: ","), target = palace.split(separator: ",")
            let again = try restarted.car.route(from: GeoPoint(latitude: Double(parts[0])!, longitude: Double(parts[1])!),
                                                to: GeoPoint(latitude: Double(target[0])!, longitude: Double(target[1])!))
            #expect(abs(again.durationSeconds - slowed) < 0.01)

            let records = try await fixture.platform.log.read(after: logBefore, limit: 10)
            #expect(records.count == 1)
            #expect(records.first?.event.type == RoadEvents.trafficUpdated)
            #expect(records.first?.event.actor.hasPrefix("key:") == true)
            let payload = try #require(try records.first?.event.payload.decode(RoadEvents.TrafficUpdated.self))
            #expect(payload.way == Int64(way) && payload.speedFactor == 0.1)

            try await client.execute(uri: "/v1/traffic", method: .post, headers: fixture.headers(.admin),
                                     body: buffer(#"{"way":\#(way),"speedFactor":0}"#)) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/v1/route?from=\(start)&to=\(palace)", method: .get, headers: fixture.headers(.dispatcher)) { response in
                #expect(response.status == .notFound, "the start lies on a closed road")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/v1/traffic", method: .post, headers: fixture.headers(.analyst),
                                     body: buffer(#"{"way":\#(way),"speedFactor":1}"#)) { response in
                #expect(response.status == .forbidden)
            }
        }
        await fixture.close()
    }
}
