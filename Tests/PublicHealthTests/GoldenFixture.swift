import Foundation
import Testing
@testable import PublicHealth

enum FixtureError: Error {
    case unreadable(name: String, line: String)
}

/// Reads the R `surveillance` golden files in Fixtures/health (see its README).
enum GoldenFixture {
    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures/health"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func series(_ dataset: String) throws -> CountSeries {
        try CountSeries.parseCSV(try text(dataset))
    }

    /// Rows of a golden output file, parsed independently of the code under test.
    static func expected(_ name: String) throws -> [AberrationPoint] {
        try text(name).split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let t = try #require(Int(f[0]))
            let observed = try #require(Int(f[1]))
            var bound: Double?
            if f[2] != "NA" {
                guard let parsed = Double(String(f[2])) else { throw FixtureError.unreadable(name: name, line: String(line)) }
                bound = parsed
            }
            let alarm: Bool? = f[3] == "NA" ? nil : f[3] == "1"
            return AberrationPoint(t: t, observed: observed, upperbound: bound, alarm: alarm)
        }
    }

    /// Mismatches between `actual` and the golden rows (threshold within 1e-6 relative).
    static func mismatches(_ actual: [AberrationPoint], _ expected: [AberrationPoint]) -> [String] {
        var out: [String] = []
        if actual.count != expected.count { out.append("row count \(actual.count) vs R \(expected.count)") }
        for (a, e) in zip(actual, expected) {
            var ok = a.t == e.t && a.observed == e.observed && a.alarm == e.alarm
            switch (a.upperbound, e.upperbound) {
            case (nil, nil): break
            case let (x?, y?): ok = ok && abs(x - y) <= 1e-6 * max(abs(y), 1e-3)
            default: ok = false
            }
            if !ok {
                out.append("t=\(e.t): got \(a.upperbound.map { "\($0)" } ?? "NA")/\(a.alarm.map { "\($0)" } ?? "NA"), R \(e.upperbound.map { "\($0)" } ?? "NA")/\(e.alarm.map { "\($0)" } ?? "NA")")
            }
        }
        return out
    }
}
