import Foundation
import SafeCityTesting
import Testing

/// The committed Monaco extract, found from this file's path.
let monacoPBFPath = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/Simulation/Resources/monaco.osm.pbf").path

@Suite(.serialized, .timeLimit(.minutes(5))) struct RoutingCLITests {
    @Test func importOSMWritesAGraphThatRouteReads() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let output = dir.path("monaco.scrg")
        let imported = try await CLIRunner.run(["import-osm", monacoPBFPath, "--profile", "emergency", "--output", output])
        #expect(imported.status == 0, "\(imported.stderr)")
        for label in ["graph:", "nodes", "directed edges", "bbox:", "timings:", "read", "build", "wrote:"] {
            #expect(imported.stdout.contains(label), "\(label) in \(imported.stdout)")
        }
        #expect(imported.stdout.contains("profile:  emergency"))
        #expect((try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int ?? 0) > 100_000)

        let routed = try await CLIRunner.run(["route", "--from", "43.7384,7.4246", "--to", "43.7311,7.4197", "--roads", output, "--geojson"])
        #expect(routed.status == 0, "\(routed.stderr)")
        #expect(routed.stdout.contains("duration:") && routed.stdout.contains("distance:"))
        let feature = try #require(routed.stdout.split(separator: "\n").last { $0.hasPrefix("{") })
        let json = try JSONSerialization.jsonObject(with: Data(feature.utf8)) as? [String: Any]
        #expect(json?["type"] as? String == "Feature")
    }

    @Test func aTruncatedExtractFailsWithOneLineAndWritesNothing() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: monacoPBFPath))
        let truncated = dir.path("cut.osm.pbf")
        try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: truncated))
        let output = dir.path("cut.scrg")
        let result = try await CLIRunner.run(["import-osm", truncated, "--output", output])
        #expect(result.status != 0)
        #expect(result.stderr.contains("truncated"), "\(result.stderr)")
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))

        let missing = try await CLIRunner.run(["import-osm", dir.path("nothing.osm.pbf")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("cannot read"))
    }

    @Test func routeDrawsAnSVGAndRefusesBadCoordinates() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let svg = dir.path("route.svg")
        let result = try await CLIRunner.run(["route", "--from", "43.7384,7.4246", "--to", "43.7311,7.4197", "--profile", "emergency", "--svg", svg])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("profile:  emergency"))
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg") && picture.contains("polyline"))

        for (arguments, message) in [(["--from", "95,7.42", "--to", "43.7311,7.4197"], "latitude"),
                                     (["--from", "43.7384,7.4246", "--to", "43.60,7.50"], "from any road"),
                                     (["--from", "43.7384,7.4246", "--to", "43.7311,7.4197", "--profile", "bicycle"], "profile")] {
            let bad = try await CLIRunner.run(["route"] + arguments)
            #expect(bad.status != 0)
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
    }

    @Test func benchRoutingPrintsJSONLinesWithNoMismatches() async throws {
        let result = try await CLIRunner.run(["bench", "routing", monacoPBFPath, "--queries", "50", "--units", "20",
                                        "--exactness-pairs", "100", "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let figures = try lines.map { line in try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) }
        #expect(Set(figures.compactMap { $0["figure"] as? String })
            == ["import", "ch-build", "query", "route-with-snapping", "one-to-many", "exactness", "traffic-customization"])
        #expect(figures.allSatisfy { $0["bench"] as? String == "routing" && $0["city"] as? String == "monaco" })
        let query = try #require(figures.first { $0["figure"] as? String == "query" })
        #expect(query["mismatches"] as? Int == 0)
        #expect(query["ratio"] is Double && query["p50Microseconds"] is Double && query["p99Microseconds"] is Double)
        let checks = figures.filter { $0["figure"] as? String == "exactness" }
        #expect(Set(checks.compactMap { $0["metric"] as? String }) == ["duration", "distance"])
        #expect(checks.allSatisfy { $0["mismatches"] as? Int == 0 && $0["pairs"] as? Int == 100 })
        #expect(figures.filter { $0["figure"] as? String == "one-to-many" }.allSatisfy { $0["mismatches"] as? Int == 0 })
    }

    @Test func benchRouteIsAnAliasThatTakesPairsFromAFile() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let pairs = dir.path("pairs.csv")
        try "43.7384,7.4246,43.7311,7.4197\n43.7310,7.4200,43.7394,7.4280\n".write(toFile: pairs, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["bench", "route", "--roads", monacoPBFPath, "--queries", "10", "--units", "5",
                                        "--exactness-pairs", "0", "--pairs", pairs, "--metric", "distance"])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try result.stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let snapping = try #require(figures.first { $0["figure"] as? String == "route-with-snapping" })
        #expect(snapping["pairs"] as? Int == 2 && snapping["routed"] as? Int == 2 && snapping["metric"] as? String == "distance")
        #expect(!figures.contains { $0["figure"] as? String == "exactness" })
    }
}
