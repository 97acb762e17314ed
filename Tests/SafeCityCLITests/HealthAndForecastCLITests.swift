import Foundation
import SafeCityTesting
import Testing

/// `safecity health …`, `safecity backtest` and their benches, as a user runs them: R's golden outputs
/// reproduced through the command line, the Chicago sample backtested, and bad input refused in one line.
@Suite(.serialized, .timeLimit(.minutes(5))) struct HealthAndForecastCLITests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static func health(_ name: String) -> String { tests.appendingPathComponent("PublicHealthTests/Fixtures/health/\(name)").path }
    static let chicago = tests.appendingPathComponent("ForecastingTests/Fixtures/chicago_sample.csv").path

    /// Rows of `t,observed,upperbound,alarm`, with NA as nil.
    static func rows(_ text: String) -> [(t: Int, observed: Int, bound: Double?, alarm: Int?)] {
        text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (Int(f[0])!, Int(f[1])!, Double(f[2]), Int(f[3]))
        }
    }

    @Test(arguments: [
        (["--method", "ears-c1"], "salmonella.agona.csv", "salmonella.agona_earsC1.csv"),
        (["--method", "ears-c3"], "campyDE.csv", "campyDE_earsC3_default.csv"),
        (["--method", "farrington-flexible", "--b", "3", "--w", "3", "--range", "209:312"], "salmonella.agona.csv", "salmonella.agona_farringtonFlexible.csv"),
        (["--method", "farrington", "--b", "3", "--w", "3", "--range", "419:522"], "campyDE.csv", "campyDE_farrington1996.csv"),
    ])
    func detectReproducesRsOutputs(arguments: [String], series: String, golden: String) async throws {
        let result = try await CLIRunner.run(["health", "detect"] + arguments + [Self.health(series)])
        #expect(result.status == 0, "\(result.stderr)")
        let ours = Self.rows(result.stdout), theirs = Self.rows(try String(contentsOfFile: Self.health(golden), encoding: .utf8))
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) {
            #expect(a.t == b.t && a.observed == b.observed && a.alarm == b.alarm, "t \(a.t)")
            switch (a.bound, b.bound) {
            case let (x?, y?): #expect(abs(x - y) <= 1e-6 * max(abs(y), 1e-12), "t \(a.t): \(x) vs R \(y)")
            case (nil, nil): break
            default: Issue.record("t \(a.t): threshold \(String(describing: a.bound)) where R has \(String(describing: b.bound))")
            }
        }
        let goldenHeader = try String(contentsOfFile: Self.health(golden), encoding: .utf8).split(separator: "\n").first
        #expect(result.stdout.split(separator: "\n").first == goldenHeader, "the header is R's write.csv one")
    }

    @Test func detectAndScanRefuseBadInputInOneLine() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let negative = dir.path("negative.csv")
        try Data("t,observed,year,week\n1,3,2020,1\n2,-1,2020,2\n".utf8).write(to: URL(fileURLWithPath: negative))
        let short = dir.path("short.csv")
        try Data(("t,observed,year,week\n" + (1...6).map { "\($0),\($0),2020,\($0)" }.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: short))
        for (arguments, message) in [
            (["health", "detect", "--method", "ears-c9", short], "--method must be one of"),
            (["health", "detect", "--method", "ears-c1", negative], "line 3: observed count -1 is negative"),
            (["health", "detect", "--method", "ears-c3", short], "EARS C3 needs 11 weeks"),
            (["health", "detect", "--method", "ears-c1", "--range", "9:3", short], "--range must be FROM:TO"),
            (["health", "scan", short], "the header must be area,latitude,longitude,period,count"),
        ] {
            let result = try await CLIRunner.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test func scanFindsAnOutbreakInTheRightAreaAndWeeks() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        var lines = ["area,latitude,longitude,period,count"]
        // A 5×5 square of areas; a steady 5 a week everywhere, and 15 in area a12 in the last two of 12 weeks.
        for i in 0..<25 {
            for week in 0..<12 {
                let count = i == 12 && week >= 10 ? 15 : 5
                lines.append("a\(i),\(43.70 + Double(i / 5) * 0.01),\(7.40 + Double(i % 5) * 0.01),\(week),\(count)")
            }
        }
        let file = dir.path("counts.csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
        let result = try await CLIRunner.run(["health", "scan", "--replications", "199", "--seed", "3", file])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let found = json?["mostLikely"] as? [String: Any]
        #expect((found?["areas"] as? [String])?.contains("a12") == true)
        #expect(found?["startPeriod"] as? Int == 10)
        #expect((found?["pValue"] as? Double ?? 1) < 0.05)
    }

    @Test func backtestTheChicagoSampleWritesATableJSONAndAnSVG() async throws {
        let dir = TemporaryDirectory(); defer { dir.remove() }
        let result = try await CLIRunner.run([
            "backtest", "--data", Self.chicago, "--time-col", "Date", "--lat-col", "Latitude", "--lon-col", "Longitude", "--type-col", "Primary Type",
            "--date-format", "MM/dd/yyyy hh:mm:ss a", "--time-zone", "America/Chicago", "--test-from", "2016-12-01", "--test-to", "2017-01-01",
            "--step-hours", "168", "--json", dir.path("bt.json"), "--svg", dir.path("bt.svg"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for method in ["naive", "kde", "prospective", "etas"] { #expect(result.stdout.contains(method)) }
        #expect(result.stderr.contains("786 incidents read, 214 of other types left out, 0 rows rejected"), "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("bt.json")))) as? [String: Any]
        #expect((json?["rows"] as? [Any])?.count == 12)
        let svg = try String(contentsOfFile: dir.path("bt.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("</svg>"))

        for (arguments, message) in [
            (["--test-from", "2016-13-01", "--test-to", "2017-01-01"], "--test-from: \"2016-13-01\" is not a date"),
            (["--test-from", "2017-01-01", "--test-to", "2016-12-01"], "--test-from must be before --test-to"),
            (["--test-from", "2016-12-01", "--test-to", "2017-01-01", "--methods", "kde,oracle"], "--methods: cannot read"),
        ] {
            let bad = try await CLIRunner.run(["backtest", "--data", Self.chicago, "--time-col", "Date", "--lat-col", "Latitude", "--lon-col", "Longitude",
                                               "--date-format", "MM/dd/yyyy hh:mm:ss a"] + arguments)
            #expect(bad.status != 0)
            #expect(bad.stderr.contains(message), "\(bad.stderr)")
        }
        let missing = try await CLIRunner.run(["backtest", "--data", Self.chicago, "--time-col", "When", "--lat-col", "Latitude", "--lon-col", "Longitude",
                                               "--test-from", "2016-12-01", "--test-to", "2017-01-01"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("When"), "\(missing.stderr)")
    }

    @Test func benchesPrintJSONLinesWithTheirBaselines() async throws {
        let health = try await CLIRunner.run(["bench", "health", "--areas", "10", "--scan-areas", "36", "--scan-weeks", "10", "--replications", "49"])
        #expect(health.status == 0, "\(health.stderr)")
        let lines = health.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(Set(lines.compactMap { $0["figure"] as? String }).isSuperset(of: ["ears-c3", "farrington-flexible", "space-time-scan"]))
        let scan = lines.first { $0["figure"] as? String == "space-time-scan" }
        #expect(scan?["samePValue"] as? Bool == true, "the early stop changes no p-value")
        #expect(scan?["outbreakAreasFound"] as? Int == 4)
        let forecasting = try await CLIRunner.run(["bench", "forecasting", "--days", "60", "--background-rate", "10", "--cells", "40"])
        #expect(forecasting.status == 0, "\(forecasting.stderr)")
        #expect(forecasting.stdout.contains(#""figure":"etas-fit""#) && forecasting.stdout.contains(#""figure":"etas-forecast""#))
        #expect(forecasting.stdout.contains(#""baseline":"retrospective KDE forecast of the same history""#))
    }
}
