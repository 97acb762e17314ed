import Foundation
import PublicHealth
import SafeCityCore
import Simulation

/// The demo's public-health picture: Monaco's quarters as reporting areas with five and a half years
/// of weekly emergency-department visits for respiratory illness, and an outbreak in La Condamine
/// that began three weeks ago, for the detectors and the scan to find; gastrointestinal visits, with no
/// outbreak, are the second syndrome.
public enum DemoHealth {
    public static let syndrome = "respiratory"
    /// A second syndrome with no outbreak (a smaller, later-peaking season), so that the desk has a choice.
    public static let quietSyndrome = "gastrointestinal"
    public static let outbreakArea = "la-condamine"
    /// Weeks of history: Farrington flexible's five reference years and its windows, and a season more.
    public static let weeks = 52 * 5 + 26
    /// Weeks since the outbreak's first week (the last complete week is the third).
    public static let outbreakWeeks = 3

    /// Registers the areas and records the counts (the last complete week ends last Sunday); returns the signals raised.
    @discardableResult
    public static func load(into health: HealthService, now: Timestamp, seed: UInt64, actor: String = "system:demo-health") async throws -> [PublicHealthEvents.Signal] {
        let city = SyndromicCity.monaco
        try await health.register(city.areas.map { .init(id: $0.id, name: $0.name, centroid: $0.centroid, population: $0.population) }, actor: actor)
        let lastWeek = SyndromicCity.weekStart(containing: now).adding(milliseconds: -7 * 86_400_000)
        let firstWeek = lastWeek.adding(milliseconds: -Int64(weeks - 1) * 7 * 86_400_000)
        var rng = SplitMix64(seed: seed &+ 311)
        let outbreak = SyndromicCity.Outbreak(areaID: outbreakArea, startWeek: weeks - outbreakWeeks, initialExtraCases: 6, weeklyGrowth: 1.6)
        let table = city.weeklyCounts(weeks: weeks, firstWeek: firstWeek, outbreak: outbreak, using: &rng)
        let labels = (0..<weeks).map { CivilDate(daysSinceEpoch: Int(firstWeek.millisecondsSince1970 / 86_400_000) + 7 * $0).description }
        var counts: [String: [PublicHealthEvents.WeekCount]] = [:]
        for (area, row) in zip(city.areas, table) {
            counts[area.id] = zip(labels, row).map { PublicHealthEvents.WeekCount(week: $0, count: $1) }
        }
        var signals = try await health.record(syndrome: syndrome, counts: counts, actor: actor)
        var quiet = city
        quiet.weeklyVisitsPerThousand = 0.7
        quiet.seasonalAmplitude = 0.25
        quiet.peakWeekOfYear = 10
        let quietTable = quiet.weeklyCounts(weeks: weeks, firstWeek: firstWeek, using: &rng)
        counts = [:]
        for (area, row) in zip(city.areas, quietTable) {
            counts[area.id] = zip(labels, row).map { PublicHealthEvents.WeekCount(week: $0, count: $1) }
        }
        signals += try await health.record(syndrome: quietSyndrome, counts: counts, actor: actor)
        return signals
    }
}
