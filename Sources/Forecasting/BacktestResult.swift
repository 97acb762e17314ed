import Foundation
import SafeCityCore

/// The scores of a backtest: one row per method and coverage, plus what each method flagged at each step.
public struct BacktestResult: Sendable, Codable {
    /// Cells in the grid.
    public var cellCount: Int
    /// Side of a cell in metres.
    public var cellMetres: Double
    /// First forecast origin.
    public var testFrom: Timestamp
    /// Origins are before this instant.
    public var testTo: Timestamp
    /// Time between origins, which is also the period each forecast is scored on.
    public var stepSeconds: Int64
    /// Shares of the grid flagged, e.g. 0.01, 0.05, 0.10.
    public var coverages: [Double]
    /// Method names in the order they ran.
    public var methods: [String]
    /// Forecast origins.
    public var stepCount: Int
    /// Origins followed by at least one incident in the grid (the steps that were scored).
    public var scoredSteps: Int
    /// Mean figures per method and coverage.
    public var rows: [BacktestRow]
    /// Per-step detail (flagged cells and incidents), for audits; not written to JSON.
    public var steps: [BacktestStep]

    public init(cellCount: Int, cellMetres: Double, testFrom: Timestamp, testTo: Timestamp, stepSeconds: Int64,
                coverages: [Double], methods: [String], stepCount: Int, scoredSteps: Int, rows: [BacktestRow], steps: [BacktestStep]) {
        self.cellCount = cellCount
        self.cellMetres = cellMetres
        self.testFrom = testFrom
        self.testTo = testTo
        self.stepSeconds = stepSeconds
        self.coverages = coverages
        self.methods = methods
        self.stepCount = stepCount
        self.scoredSteps = scoredSteps
        self.rows = rows
        self.steps = steps
    }

    private enum CodingKeys: String, CodingKey {
        case cellCount, cellMetres, testFrom, testTo, stepSeconds, coverages, methods, stepCount, scoredSteps, rows
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(cellCount: try c.decode(Int.self, forKey: .cellCount), cellMetres: try c.decode(Double.self, forKey: .cellMetres),
                  testFrom: try c.decode(Timestamp.self, forKey: .testFrom), testTo: try c.decode(Timestamp.self, forKey: .testTo),
                  stepSeconds: try c.decode(Int64.self, forKey: .stepSeconds), coverages: try c.decode([Double].self, forKey: .coverages),
                  methods: try c.decode([String].self, forKey: .methods), stepCount: try c.decode(Int.self, forKey: .stepCount),
                  scoredSteps: try c.decode(Int.self, forKey: .scoredSteps), rows: try c.decode([BacktestRow].self, forKey: .rows), steps: [])
    }

    /// The row for a method and coverage, if both were run.
    public func row(method: String, coverage: Double) -> BacktestRow? {
        rows.first { $0.method == method && abs($0.coverage - coverage) < 1e-12 }
    }

    /// The summary as pretty-printed JSON with sorted keys (per-step detail left out).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// An aligned plain-text table: method, coverage, flagged cells, mean hit rate, PAI, PEI, and a random ranking's expected hit rate.
    public func table() -> String {
        let header = ["method", "coverage", "cells", "hit rate", "PAI", "PEI", "random"]
        var lines = [header]
        for row in rows {
            lines.append([row.method, percent(row.coverage), String(row.flaggedCells), percent(row.meanHitRate),
                          String(format: "%.2f", row.meanPAI), String(format: "%.3f", row.meanPEI), percent(row.randomHitRate)])
        }
        let widths = header.indices.map { column in lines.map { $0[column].count }.max() ?? 0 }
        let text = lines.map { line in
            line.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                            : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return (text + ["\(scoredSteps) of \(stepCount) steps scored, \(cellCount) cells of \(Int(cellMetres)) m"]).joined(separator: "\n") + "\n"
    }

    private func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }
}
