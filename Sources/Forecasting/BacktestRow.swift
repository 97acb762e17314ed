/// Mean figures of one method at one coverage.
public struct BacktestRow: Hashable, Sendable, Codable {
    /// Method name.
    public var method: String
    /// Share of the grid flagged.
    public var coverage: Double
    /// Cells flagged at each step, ⌈coverage × cells⌉.
    public var flaggedCells: Int
    /// Mean over scored steps of (incidents in flagged cells / incidents).
    public var meanHitRate: Double
    /// Mean predictive accuracy index: hit rate / share of area flagged.
    public var meanPAI: Double
    /// Mean predictive efficiency index: hits / the most hits any set of as many cells could have had.
    public var meanPEI: Double
    /// Incidents in flagged cells over all scored steps.
    public var hits: Int
    /// Incidents in the grid over all scored steps.
    public var incidents: Int
    /// Expected hit rate of a uniformly random choice of as many cells (= flagged cells / cells).
    public var randomHitRate: Double
}
