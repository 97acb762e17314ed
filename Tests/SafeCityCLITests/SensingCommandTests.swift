import Foundation
import SafeCityTesting
import Testing

@Suite struct SensingCommandTests {
    @Test func aqiCasesPrintsEPAFiguresAndNamesABadLine() async throws {
        let directory = TemporaryDirectory("safecity-aqi-cli")
        defer { directory.remove() }
        let good = directory.path("cases.csv"), bad = directory.path("bad.csv")
        try "pollutant,concentration\npm25,9.1\npm25,35.5\no3_8h,0.071\nno2_1h,100\n".write(toFile: good, atomically: true, encoding: .utf8)
        try "pollutant,concentration\npm25,12\nradon,3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["aqi", good])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        // EPA 2024 breakpoints: 9.1 → 51, 35.5 → 101, 8-h ozone 0.071 → 101, NO2 100 ppb → 100.
        #expect(rows.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[3] } == ["51", "101", "101", "100"], "\(rows)")
        let failure = try await CLIRunner.run(["aqi", bad])
        #expect(failure.status != 0)
        #expect(failure.stderr.contains("line 3"), "\(failure.stderr)")
        #expect(failure.stderr.split(separator: "\n").count == 1, "one line: \(failure.stderr)")
    }

    @Test func nowcastRowsFollowEPAsWorkedExample() async throws {
        let directory = TemporaryDirectory("safecity-nowcast-cli")
        defer { directory.remove() }
        let file = directory.path("hours.csv")
        // EPA/AirNow's worked example, most recent hour first: NowCast 17.4 µg/m³, AQI 66 with the 2024 breakpoints.
        try "13,16,10,21,74,64,53,82,90,75,80,50\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try await CLIRunner.run(["aqi", "nowcast", file])
        #expect(result.status == 0, "\(result.stderr)")
        let fields = result.stdout.split(separator: "\n").last.map { $0.split(separator: ",").map(String.init) } ?? []
        #expect(fields.count == 3 && fields[0].hasPrefix("17.41") && fields[1] == "17.4" && fields[2] == "66", "\(result.stdout)")
    }

    @Test func theShippedRuleFilesLoad() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for file in ["Sources/Simulation/Resources/city-rules.json", "Examples/rules/city-rules.json"] {
            let result = try await CLIRunner.run(["rules", "check", root.appendingPathComponent(file).path])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            #expect(result.stdout.contains(" rules, "), "\(result.stdout)")
        }
    }

    @Test func rulesCheckListsRulesOrNamesTheFault() async throws {
        let directory = TemporaryDirectory("safecity-rules-cli")
        defer { directory.remove() }
        let good = directory.path("rules.yaml"), bad = directory.path("bad.json")
        try """
            rules:
              - id: pm25-high
                kind: threshold
                quantity: pm25
                above: 35.5
                clearAt: 30
            """.write(toFile: good, atomically: true, encoding: .utf8)
        try #"{"rules":[{"id":"x","kind":"threshold","quantity":"pm25","above":10,"clearAt":20}]}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        let listed = try await CLIRunner.run(["rules", "check", good])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("pm25-high: pm25 above 35.5 µg/m³, clears at 30 µg/m³"), "\(listed.stdout)")
        let refused = try await CLIRunner.run(["rules", "check", bad])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(#""x""#) && refused.stderr.contains("clearAt"), "\(refused.stderr)")
    }
}
