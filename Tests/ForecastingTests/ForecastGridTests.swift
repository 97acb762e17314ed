import Geo
import SafeCityCore
import Testing
@testable import Forecasting

@Suite struct ForecastGridTests {
    @Test func cellsAreSquaresOfTheStatedSizeOnTheGround() {
        let bounds = BoundingBox(minLatitude: 41.75, minLongitude: -87.66, maxLatitude: 41.86, maxLongitude: -87.55)
        let grid = ForecastGrid(bounds: bounds, cellMetres: 150)
        // 0.11° of latitude ≈ 12.23 km and 0.11° of longitude at 41.8° N ≈ 9.12 km (great circle).
        let northSouth = GreatCircle.distanceMetres(GeoPoint(latitude: 41.75, longitude: -87.6), GeoPoint(latitude: 41.86, longitude: -87.6))
        let eastWest = GreatCircle.distanceMetres(GeoPoint(latitude: 41.805, longitude: -87.66), GeoPoint(latitude: 41.805, longitude: -87.55))
        #expect(grid.rows == Int((northSouth / 150).rounded(.up)))
        #expect(abs(grid.columns - Int((eastWest / 150).rounded(.up))) <= 1)
        #expect(grid.cellCount == grid.rows * grid.columns)
        #expect(grid.cellAreaSquareMetres == 22_500)
        let a = grid.centre(of: 1000), east = grid.centre(of: 1001), north = grid.centre(of: 1000 + grid.columns)
        #expect(abs(GreatCircle.distanceMetres(a, east) - 150) < 1.5)
        #expect(abs(GreatCircle.distanceMetres(a, north) - 150) < 1.5)
    }

    @Test func cellOfCentreRoundTripsAndOutsideIsNil() {
        let grid = TestSupport.twoByTwoGrid()
        #expect(grid.cellCount == 4 && grid.columns == 2 && grid.rows == 2)
        for cell in 0..<4 { #expect(grid.cell(of: grid.centre(of: cell)) == cell) }
        #expect(grid.centre(of: 3).latitude > grid.centre(of: 1).latitude)
        #expect(grid.centre(of: 1).longitude > grid.centre(of: 0).longitude)
        #expect(grid.cell(of: grid.frame.point(x: 150, y: 0)) == nil)
        #expect(grid.cell(of: grid.frame.point(x: 0, y: -120)) == nil)
    }

    @Test func polygonIsAClosedCounterClockwiseRingAroundTheCentre() {
        let grid = TestSupport.twoByTwoGrid()
        let ring = grid.polygon(of: 2)
        #expect(ring.count == 5 && ring.first == ring.last)
        var area = 0.0 // shoelace in degrees: positive means counter-clockwise
        for i in 0..<4 { area += ring[i].longitude * ring[i + 1].latitude - ring[i + 1].longitude * ring[i].latitude }
        #expect(area > 0)
        let district = District(name: "cell", polygon: ring)
        #expect(district.contains(grid.centre(of: 2)))
        #expect(!district.contains(grid.centre(of: 3)))
        #expect(abs(GreatCircle.distanceMetres(ring[0], ring[1]) - 100) < 1)
    }

    @Test func gridFromRecordsCoversThemWithPadding() {
        let records = [IncidentRecord(time: Timestamp(millisecondsSince1970: 0), location: GeoPoint(latitude: 41.8, longitude: -87.6)),
                       IncidentRecord(time: Timestamp(millisecondsSince1970: 0), location: GeoPoint(latitude: 41.81, longitude: -87.59))]
        let grid = ForecastGrid(records: records, cellMetres: 150, paddingMetres: 300)!
        #expect(records.allSatisfy { grid.cell(of: $0.location) != nil })
        #expect(grid.cell(of: GeoPoint(latitude: 41.8 - 250 / 111_195.0, longitude: -87.6)) != nil)
        #expect(ForecastGrid(records: [], cellMetres: 150) == nil)
    }
}
