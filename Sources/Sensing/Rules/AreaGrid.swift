import Foundation
import Geo

/// Square-ish grid cells of a fixed side in metres, for area rules.
///
/// Rows are `cellMetres` of latitude; within a row, columns are `cellMetres` wide at the row's centre
/// latitude, so a cell is within a fraction of a percent of square at city scale and needs no origin.
struct AreaGrid: Sendable {
    var cellMetres: Double
    static let metresPerDegree = GreatCircle.earthRadiusMetres * Double.pi / 180

    func cell(of point: GeoPoint) -> (x: Int, y: Int) {
        let y = Int((point.latitude * Self.metresPerDegree / cellMetres).rounded(.down))
        let width = columnDegrees(row: y)
        return (Int((point.longitude / width).rounded(.down)), y)
    }

    func centre(x: Int, y: Int) -> GeoPoint {
        let rowDegrees = cellMetres / Self.metresPerDegree
        return GeoPoint(latitude: (Double(y) + 0.5) * rowDegrees, longitude: (Double(x) + 0.5) * columnDegrees(row: y))
    }

    private func columnDegrees(row y: Int) -> Double {
        let centreLatitude = (Double(y) + 0.5) * cellMetres / Self.metresPerDegree
        let cosine = max(cos(centreLatitude * Double.pi / 180), 1e-6)
        return cellMetres / (Self.metresPerDegree * cosine)
    }
}
