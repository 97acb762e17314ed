import SafeCityCore

/// A way to rank places by how likely incidents are there next.
public protocol ForecastMethod: Sendable {
    /// Short name used in backtest tables and JSON (e.g. `kde`).
    var name: String { get }
    /// One non-negative score per cell of `grid` for the period starting at `at`, from incidents before `at`.
    ///
    /// Records at or after `at` must be ignored even if passed. Higher means more expected incidents;
    /// only the ranking matters to a backtest, though methods document their scale.
    func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double]
}

/// Milliseconds in one day, the time unit of method parameters.
let millisecondsPerDay = 86_400_000.0

extension Timestamp {
    /// Days from `earlier` to this instant.
    func days(since earlier: Timestamp) -> Double {
        Double(millisecondsSince1970 - earlier.millisecondsSince1970) / millisecondsPerDay
    }
}
