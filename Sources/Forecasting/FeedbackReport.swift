/// The outcome of a ``FeedbackCheck``.
public struct FeedbackReport: Hashable, Sendable, Codable {
    /// Figures for one period.
    public struct PeriodResult: Hashable, Sendable, Codable {
        /// Share of recorded incidents inside patrolled cells (nil when none were recorded).
        public var incidentShare: Double?
        /// Share of cells patrolled.
        public var areaShare: Double
        /// incidentShare ÷ areaShare.
        public var ratio: Double?
        /// Jaccard overlap with the previous period's patrolled cells.
        public var overlapWithPrevious: Double?
    }

    /// Per period, in order.
    public var periods: [PeriodResult]
    /// Mean ratio over periods with incidents.
    public var meanRatio: Double?
    /// Later-half mean ratio ÷ earlier-half mean − 1 (nil with fewer than four periods with incidents).
    public var ratioGrowth: Double?
    /// Mean overlap of consecutive patrolled sets.
    public var meanOverlap: Double?
    /// Set when the figures suggest self-reinforcement.
    public var warning: String?
}
