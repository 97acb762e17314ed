import Foundation
import Geo
import Hummingbird
import SafeCityCore
import Sensing

/// `GET /v1/air-quality`: public air quality by sensor and by grid cell (US EPA AQI, NowCast).
///
/// Public like the alert feed: residents and newsrooms read it without a key. Sensors found unhealthy
/// (stale, stuck, out of range, off their neighbours) are left out of the cells and listed as such.
enum AirQualityRoutes {
    static let defaultCellMetres = 500.0

    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.publicRoute(.get, "/v1/air-quality") { request, _ in
            let cellMetres = try request.uri.queryParameters.integer("cellMetres", default: Int64(defaultCellMetres), range: 50...20_000)
            let (grid, readings, areas) = try await summary(platform: platform, cellMetres: Double(cellMetres))
            let excluded = await platform.sensingDetector.unhealthySensors
            let cells = areas.map { cell, area in
                CellView(x: cell.x, y: cell.y, bounds: grid.bounds(of: cell), worstAQI: area.worstAQI, worstSensorID: area.worstSensorID,
                         worstPollutant: area.worstPollutant?.rawValue, meanAQI: (area.meanAQI * 10).rounded() / 10, sensors: area.sensorCount,
                         category: area.category.name, colour: area.category.colourHex, message: area.category.healthMessage)
            }
            let sensors = readings.map { reading in
                let category = AQICategory(aqi: reading.aqi)
                return SensorView(sensorID: reading.sensorID, latitude: reading.location.latitude, longitude: reading.location.longitude,
                                  aqi: reading.aqi, pollutant: reading.pollutant?.rawValue, category: category.name, colour: category.colourHex,
                                  observedAt: reading.observedAt)
            }
            return try .json(encoding: Report(cellMetres: Int(cellMetres), cells: cells, sensors: sensors, excludedSensors: excluded.sorted(),
                                              source: "US EPA AQI (Technical Assistance Document, May 2024), NowCast for PM2.5, PM10 and ozone"))
        }
    }

    /// The grid over the city (anchored at the road network's south-west corner when there is one),
    /// the sensors' latest AQI, and each cell's summary in cell order: what this route and the portal's map show.
    static func summary(platform: Platform, cellMetres: Double = defaultCellMetres) async throws
        -> (grid: AreaAirQuality, readings: [SensorAQI], cells: [(cell: GridCell, area: AreaAQI)])
    {
        let readings = await platform.sensingDetector.sensorAQIs()
        let box = platform.roads?.car.graph.boundingBox
        let origin = box.map { GeoPoint(latitude: $0.minLatitude, longitude: $0.minLongitude) } ?? readings.first?.location ?? GeoPoint(latitude: 0, longitude: 0)
        let grid = try AreaAirQuality(origin: origin, cellSizeMetres: cellMetres)
        let cells = grid.summarise(readings).sorted { $0.key < $1.key }.map { (cell: $0.key, area: $0.value) }
        return (grid, readings, cells)
    }

    struct Report: Encodable {
        var cellMetres: Int
        var cells: [CellView]
        var sensors: [SensorView]
        var excludedSensors: [String]
        var source: String
    }

    struct CellView: Encodable {
        var x: Int
        var y: Int
        var bounds: [Double]
        var worstAQI: Int
        var worstSensorID: String
        var worstPollutant: String?
        var meanAQI: Double
        var sensors: Int
        var category: String
        var colour: String
        var message: String
    }

    struct SensorView: Encodable {
        var sensorID: String
        var latitude: Double
        var longitude: Double
        var aqi: Int
        var pollutant: String?
        var category: String
        var colour: String
        var observedAt: Timestamp
    }
}
