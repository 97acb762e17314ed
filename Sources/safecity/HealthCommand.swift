import ArgumentParser
import Foundation
import Geo
import PublicHealth
import SafeCityCore

/// `safecity health …`: outbreak detection from the command line, in the R `surveillance` package's
/// definitions, so that any series can be checked against R.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Syndromic surveillance: aberration detection and space-time cluster scans.",
        subcommands: [Detect.self, Scan.self])

    struct Detect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judge a weekly count series; prints t,observed,upperbound,alarm as R's surveillance package does.",
            discussion: """
                SERIES.csv has columns t,observed and either year,week or date (Mondays, YYYY-MM-DD). With dates, the \
                Farrington methods pick their reference weeks by calendar, as R does. Defaults are R's: EARS C1/C2 \
                alpha 0.001, C3 0.025; Farrington b 5, w 3, alpha 0.05; ranges as R's defaults.
                """)

        @Option(help: "ears-c1, ears-c2, ears-c3, farrington, farrington-flexible or cusum.") var method: String
        @Option(help: "Significance level (default: R's for the method).") var alpha: Double?
        @Option(help: "Years of history the Farrington methods look back.") var b: Int?
        @Option(help: "Half-width in weeks of the Farrington reference windows.") var w: Int?
        @Option(help: "Weeks to judge, FROM:TO (1-based, inclusive).") var range: String?
        @Argument(help: "The series CSV.") var series: String

        func run() async throws {
            guard let method = AberrationMethod(rawValue: method) else {
                throw CLIError("--method must be one of \(AberrationMethod.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(self.method)\"")
            }
            var control = AberrationControl.defaults(for: method)
            if let alpha {
                guard alpha > 0, alpha < 1 else { throw CLIError("--alpha must be within 0 and 1, got \(alpha)") }
                control.alpha = alpha
            }
            if let b {
                guard b >= 1, b <= 20 else { throw CLIError("--b must be within 1–20 years, got \(b)") }
                control.b = b
            }
            if let w {
                guard w >= 0, w <= 26 else { throw CLIError("--w must be within 0–26 weeks, got \(w)") }
                control.w = w
            }
            if let range {
                let parts = range.split(separator: ":").compactMap { Int($0) }
                guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1] else { throw CLIError("--range must be FROM:TO with 1 ≤ FROM ≤ TO, got \"\(range)\"") }
                control.range = parts[0]...parts[1]
            }
            guard let text = try? String(contentsOfFile: series, encoding: .utf8) else { throw CLIError("cannot read \(series) as UTF-8 text") }
            do {
                let counts = try CountSeries.parseCSV(text)
                if let range = control.range, range.upperBound > counts.count {
                    throw CLIError("--range ends at \(range.upperBound) but the series has \(counts.count) weeks")
                }
                print(AberrationPoint.csv(try AberrationDetector.detect(counts, method: method, control: control)), terminator: "")
            } catch let error as HealthInputError {
                throw CLIError("\(series): \(error)")
            }
        }
    }

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prospective space-time permutation scan (Kulldorff 2005) over areas' counts; prints the clusters as JSON.",
            discussion: "COUNTS.csv has columns area,latitude,longitude,period,count (periods 0, 1, … in time order; missing rows count 0).")

        @Option(help: "Monte Carlo replications.") var replications: Int = 999
        @Option(help: "Seed of the replications.") var seed: UInt64 = 1
        @Option(name: .customLong("max-periods"), help: "Longest cluster, in periods, ending at the last one.") var maxPeriods: Int = 7
        @Option(name: .customLong("max-area-fraction"), help: "Largest cluster, as a share of the areas.") var maxAreaFraction: Double = 0.5
        @Argument(help: "The counts CSV.") var counts: String

        func run() async throws {
            guard (9...99_999).contains(replications) else { throw CLIError("--replications must be within 9–99,999") }
            guard maxPeriods >= 1, maxAreaFraction > 0, maxAreaFraction <= 1 else { throw CLIError("--max-periods must be ≥ 1 and --max-area-fraction within 0–1") }
            guard let text = try? String(contentsOfFile: counts, encoding: .utf8) else { throw CLIError("cannot read \(counts) as UTF-8 text") }
            let (areas, table) = try AreaCountsCSV.parse(text, file: counts)
            var rng = SplitMix64(seed: seed)
            let scanner = SpaceTimePermutationScan(maxAreaFraction: maxAreaFraction, maxPeriods: maxPeriods, replications: replications)
            let result: SpaceTimePermutationScan.Result
            do { result = try scanner.scan(areas: areas, counts: table, using: &rng) } catch { throw CLIError("\(counts): \(error)") }
            func cluster(_ c: SpaceTimePermutationScan.Cluster) -> JSONValue {
                .object([
                    "areas": .array(c.areaIDs.map { .string($0) }), "centre": .string(areas[c.centreIndex].id),
                    "startPeriod": .number(Double(c.startPeriod)), "endPeriod": .number(Double(c.endPeriod)),
                    "observed": .number(Double(c.observed)), "expected": .number((c.expected * 1000).rounded() / 1000),
                    "logLikelihoodRatio": .number((c.logLikelihoodRatio * 1000).rounded() / 1000), "pValue": .number(c.pValue),
                ])
            }
            let body: JSONValue = .object([
                "replications": .number(Double(result.replications)),
                "mostLikely": result.mostLikely.map(cluster) ?? .null, "secondary": .array(result.secondary.map(cluster)),
            ])
            print(String(decoding: body.canonicalBytes, as: UTF8.self))
        }
    }
}

/// Reads `area,latitude,longitude,period,count` rows into areas and an area × period table.
enum AreaCountsCSV {
    static func parse(_ text: String, file: String) throws -> ([SpaceTimePermutationScan.Area], [[Int]]) {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw CLIError("\(file) is empty") }
        let header = lines.removeFirst().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard header == ["area", "latitude", "longitude", "period", "count"] else {
            throw CLIError("\(file): the header must be area,latitude,longitude,period,count")
        }
        var areas: [SpaceTimePermutationScan.Area] = []
        var index: [String: Int] = [:]
        var cells: [(area: Int, period: Int, count: Int)] = []
        for (offset, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let number = offset + 2
            guard fields.count == 5, let lat = Double(fields[1]), let lon = Double(fields[2]), let period = Int(fields[3]), let count = Int(fields[4]) else {
                throw CLIError("\(file) line \(number): expected area,latitude,longitude,period,count")
            }
            guard period >= 0, period < 10_000 else { throw CLIError("\(file) line \(number): period must be within 0–9,999") }
            guard count >= 0 else { throw CLIError("\(file) line \(number): count \(count) is negative") }
            let point: GeoPoint
            do { point = try GeoPoint(checkingLatitude: lat, longitude: lon, field: "latitude,longitude") } catch {
                throw CLIError("\(file) line \(number): \(error)")
            }
            let area = index[fields[0]] ?? {
                areas.append(.init(id: fields[0], centroid: point))
                index[fields[0]] = areas.count - 1
                return areas.count - 1
            }()
            cells.append((area, period, count))
        }
        guard !cells.isEmpty else { throw CLIError("\(file) has no rows") }
        let periods = (cells.map(\.period).max() ?? 0) + 1
        var table = Array(repeating: Array(repeating: 0, count: periods), count: areas.count)
        for cell in cells { table[cell.area][cell.period] += cell.count }
        return (areas, table)
    }
}
