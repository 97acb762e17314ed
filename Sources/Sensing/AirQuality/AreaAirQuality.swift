import Foundation
import Geo
import SafeCityCore

/// Per-area air quality: the latest AQI of each sensor, grouped into square grid cells, with each
/// cell's worst and mean sensor AQI.
///
/// Cells are `cellSizeMetres` squares on a local equirectangular projection around `origin`
/// (x east = R·Δλ·cos φ₀, y north = R·Δφ), keyed by integer column and row; a sensor at `origin` is in
/// cell (0, 0). Sensors flagged unhealthy (stale, flat-lined, faulty) are left out by id. Within a few
/// tens of kilometres of the origin the projection's scale error is well under 1 %.
public struct AreaAirQuality: Sendable, Hashable {
    /// The projection's centre.
    public var origin: GeoPoint
    /// The side of a cell in metres.
    public var cellSizeMetres: Double

    /// - Throws: ``AQIError/invalidCellSize(_:)`` unless the size is positive and finite.
    public init(origin: GeoPoint, cellSizeMetres: Double) throws(AQIError) {
        guard cellSizeMetres.isFinite, cellSizeMetres > 0 else { throw .invalidCellSize(cellSizeMetres) }
        self.origin = origin
        self.cellSizeMetres = cellSizeMetres
    }

    /// The cell a point falls in.
    public func cell(of point: GeoPoint) -> GridCell {
        let radians = Double.pi / 180
        let xMetres = GreatCircle.earthRadiusMetres * (point.longitude - origin.longitude) * radians * cos(origin.latitude * radians)
        let yMetres = GreatCircle.earthRadiusMetres * (point.latitude - origin.latitude) * radians
        return GridCell(x: Int((xMetres / cellSizeMetres).rounded(.down)), y: Int((yMetres / cellSizeMetres).rounded(.down)))
    }

    /// Each cell's worst and mean AQI over the latest reading of each sensor not in `excluded`.
    ///
    /// When a sensor appears more than once, its reading with the latest `observedAt` counts (the
    /// first given on a tie). The worst sensor of a cell is the first with the highest AQI in input order.
    public func summarise(_ readings: [SensorAQI], excluding excluded: Set<String> = []) -> [GridCell: AreaAQI] {
        var latest: [String: SensorAQI] = [:]
        var order: [String] = []
        for r in readings where !excluded.contains(r.sensorID) {
            if let seen = latest[r.sensorID] {
                if r.observedAt > seen.observedAt { latest[r.sensorID] = r }
            } else {
                latest[r.sensorID] = r
                order.append(r.sensorID)
            }
        }
        var sums: [GridCell: (worst: SensorAQI, total: Int, count: Int)] = [:]
        for id in order {
            let r = latest[id]!
            let c = cell(of: r.location)
            if var s = sums[c] {
                if r.aqi > s.worst.aqi { s.worst = r }
                s.total += r.aqi
                s.count += 1
                sums[c] = s
            } else {
                sums[c] = (r, r.aqi, 1)
            }
        }
        return sums.mapValues { s in
            AreaAQI(worstAQI: s.worst.aqi, worstSensorID: s.worst.sensorID, worstPollutant: s.worst.pollutant, meanAQI: Double(s.total) / Double(s.count), sensorCount: s.count)
        }
    }
}

/// A square cell of an ``AreaAirQuality`` grid: column `x` east and row `y` north of the origin's cell.
public struct GridCell: Hashable, Sendable, Codable, Comparable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
    public static func < (a: GridCell, b: GridCell) -> Bool { (a.y, a.x) < (b.y, b.x) }
}

/// One sensor's latest AQI, where it stands and when it was measured.
public struct SensorAQI: Hashable, Sendable {
    public var sensorID: String
    public var location: GeoPoint
    public var aqi: Int
    /// The responsible pollutant, when known.
    public var pollutant: AQIPollutant?
    public var observedAt: Timestamp

    public init(sensorID: String, location: GeoPoint, aqi: Int, pollutant: AQIPollutant? = nil, observedAt: Timestamp) {
        self.sensorID = sensorID
        self.location = location
        self.aqi = aqi
        self.pollutant = pollutant
        self.observedAt = observedAt
    }
}

/// A cell's air quality: its worst sensor and the mean over its sensors.
public struct AreaAQI: Hashable, Sendable {
    public var worstAQI: Int
    public var worstSensorID: String
    public var worstPollutant: AQIPollutant?
    public var meanAQI: Double
    public var sensorCount: Int

    /// The category of the worst sensor, which is what a resident in the cell should act on.
    public var category: AQICategory { AQICategory(aqi: worstAQI) }
}
