import Foundation
import Geo

extension AreaAirQuality {
    /// A cell's corners as `[west, south, east, north]` in degrees, for drawing it on a map.
    public func bounds(of cell: GridCell) -> [Double] {
        let radians = Double.pi / 180
        let metresPerDegreeLatitude = GreatCircle.earthRadiusMetres * radians
        let metresPerDegreeLongitude = metresPerDegreeLatitude * cos(origin.latitude * radians)
        let west = origin.longitude + Double(cell.x) * cellSizeMetres / metresPerDegreeLongitude
        let south = origin.latitude + Double(cell.y) * cellSizeMetres / metresPerDegreeLatitude
        return [west, south, west + cellSizeMetres / metresPerDegreeLongitude, south + cellSizeMetres / metresPerDegreeLatitude]
    }
}
