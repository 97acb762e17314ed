import SafeCityCore

/// A self-exciting forecast from a model fitted once: each forecast only adds the triggering of recent incidents.
///
/// Use it to backtest or serve large data without refitting at every origin (fit on the training
/// period with ``SelfExcitingModel/fit(history:grid:end:)``). The grid passed to
/// ``intensity(history:at:grid:)`` must be the fit's grid.
public struct FittedSelfExcitingForecast: ForecastMethod {
    /// The fitted model.
    public var fit: SelfExcitingFit
    /// Length of the forecast period in days (default 1).
    public var horizonDays: Double
    /// Name in backtest output (default `etas-fixed`).
    public var name: String

    public init(fit: SelfExcitingFit, horizonDays: Double = 1, name: String = "etas-fixed") {
        self.fit = fit
        self.horizonDays = horizonDays
        self.name = name
    }

    /// Expected incidents per cell in [`at`, `at` + `horizonDays`).
    public func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double] {
        precondition(grid == fit.grid, "FittedSelfExcitingForecast must be used on the grid it was fitted on")
        return fit.intensity(history: history, at: at, horizonDays: horizonDays)
    }
}
