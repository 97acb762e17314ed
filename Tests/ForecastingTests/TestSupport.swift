import Foundation
import Geo
import SafeCityCore
@testable import Forecasting

/// Shared helpers for the forecasting tests.
enum TestSupport {
    static let day: Int64 = 86_400_000

    /// A 2 × 2 grid of 100 m cells near Chicago (cells 0, 1 south; 2, 3 north).
    static func twoByTwoGrid() -> ForecastGrid {
        let frame = GridFrame(origin: GeoPoint(latitude: 41.8, longitude: -87.6))
        let box = BoundingBox(enclosing: [frame.point(x: -99.99, y: -99.99), frame.point(x: 99.99, y: 99.99)])!
        return ForecastGrid(bounds: box, cellMetres: 100)
    }

    static func fixture(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// Midnight on a day in Chicago, as a UTC timestamp (offsets: −6 h in winter, −5 h in summer).
    static func utc(_ text: String) -> Timestamp { Timestamp.parse(text)! }
}

/// A method with fixed scores, for scoring tests.
struct FixedForecast: ForecastMethod {
    var scores: [Double]
    var name: String
    func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double] { scores }
}
