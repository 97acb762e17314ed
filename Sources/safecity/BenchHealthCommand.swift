import ArgumentParser
import Foundation
import Geo
import PublicHealth
import SafeCityCore

/// `safecity bench health`: EARS and both Farrington methods over 1,000 areas' weekly series, and the
/// space-time permutation scan with 999 replications over 500 areas; EARS C1 (a mean and a standard
/// deviation per week) is the baseline of the first, a scan that runs every replicate in full that of the second.
struct BenchHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Outbreak detection over 1,000 weekly series and a 999-replication scan over 500 areas.")

    @Option(help: "Areas with a weekly series.") var areas: Int = 1_000
    @Option(help: "Years of weekly history per area.") var years: Int = 5
    @Option(name: .customLong("scan-areas"), help: "Areas in the scan.") var scanAreas: Int = 500
    @Option(name: .customLong("scan-weeks"), help: "Weeks in the scan.") var scanWeeks: Int = 28
    @Option(help: "Monte Carlo replications of the scan.") var replications: Int = 999
    @Option(help: "Seed.") var seed: UInt64 = 10

    func run() async throws {
        guard areas > 0, (4...30).contains(years), scanAreas > 1, scanWeeks > 1, replications >= 9 else {
            throw CLIError("--areas, --scan-areas, --scan-weeks must be positive, --years within 4–30, --replications ≥ 9")
        }
        let progress = ProgressReporter(label: "bench health")
        var rng = SplitMix64(seed: seed)
        let weeks = years * 52
        let firstMonday = CivilDate(year: 2019, month: 12, day: 30)!
        let dates = (0..<weeks).map { firstMonday.adding(days: 7 * $0) }
        progress.message("\(areas) areas × \(weeks) weeks of counts with winter seasons")
        let series = try (0..<areas).map { _ in
            let level = Double.random(in: 2..<40, using: &rng)
            let counts = (0..<weeks).map { week in
                PoissonSample.draw(mean: level * (1 + 0.4 * cos(2 * .pi * Double(week % 52 - 4) / 52)), using: &rng)
            }
            return try CountSeries(observed: counts, dates: dates)
        }
        // The Farrington methods judge the weeks after three years (and their windows) of reference weeks.
        let judged = max(weeks - 103, 52 * 3 + 3 + 2)...weeks
        func run(_ method: AberrationMethod, b: Int? = nil) throws -> (seconds: Double, alarms: Int) {
            var control = AberrationControl.defaults(for: method)
            if let b {
                control.b = b
                control.range = judged
            }
            var alarms = 0
            let began = ContinuousClock.now
            for (index, one) in series.enumerated() {
                alarms += try AberrationDetector.detect(one, method: method, control: control).filter { $0.alarm == true }.count
                if index % 50 == 0 { progress.update(done: Int64(index), total: Int64(series.count)) }
            }
            return ((ContinuousClock.now - began).seconds, alarms)
        }
        progress.message("EARS C1, C2, C3")
        let c1 = try run(.earsC1), c2 = try run(.earsC2), c3 = try run(.earsC3)
        progress.message("Farrington (1996) and Farrington flexible, b = 3, the last \(judged.count) weeks")
        let farrington = try run(.farrington, b: 3)
        let flexible = try run(.farringtonFlexible, b: 3)
        progress.finish()
        let figure = BenchFigure(bench: "health", context: ["areas": .number(Double(areas)), "weeks": .number(Double(weeks))])
        let baseline = "EARS C1 over the same series"
        figure.emit("ears-c2", seconds: c2.seconds, baseline: baseline, baselineSeconds: c1.seconds, extra: ["alarms": .number(Double(c2.alarms))])
        figure.emit("ears-c3", seconds: c3.seconds, baseline: baseline, baselineSeconds: c1.seconds, extra: ["alarms": .number(Double(c3.alarms))])
        figure.emit("farrington-1996", seconds: farrington.seconds, baseline: baseline, baselineSeconds: c1.seconds,
                    extra: ["alarms": .number(Double(farrington.alarms)), "judgedWeeks": .number(Double(judged.count))])
        figure.emit("farrington-flexible", seconds: flexible.seconds, baseline: baseline, baselineSeconds: c1.seconds,
                    extra: ["alarms": .number(Double(flexible.alarms)), "judgedWeeks": .number(Double(judged.count))])
        figure.emit("ears-and-farrington", seconds: c1.seconds + c2.seconds + c3.seconds + farrington.seconds + flexible.seconds,
                    extra: ["methods": .string("ears-c1, ears-c2, ears-c3, farrington, farrington-flexible")])

        // The scan: a square of areas about 500 m apart, with an outbreak in the last three weeks.
        let side = Int(Double(scanAreas).squareRoot().rounded(.up))
        let cells = (0..<scanAreas).map { i in
            SpaceTimePermutationScan.Area(id: "a\(i)", centroid: GeoPoint(latitude: 43.70 + Double(i / side) * 0.0045, longitude: 7.40 + Double(i % side) * 0.0062))
        }
        let outbreak = Set([0, 1, side, side + 1].map { $0 + side * (side / 2) + side / 2 }.filter { $0 < scanAreas })
        let counts = (0..<scanAreas).map { area in
            (0..<scanWeeks).map { week in
                PoissonSample.draw(mean: 6 + (outbreak.contains(area) && week >= scanWeeks - 3 ? 8 : 0), using: &rng)
            }
        }
        progress.message("scan: \(scanAreas) areas × \(scanWeeks) weeks, \(replications) replications")
        func scan(early: Bool) throws -> (seconds: Double, result: SpaceTimePermutationScan.Result) {
            var scanner = SpaceTimePermutationScan(replications: replications)
            scanner.stopsReplicatesEarly = early
            var scanRNG = SplitMix64(seed: seed &+ 1)
            let began = ContinuousClock.now
            let result = try scanner.scan(areas: cells, counts: counts, using: &scanRNG)
            return ((ContinuousClock.now - began).seconds, result)
        }
        let fast = try scan(early: true)
        let full = try scan(early: false)
        let found = fast.result.mostLikely
        figure.emit("space-time-scan", seconds: fast.seconds, baseline: "every replicate scanned in full", baselineSeconds: full.seconds, extra: [
            "scanAreas": .number(Double(scanAreas)), "scanWeeks": .number(Double(scanWeeks)), "replications": .number(Double(replications)),
            "pValue": .number(found?.pValue ?? 1), "samePValue": .bool(found?.pValue == full.result.mostLikely?.pValue),
            "outbreakAreasFound": .number(Double(Set(found?.areaIndices ?? []).intersection(outbreak).count)),
            "outbreakAreas": .number(Double(outbreak.count)), "clusterStartWeek": .number(Double(found?.startPeriod ?? -1)),
            "outbreakStartWeek": .number(Double(scanWeeks - 3)),
        ])
    }
}
