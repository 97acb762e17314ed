import Foundation
import SafeCityTesting
import Testing

@Suite(.serialized, .timeLimit(.minutes(5))) struct RouteBatchCLITests {
    @Test func batchPrintsOneRowPerPairWithEmptyCellsWhenThereIsNoRoute() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let pairs = dir.path("pairs.csv")
        try """
            src_lat,src_lon,dst_lat,dst_lon\r
            43.7384,7.4246,43.7311,7.4197\r
            43.7384,7.4246,43.60,7.50\r

            43.7310,7.4200,43.7394,7.4280

            """.write(toFile: pairs, atomically: true, encoding: .utf8)
        var rows: [String: [[String]]] = [:]
        for metric in ["duration", "distance"] {
            let result = try await CLIRunner.run(["route", "--map", monacoPBFPath, "--pairs", pairs, "--metric", metric])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "src_lat,src_lon,dst_lat,dst_lon,duration_s,distance_m")
            rows[metric] = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let table = try #require(rows[metric])
            #expect(table.count == 3)
            #expect(table.allSatisfy { $0.count == 6 })
            #expect(table[0][0...3] == ["43.7384", "7.4246", "43.7311", "7.4197"])
            #expect(Double(table[0][4]) ?? 0 > 0 && Double(table[0][5]) ?? 0 > 0)
            #expect(table[1][4] == "" && table[1][5] == "", "off-road destination: \(table[1])")
            #expect(Double(table[2][5]) ?? 0 > 0)
        }
        let fastest = try #require(rows["duration"]), shortest = try #require(rows["distance"])
        for (fast, short) in zip(fastest, shortest) where !fast[5].isEmpty {
            #expect((Double(short[5]) ?? .infinity) <= (Double(fast[5]) ?? 0) + 0.2)
            #expect((Double(short[4]) ?? 0) >= (Double(fast[4]) ?? .infinity) - 0.2)
        }
    }

    @Test func aMalformedRowFailsWithItsLineNumberAndPrintsNothing() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        for (content, message) in [("43.7384,7.4246,43.7311,7.4197\n43.73,7.42,oops,7.41\n", "pairs.csv line 2"),
                                   ("src_lat,src_lon,dst_lat,dst_lon\n43.7384,7.4246,43.7311\n", "pairs.csv line 2"),
                                   ("43.7384,7.4246,43.7311,7.4197\n\n95,7.42,43.73,7.41\n", "pairs.csv line 3: src latitude")] {
            let pairs = dir.path("pairs.csv")
            try content.write(toFile: pairs, atomically: true, encoding: .utf8)
            let result = try await CLIRunner.run(["route", "--map", monacoPBFPath, "--pairs", pairs])
            #expect(result.status != 0)
            #expect(result.stdout.isEmpty, "nothing partial: \(result.stdout)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").count == 1)
        }
        let missing = try await CLIRunner.run(["route", "--pairs", dir.path("none.csv")])
        #expect(missing.status != 0 && missing.stderr.contains("cannot read pairs file"))
    }
}
