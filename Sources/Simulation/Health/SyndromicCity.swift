import Foundation
import Geo
import SafeCityCore

/// Weekly syndromic counts (emergency-department visits for respiratory illness) for a city's
/// reporting areas, with winter seasonality and, optionally, an outbreak of known place and start.
///
/// The outbreak is the ground truth the demo and the tests judge the detectors and the scan against.
public struct SyndromicCity: Sendable {
    /// A reporting area: a quarter of the city with its population.
    public struct Area: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public var centroid: GeoPoint
        public var population: Int

        public init(id: String, name: String, centroid: GeoPoint, population: Int) {
            self.id = id
            self.name = name
            self.centroid = centroid
            self.population = population
        }
    }

    /// Extra cases in one area from a start week on, growing each week until a peak.
    public struct Outbreak: Sendable, Equatable {
        public var areaID: String
        /// Index of the first week with extra cases.
        public var startWeek: Int
        /// Extra expected cases in the first week; each later week multiplies it by `weeklyGrowth`.
        public var initialExtraCases: Double
        public var weeklyGrowth: Double

        public init(areaID: String, startWeek: Int, initialExtraCases: Double = 6, weeklyGrowth: Double = 1.5) {
            self.areaID = areaID
            self.startWeek = startWeek
            self.initialExtraCases = initialExtraCases
            self.weeklyGrowth = weeklyGrowth
        }

        /// Extra expected cases in `week` (0 before the start).
        public func extraCases(inWeek week: Int) -> Double {
            week < startWeek ? 0 : initialExtraCases * pow(weeklyGrowth, Double(week - startWeek))
        }
    }

    public var areas: [Area]
    /// Visits per 1,000 residents in an average week.
    public var weeklyVisitsPerThousand: Double = 1.2
    /// Relative swing of the winter season (0.45: the peak week is 1.45 × the mean).
    public var seasonalAmplitude: Double = 0.45
    /// Week of the year (1–52) of the seasonal peak.
    public var peakWeekOfYear: Double = 4

    public init(areas: [Area]) { self.areas = areas }

    /// Monaco's quarters, at approximate centroids; the populations are invented for the simulation
    /// (they sum to about Monaco's 38,000 residents).
    public static let monaco = SyndromicCity(areas: [
        Area(id: "monaco-ville", name: "Monaco-Ville", centroid: GeoPoint(latitude: 43.7311, longitude: 7.4197), population: 1_000),
        Area(id: "la-condamine", name: "La Condamine", centroid: GeoPoint(latitude: 43.7353, longitude: 7.4204), population: 3_800),
        Area(id: "monte-carlo", name: "Monte-Carlo", centroid: GeoPoint(latitude: 43.7397, longitude: 7.4271), population: 3_500),
        Area(id: "fontvieille", name: "Fontvieille", centroid: GeoPoint(latitude: 43.7276, longitude: 7.4155), population: 3_300),
        Area(id: "moneghetti", name: "Les Moneghetti", centroid: GeoPoint(latitude: 43.7368, longitude: 7.4147), population: 3_000),
        Area(id: "jardin-exotique", name: "Jardin Exotique", centroid: GeoPoint(latitude: 43.7313, longitude: 7.4118), population: 2_900),
        Area(id: "saint-michel", name: "Saint-Michel", centroid: GeoPoint(latitude: 43.7418, longitude: 7.4232), population: 3_600),
        Area(id: "larvotto", name: "Larvotto", centroid: GeoPoint(latitude: 43.7448, longitude: 7.4330), population: 5_400),
        Area(id: "la-rousse", name: "La Rousse", centroid: GeoPoint(latitude: 43.7468, longitude: 7.4345), population: 7_000),
        Area(id: "les-revoires", name: "Les Révoires", centroid: GeoPoint(latitude: 43.7380, longitude: 7.4190), population: 4_500),
    ])

    /// The expected visits of `area` in the week that starts at `weekStart` (no outbreak).
    public func expectedVisits(area: Area, weekStart: Timestamp) -> Double {
        let weekOfYear = Double(Self.dayOfYear(weekStart)) / 7
        let season = 1 + seasonalAmplitude * cos(2 * .pi * (weekOfYear - peakWeekOfYear) / 52.18)
        return Double(area.population) / 1_000 * weeklyVisitsPerThousand * season
    }

    /// `weeks` weekly counts per area (in the order of ``areas``), the first week starting at `firstWeek`.
    public func weeklyCounts(weeks: Int, firstWeek: Timestamp, outbreak: Outbreak? = nil,
                             using generator: inout some RandomNumberGenerator) -> [[Int]] {
        areas.map { area in
            (0..<weeks).map { week in
                let start = firstWeek.adding(milliseconds: Int64(week) * 7 * 86_400_000)
                var mean = expectedVisits(area: area, weekStart: start)
                if let outbreak, outbreak.areaID == area.id { mean += outbreak.extraCases(inWeek: week) }
                return PoissonSample.draw(mean: mean, using: &generator)
            }
        }
    }

    /// The Monday 00:00 UTC on or before `time`.
    public static func weekStart(containing time: Timestamp) -> Timestamp {
        let day: Int64 = 86_400_000
        let days = Int64((Double(time.millisecondsSince1970) / Double(day)).rounded(.down))
        // 1970-01-01 was a Thursday: Monday is 3 days before it.
        let sinceMonday = ((days + 3) % 7 + 7) % 7
        return Timestamp(millisecondsSince1970: (days - sinceMonday) * day)
    }

    private static func dayOfYear(_ time: Timestamp) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.ordinality(of: .day, in: .year, for: Date(timeIntervalSince1970: Double(time.millisecondsSince1970) / 1000)) ?? 1
    }
}
