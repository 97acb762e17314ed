import SafeCityCore

/// Counts of incidents per cell over the last few days: the baseline every method must beat.
public struct NaiveForecast: ForecastMethod {
    /// Length of the counting window in days (default 28).
    public var windowDays: Double
    /// Name in backtest output (default `naive`).
    public var name: String

    public init(windowDays: Double = 28, name: String = "naive") {
        self.windowDays = windowDays
        self.name = name
    }

    /// The number of incidents in each cell during [`at` − `windowDays`, `at`).
    public func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double] {
        var counts = [Double](repeating: 0, count: grid.cellCount)
        for record in history where record.time < at && at.days(since: record.time) <= windowDays {
            if let cell = grid.cell(of: record.location) { counts[cell] += 1 }
        }
        return counts
    }
}
