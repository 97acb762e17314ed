import Foundation
import Geo
import SafeCityCore
import Testing
@testable import Sensing

@Suite struct AreaAirQualityTests {
    let origin = GeoPoint(latitude: 51.5, longitude: -0.15)

    /// A point `east` and `north` metres from the origin, by great-circle offsets.
    private func offset(east: Double, north: Double) -> GeoPoint {
        let r = GreatCircle.earthRadiusMetres
        let lat = origin.latitude + north / r * 180 / .pi
        let lon = origin.longitude + east / (r * cos(origin.latitude * .pi / 180)) * 180 / .pi
        return GeoPoint(latitude: lat, longitude: lon)
    }

    @Test func cellsAreKeyedByMetresFromTheOrigin() throws {
        let grid = try AreaAirQuality(origin: origin, cellSizeMetres: 500)
        #expect(grid.cell(of: origin) == GridCell(x: 0, y: 0))
        #expect(grid.cell(of: offset(east: 499, north: 10)) == GridCell(x: 0, y: 0))
        #expect(grid.cell(of: offset(east: 501, north: 10)) == GridCell(x: 1, y: 0))
        #expect(grid.cell(of: offset(east: -1, north: -1)) == GridCell(x: -1, y: -1))
        #expect(grid.cell(of: offset(east: 1_250, north: 2_600)) == GridCell(x: 2, y: 5))
        // The projection agrees with great-circle distance to well under a metre at this scale.
        #expect(abs(GreatCircle.distanceMetres(origin, offset(east: 0, north: 2_600)) - 2_600) < 1)
        #expect(throws: AQIError.invalidCellSize(0)) { try AreaAirQuality(origin: origin, cellSizeMetres: 0) }
    }

    @Test func worstAndMeanPerCellExcludingUnhealthySensorsAndKeepingTheLatest() throws {
        let grid = try AreaAirQuality(origin: origin, cellSizeMetres: 500)
        let t0 = Timestamp(millisecondsSince1970: 1_700_000_000_000)
        let t1 = t0.adding(milliseconds: 3_600_000)
        let readings = [
            SensorAQI(sensorID: "a", location: offset(east: 100, north: 100), aqi: 40, pollutant: .pm25, observedAt: t0),
            SensorAQI(sensorID: "b", location: offset(east: 200, north: 300), aqi: 120, pollutant: .o3EightHour, observedAt: t0),
            SensorAQI(sensorID: "c", location: offset(east: 400, north: 50), aqi: 61, observedAt: t0),
            // Flagged unhealthy: a stuck sensor reading 400 must not drive the cell.
            SensorAQI(sensorID: "stuck", location: offset(east: 250, north: 250), aqi: 400, observedAt: t1),
            // b's newer reading replaces its older one.
            SensorAQI(sensorID: "b", location: offset(east: 200, north: 300), aqi: 90, pollutant: .pm25, observedAt: t1),
            SensorAQI(sensorID: "d", location: offset(east: 800, north: 100), aqi: 155, observedAt: t0),
        ]
        let cells = grid.summarise(readings, excluding: ["stuck"])
        #expect(cells.count == 2)
        let home = try #require(cells[GridCell(x: 0, y: 0)])
        #expect(home.sensorCount == 3)
        #expect(home.worstAQI == 90)
        #expect(home.worstSensorID == "b")
        #expect(home.worstPollutant == .pm25)
        #expect(abs(home.meanAQI - (40 + 90 + 61) / 3.0) < 1e-12)
        #expect(home.category == .moderate)
        let east = try #require(cells[GridCell(x: 1, y: 0)])
        #expect(east.worstAQI == 155 && east.sensorCount == 1 && east.category == .unhealthy)
        // Without the exclusion the stuck sensor dominates.
        #expect(grid.summarise(readings)[GridCell(x: 0, y: 0)]?.worstAQI == 400)
    }
}
