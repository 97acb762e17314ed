import Foundation
import SafeCityCore

/// Rolling-origin evaluation of forecast methods on past incidents.
public enum Backtest {
    /// Forecasts at `testFrom`, `testFrom` + step, … (before `testTo`) with every method, each from all
    /// records before that origin, and scores the flagged cells against the next step's incidents.
    ///
    /// At each origin and coverage c, a method flags its k = ⌈c × cells⌉ highest-scoring cells. Ties
    /// are broken by a fixed pseudo-random order of cells (the same for every method and step), so a
    /// method that cannot tell cells apart scores like a random ranking rather than favouring one
    /// corner of the grid. Per step: hit rate = incidents in flagged cells / incidents; PAI = hit rate
    /// / (k / cells); PEI = hits / the most incidents any k cells held. Means are over the steps
    /// that had at least one incident inside the grid.
    ///
    /// - Parameters:
    ///   - records: All incidents (any order); those outside `grid` are ignored.
    ///   - progress: Called after each origin with (origins done, origins in all).
    public static func run(
        records: [IncidentRecord],
        grid: ForecastGrid,
        methods: [any ForecastMethod],
        testFrom: Timestamp,
        testTo: Timestamp,
        stepSeconds: Int64 = 86_400,
        coverages: [Double] = [0.01, 0.05, 0.10],
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> BacktestResult {
        precondition(stepSeconds > 0, "stepSeconds must be positive")
        let sorted = records.sorted { $0.time < $1.time }
        let cellOf = sorted.map { grid.cell(of: $0.location) }
        let cells = grid.cellCount
        let tieOrder = tieBreakRanks(count: cells)
        let flaggedCounts = coverages.map { Backtest.flaggedCellCount(coverage: $0, cellCount: cells) }
        let stepMilliseconds = stepSeconds * 1000
        let origins = stride(from: testFrom.millisecondsSince1970, to: testTo.millisecondsSince1970, by: Int(stepMilliseconds))
            .map { Timestamp(millisecondsSince1970: $0) }

        var steps: [BacktestStep] = []
        var scoredSteps = 0
        var tallies = [[Tally]](repeating: [Tally](repeating: Tally(), count: coverages.count), count: methods.count)
        for (done, origin) in origins.enumerated() {
            let historyEnd = firstIndex(in: sorted, notBefore: origin)
            let targetEnd = firstIndex(in: sorted, notBefore: origin.adding(milliseconds: stepMilliseconds))
            let history = Array(sorted[..<historyEnd])
            let incidentCells = (historyEnd..<targetEnd).compactMap { cellOf[$0] }
            var counts = [Int: Int]()
            for cell in incidentCells { counts[cell, default: 0] += 1 }
            let bestCounts = counts.values.sorted(by: >)
            if !incidentCells.isEmpty { scoredSteps += 1 }

            var flagged: [[[Int]]] = []
            for (m, method) in methods.enumerated() {
                let scores = method.intensity(history: history, at: origin, grid: grid)
                precondition(scores.count == cells, "\(method.name) returned \(scores.count) scores for \(cells) cells")
                let ranking = (0..<cells).sorted { a, b in
                    scores[a] != scores[b] ? scores[a] > scores[b] : tieOrder[a] < tieOrder[b]
                }
                var perCoverage: [[Int]] = []
                for (c, k) in flaggedCounts.enumerated() {
                    let chosen = Array(ranking.prefix(k))
                    perCoverage.append(chosen)
                    guard !incidentCells.isEmpty else { continue }
                    let hits = chosen.reduce(0) { $0 + (counts[$1] ?? 0) }
                    let best = bestCounts.prefix(k).reduce(0, +)
                    tallies[m][c].add(hits: hits, incidents: incidentCells.count, best: best, areaFraction: Double(k) / Double(cells))
                }
                flagged.append(perCoverage)
            }
            steps.append(BacktestStep(origin: origin, incidentCells: incidentCells, flagged: flagged))
            progress(done + 1, origins.count)
        }

        var rows: [BacktestRow] = []
        for (m, method) in methods.enumerated() {
            for (c, coverage) in coverages.enumerated() {
                let t = tallies[m][c]
                let n = Double(max(t.steps, 1))
                rows.append(BacktestRow(
                    method: method.name, coverage: coverage, flaggedCells: flaggedCounts[c],
                    meanHitRate: t.hitRateSum / n, meanPAI: t.paiSum / n, meanPEI: t.peiSum / n,
                    hits: t.hits, incidents: t.incidents,
                    randomHitRate: Double(flaggedCounts[c]) / Double(cells)))
            }
        }
        return BacktestResult(
            cellCount: cells, cellMetres: grid.cellMetres, testFrom: testFrom, testTo: testTo, stepSeconds: stepSeconds,
            coverages: coverages, methods: methods.map(\.name), stepCount: origins.count,
            scoredSteps: scoredSteps, rows: rows, steps: steps)
    }

    /// k = ⌈coverage × cells⌉, at least 1 and at most all cells (a hair of slack absorbs rounding, e.g. 0.05 × 4 900).
    public static func flaggedCellCount(coverage: Double, cellCount: Int) -> Int {
        min(cellCount, max(1, Int((coverage * Double(cellCount) - 1e-9).rounded(.up))))
    }

    /// Index of the first record at or after `time` in time-sorted records.
    static func firstIndex(in sorted: [IncidentRecord], notBefore time: Timestamp) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid].time < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// A fixed pseudo-random rank per cell, used only to break ties in scores.
    static func tieBreakRanks(count: Int) -> [Int] {
        var generator = SplitMix64(seed: 0x7135_B4EA)
        var order = Array(0..<count)
        order.shuffle(using: &generator)
        var ranks = [Int](repeating: 0, count: count)
        for (rank, cell) in order.enumerated() { ranks[cell] = rank }
        return ranks
    }

    private struct Tally {
        var steps = 0
        var hits = 0
        var incidents = 0
        var hitRateSum = 0.0
        var paiSum = 0.0
        var peiSum = 0.0

        mutating func add(hits: Int, incidents: Int, best: Int, areaFraction: Double) {
            let hitRate = Double(hits) / Double(incidents)
            steps += 1
            self.hits += hits
            self.incidents += incidents
            hitRateSum += hitRate
            paiSum += hitRate / areaFraction
            peiSum += best > 0 ? Double(hits) / Double(best) : 0
        }
    }
}
