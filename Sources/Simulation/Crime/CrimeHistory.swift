import Forecasting
import Foundation
import Geo
import SafeCityCore

/// A year of recorded street crime for the simulated city: a self-exciting process (repeat and near-repeat
/// victimisation) around known hotspots, so that forecasts can be judged against where crime was put.
/// Places and times only: no person is simulated.
public struct CrimeHistory: Sendable {
    /// The process: each incident raises the chance of another nearby (θ 0.35 children on average,
    /// within about 3 days and 90 m), on top of a background of 7 a day.
    public var parameters = SelfExcitingParameters(theta: 0.35, omegaPerDay: 0.35, sigmaMetres: 90, backgroundRate: 7)
    public var hotspots: [SelfExcitingSimulator.Hotspot]
    public var bounds: BoundingBox
    /// Recorded types and their shares (Chicago's "Primary Type" spelling, all victim-reported).
    public var typeShares: [(type: String, share: Double)] = [
        ("THEFT", 0.45), ("BATTERY", 0.18), ("CRIMINAL DAMAGE", 0.15), ("BURGLARY", 0.1), ("ASSAULT", 0.07), ("ROBBERY", 0.05),
    ]

    public init(hotspots: [SelfExcitingSimulator.Hotspot], bounds: BoundingBox) {
        self.hotspots = hotspots
        self.bounds = bounds
    }

    /// Monaco: the casino square, the Condamine market and port, Fontvieille's shopping centre, the
    /// Larvotto beach front and the railway station (weights invented for the simulation).
    public static let monaco = CrimeHistory(
        hotspots: [
            .init(centre: GeoPoint(latitude: 43.7394, longitude: 7.4276), spreadMetres: 120, weight: 3),
            .init(centre: GeoPoint(latitude: 43.7353, longitude: 7.4218), spreadMetres: 150, weight: 2.5),
            .init(centre: GeoPoint(latitude: 43.7284, longitude: 7.4158), spreadMetres: 110, weight: 1.5),
            .init(centre: GeoPoint(latitude: 43.7457, longitude: 7.4352), spreadMetres: 160, weight: 2),
            .init(centre: GeoPoint(latitude: 43.7386, longitude: 7.4202), spreadMetres: 90, weight: 1),
        ],
        bounds: BoundingBox(minLatitude: 43.7235, minLongitude: 7.4090, maxLatitude: 43.7515, maxLongitude: 7.4395))

    /// Monaco's districts for the fairness audit: four strips along the coast, from west to east, with the
    /// populations of the quarters they hold (see ``SyndromicCity/monaco``).
    public static let monacoDistricts: [District] = {
        let edges = [7.4090, 7.4180, 7.4240, 7.4310, 7.4395]
        let names = ["West (Fontvieille, Monaco-Ville, Jardin Exotique)", "Centre (La Condamine, Moneghetti, Révoires)",
                     "East (Monte-Carlo, Saint-Michel)", "Far east (Larvotto, La Rousse)"]
        let populations: [Double] = [7_200, 11_300, 7_100, 12_400]
        return (0..<4).map { i in
            District(name: names[i], polygon: [
                GeoPoint(latitude: 43.7235, longitude: edges[i]), GeoPoint(latitude: 43.7235, longitude: edges[i + 1]),
                GeoPoint(latitude: 43.7515, longitude: edges[i + 1]), GeoPoint(latitude: 43.7515, longitude: edges[i]),
                GeoPoint(latitude: 43.7235, longitude: edges[i]),
            ], population: populations[i])
        }
    }()

    /// `days` of incidents ending at `end`, with types drawn by their shares.
    public func simulate(days: Double, end: Timestamp, using generator: inout some RandomNumberGenerator) -> [IncidentRecord] {
        let start = end.adding(milliseconds: -Int64(days * 86_400_000))
        let simulation = SelfExcitingSimulator(parameters: parameters, bounds: bounds, hotspots: hotspots, uniformShare: 0.25,
                                               start: start, durationDays: days).simulate(using: &generator)
        let total = typeShares.map(\.share).reduce(0, +)
        return simulation.records.map { record in
            var record = record
            var draw = Double.random(in: 0..<total, using: &generator)
            record.type = typeShares.first { draw -= $0.share; return draw < 0 }?.type ?? typeShares[0].type
            return record
        }
    }
}
