import Forecasting
import SafeCityCore
import Simulation

/// The demo's recorded crime: a year of simulated incidents around Monaco's hotspots (see
/// ``CrimeHistory/monaco``), imported as a records system would send them, and Monaco's districts for the audit.
public enum DemoCrime {
    public static let days = 365.0

    /// Imports the year ending `now`; returns how many incidents it holds.
    @discardableResult
    public static func load(into forecasts: ForecastService, now: Timestamp, seed: UInt64, actor: String = "system:demo-crime") async throws -> Int {
        var rng = SplitMix64(seed: seed &+ 977)
        let records = CrimeHistory.monaco.simulate(days: days, end: now, using: &rng)
        await forecasts.setArea(CrimeHistory.monaco.bounds, districts: CrimeHistory.monacoDistricts)
        try await forecasts.importRecords(records, source: "simulation", actor: actor)
        return records.count
    }
}
