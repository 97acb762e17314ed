import SafeCityCore

/// What happened at one forecast origin.
public struct BacktestStep: Sendable, Codable {
    /// The forecast origin.
    public var origin: Timestamp
    /// Cells of the incidents in the scored period (one entry per incident).
    public var incidentCells: [Int]
    /// Flagged cells, indexed [method][coverage] in the order of ``BacktestResult/methods`` and ``BacktestResult/coverages``.
    public var flagged: [[[Int]]]
}
