import Foundation
import Geo

/// A cell of the monitor's square grid, or the city-wide cell of posts without a location.
public struct GridCell: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// Cells northward of the grid origin.
    public var row: Int32
    /// Cells eastward of the grid origin.
    public var column: Int32

    public init(row: Int32, column: Int32) {
        self.row = row
        self.column = column
    }

    /// The cell of posts that could not be placed (no geotag, no known place).
    public static let cityWide = GridCell(row: .min, column: .min)

    /// Whether this is ``cityWide``.
    public var isCityWide: Bool { self == .cityWide }

    /// Whether the two cells touch at a side or a corner (never for the city-wide cell).
    public func isAdjacent(to other: GridCell) -> Bool {
        guard !isCityWide, !other.isCityWide, self != other else { return false }
        return abs(Int(row) - Int(other.row)) <= 1 && abs(Int(column) - Int(other.column)) <= 1
    }

    public static func < (lhs: GridCell, rhs: GridCell) -> Bool { (lhs.row, lhs.column) < (rhs.row, rhs.column) }

    /// `r12c-3`, or `city` for the city-wide cell.
    public var description: String { isCityWide ? "city" : "r\(row)c\(column)" }
}

/// Square cells of a given size on a local equirectangular projection around an origin,
/// which is exact to well under 1 % across a city.
public struct SocialGrid: Sendable, Equatable {
    public let origin: GeoPoint
    public let cellSizeMetres: Double
    private let metresPerDegreeLatitude: Double
    private let metresPerDegreeLongitude: Double

    /// A grid of `cellSizeMetres` squares with a cell corner at `origin`.
    public init(origin: GeoPoint, cellSizeMetres: Double) {
        self.origin = origin
        self.cellSizeMetres = cellSizeMetres
        metresPerDegreeLatitude = GreatCircle.earthRadiusMetres * .pi / 180
        metresPerDegreeLongitude = metresPerDegreeLatitude * cos(origin.latitude * .pi / 180)
    }

    /// The cell holding `point`.
    public func cell(for point: GeoPoint) -> GridCell {
        let north = (point.latitude - origin.latitude) * metresPerDegreeLatitude / cellSizeMetres
        let east = (point.longitude - origin.longitude) * metresPerDegreeLongitude / cellSizeMetres
        // Clamped so that a point across the globe cannot overflow or land on the city-wide sentinel.
        let limit = Double(Int32.max - 1)
        return GridCell(row: Int32(max(-limit, min(limit, north.rounded(.down)))),
                        column: Int32(max(-limit, min(limit, east.rounded(.down)))))
    }

    /// The cell's corners as a box; nil for the city-wide cell.
    public func bounds(of cell: GridCell) -> BoundingBox? {
        guard !cell.isCityWide else { return nil }
        let south = origin.latitude + Double(cell.row) * cellSizeMetres / metresPerDegreeLatitude
        let west = origin.longitude + Double(cell.column) * cellSizeMetres / metresPerDegreeLongitude
        return BoundingBox(minLatitude: south, minLongitude: west,
                           maxLatitude: south + cellSizeMetres / metresPerDegreeLatitude,
                           maxLongitude: west + cellSizeMetres / metresPerDegreeLongitude)
    }

    /// The cell's centre; nil for the city-wide cell.
    public func centre(of cell: GridCell) -> GeoPoint? {
        bounds(of: cell).map { GeoPoint(latitude: ($0.minLatitude + $0.maxLatitude) / 2, longitude: ($0.minLongitude + $0.maxLongitude) / 2) }
    }
}
