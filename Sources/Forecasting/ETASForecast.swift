import SafeCityCore

/// Self-exciting point-process forecast (Mohler et al. 2011): refits the model on the history before each forecast.
///
/// For many forecasts over large data, fit once with ``SelfExcitingModel/fit(history:grid:end:)``
/// and call ``SelfExcitingFit/intensity(history:at:horizonDays:)`` instead.
public struct ETASForecast: ForecastMethod {
    /// The model and its fitting options.
    public var model: SelfExcitingModel
    /// Length of the forecast period in days (default 1).
    public var horizonDays: Double
    /// Seed for stochastic declustering (unused for expectation EM).
    public var seed: UInt64
    /// Name in backtest output (default `etas`).
    public var name: String

    public init(model: SelfExcitingModel = SelfExcitingModel(), horizonDays: Double = 1, seed: UInt64 = 1, name: String = "etas") {
        self.model = model
        self.horizonDays = horizonDays
        self.seed = seed
        self.name = name
    }

    /// Expected incidents per cell in [`at`, `at` + `horizonDays`).
    public func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double] {
        var generator = SplitMix64(seed: seed)
        let fit = model.fit(history: history, grid: grid, end: at, using: &generator)
        return fit.intensity(history: history, at: at, horizonDays: horizonDays)
    }
}

/// The self-exciting forecast under the name used in the literature on crime (`SelfExcitingModel` fits it).
public typealias SelfExcitingForecast = ETASForecast
