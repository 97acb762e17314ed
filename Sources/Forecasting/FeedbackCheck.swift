/// Looks for signs that patrols are feeding the forecast: incidents get recorded where officers are
/// sent, which flags the same places again.
///
/// For each period: incident share = next period's recorded incidents inside patrolled cells / all
/// recorded incidents; area share = patrolled cells / all cells; ratio = incident share ÷ area share
/// (a PAI). A high ratio alone only says the forecast is sharp. The warning is raised when patrols
/// keep returning to the same cells (mean Jaccard overlap of consecutive patrolled sets at least
/// `persistenceThreshold`) while the ratio grows (mean of the later half of periods at least
/// `1 + growthThreshold` times the earlier half) — the signature of recording following patrols.
/// Victim-reported types (``IncidentTypes/victimReported``) are much less prone to this than
/// police-initiated ones.
public struct FeedbackCheck: Sendable {
    /// Relative growth of the ratio that counts as rising (default 0.25).
    public var growthThreshold: Double
    /// Mean overlap of consecutive patrolled sets that counts as persistent (default 0.5).
    public var persistenceThreshold: Double

    public init(growthThreshold: Double = 0.25, persistenceThreshold: Double = 0.5) {
        self.growthThreshold = growthThreshold
        self.persistenceThreshold = persistenceThreshold
    }

    /// One period: where patrols went, and where incidents were recorded in the period after.
    public struct Period: Hashable, Sendable, Codable {
        /// Patrolled cells.
        public var patrolledCells: Set<Int>
        /// Cell of each incident recorded in the next period.
        public var recordedIncidentCells: [Int]

        public init(patrolledCells: Set<Int>, recordedIncidentCells: [Int]) {
            self.patrolledCells = patrolledCells
            self.recordedIncidentCells = recordedIncidentCells
        }
    }

    /// Checks periods in time order on a grid of `cellCount` cells.
    public func check(_ periods: [Period], cellCount: Int) -> FeedbackReport {
        var results: [FeedbackReport.PeriodResult] = []
        var previous: Set<Int>?
        for period in periods {
            let recorded = period.recordedIncidentCells.count
            let inside = period.recordedIncidentCells.filter(period.patrolledCells.contains).count
            let incidentShare = recorded > 0 ? Double(inside) / Double(recorded) : nil
            let areaShare = Double(period.patrolledCells.count) / Double(max(cellCount, 1))
            let overlap = previous.map { jaccard($0, period.patrolledCells) }
            results.append(.init(incidentShare: incidentShare, areaShare: areaShare,
                                 ratio: incidentShare.flatMap { areaShare > 0 ? $0 / areaShare : nil }, overlapWithPrevious: overlap))
            previous = period.patrolledCells
        }
        let ratios = results.compactMap(\.ratio)
        let overlaps = results.compactMap(\.overlapWithPrevious)
        let meanOverlap = overlaps.isEmpty ? nil : overlaps.reduce(0, +) / Double(overlaps.count)
        var growth: Double?
        if ratios.count >= 4 {
            let half = ratios.count / 2
            let early = ratios.prefix(half).reduce(0, +) / Double(half)
            let late = ratios.suffix(half).reduce(0, +) / Double(half)
            growth = early > 0 ? late / early - 1 : nil
        }
        var warning: String?
        if let growth, let meanOverlap, growth >= growthThreshold, meanOverlap >= persistenceThreshold {
            warning = "recorded incidents concentrate more and more in patrolled cells (ratio up \(Int((growth * 100).rounded()))% "
                + "while \(Int((meanOverlap * 100).rounded()))% of patrolled cells repeat): recording may be following patrols; "
                + "train on victim-reported types and compare with unpatrolled areas"
        }
        return FeedbackReport(periods: results, meanRatio: ratios.isEmpty ? nil : ratios.reduce(0, +) / Double(ratios.count),
                              ratioGrowth: growth, meanOverlap: meanOverlap, warning: warning)
    }

    /// Periods from a backtest, treating one method's flagged cells at one coverage as the patrolled cells.
    public static func periods(from result: BacktestResult, method: String, coverage: Double) -> [Period] {
        guard let m = result.methods.firstIndex(of: method),
              let c = result.coverages.firstIndex(where: { abs($0 - coverage) < 1e-12 }) else { return [] }
        return result.steps.map { Period(patrolledCells: Set($0.flagged[m][c]), recordedIncidentCells: $0.incidentCells) }
    }
}

private func jaccard(_ a: Set<Int>, _ b: Set<Int>) -> Double {
    let union = a.union(b).count
    return union == 0 ? 1 : Double(a.intersection(b).count) / Double(union)
}
