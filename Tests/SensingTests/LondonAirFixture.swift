import Foundation
import SafeCityCore
@testable import Sensing

/// The openair London (Marylebone Road) fixtures made by `scripts/trend-reference.py`.
enum LondonAirFixture {
    struct MonthlyMean {
        var year: Int
        var month: Int
        var no2: Double?
        var o3: Double?
        var decimalYear: Double { Double(year) + Double(month - 1) / 12 }
    }

    struct Hour {
        var time: Timestamp
        var nox: Double?
        var no2: Double?
    }

    static func lines(_ name: String) throws -> [Substring] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Fixtures") else {
            throw FixtureError("fixture \(name).csv not found")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        // Comment lines, then a header line.
        return Array(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst())
    }

    static func monthlyMeans() throws -> [MonthlyMean] {
        try lines("london_monthly_means").map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            let month = cells[0].split(separator: "-")
            return MonthlyMean(year: Int(month[0])!, month: Int(month[1])!, no2: Double(cells[1]), o3: Double(cells[2]))
        }
    }

    static func hourly2004Q1() throws -> [Hour] {
        try lines("london_hourly_nox_no2_2004q1").map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            guard let time = Timestamp.parse(String(cells[0])) else { throw FixtureError("bad date in \(line)") }
            return Hour(time: time, nox: Double(cells[1]), no2: Double(cells[2]))
        }
    }

    struct FixtureError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// |actual − expected| within a relative tolerance of the expected value.
func close(_ actual: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= relative * abs(expected)
}
