import Foundation
import Geo

/// A square-cell grid over an area, the unit every forecast ranks.
///
/// Cells are `cellMetres` squares in a ``GridFrame`` (equirectangular about the bounds' centre),
/// numbered row by row from the south-west corner: `cell = row × columns + column`.
public struct ForecastGrid: Hashable, Sendable, Codable {
    /// The metric frame cells are laid in.
    public let frame: GridFrame
    /// Side of a cell in metres.
    public let cellMetres: Double
    /// Cells west to east.
    public let columns: Int
    /// Cells south to north.
    public let rows: Int
    /// West edge of the grid in frame metres.
    public let originX: Double
    /// South edge of the grid in frame metres.
    public let originY: Double

    /// A grid covering `bounds` (grown up to a whole number of cells to the north and east).
    public init(bounds: BoundingBox, cellMetres: Double = 150) {
        precondition(cellMetres > 0 && cellMetres.isFinite, "cellMetres must be positive")
        let centre = GeoPoint(latitude: (bounds.minLatitude + bounds.maxLatitude) / 2,
                              longitude: (bounds.minLongitude + bounds.maxLongitude) / 2)
        frame = GridFrame(origin: centre)
        let southWest = frame.metres(of: GeoPoint(latitude: bounds.minLatitude, longitude: bounds.minLongitude))
        let northEast = frame.metres(of: GeoPoint(latitude: bounds.maxLatitude, longitude: bounds.maxLongitude))
        self.cellMetres = cellMetres
        originX = southWest.x
        originY = southWest.y
        columns = max(1, Int(((northEast.x - southWest.x) / cellMetres).rounded(.up)))
        rows = max(1, Int(((northEast.y - southWest.y) / cellMetres).rounded(.up)))
    }

    /// A grid covering every record's location, padded by `paddingMetres` on each side; nil when there are none.
    public init?(records: [IncidentRecord], cellMetres: Double = 150, paddingMetres: Double = 0) {
        guard var box = BoundingBox(enclosing: records.lazy.map(\.location)) else { return nil }
        if paddingMetres > 0 {
            let frame = GridFrame(origin: GeoPoint(latitude: (box.minLatitude + box.maxLatitude) / 2,
                                                    longitude: (box.minLongitude + box.maxLongitude) / 2))
            let sw = frame.metres(of: GeoPoint(latitude: box.minLatitude, longitude: box.minLongitude))
            let ne = frame.metres(of: GeoPoint(latitude: box.maxLatitude, longitude: box.maxLongitude))
            box.extend(with: frame.point(x: sw.x - paddingMetres, y: sw.y - paddingMetres))
            box.extend(with: frame.point(x: ne.x + paddingMetres, y: ne.y + paddingMetres))
        }
        self.init(bounds: box, cellMetres: cellMetres)
    }

    /// Number of cells.
    public var cellCount: Int { columns * rows }

    /// Area of one cell in square metres.
    public var cellAreaSquareMetres: Double { cellMetres * cellMetres }

    /// Metres east and north of the frame origin.
    public func metres(of point: GeoPoint) -> (x: Double, y: Double) { frame.metres(of: point) }

    /// The cell holding a point, or nil when it is outside the grid.
    public func cell(of point: GeoPoint) -> Int? {
        let p = frame.metres(of: point)
        return cell(x: p.x, y: p.y)
    }

    /// The cell holding a frame position in metres, or nil when it is outside the grid.
    public func cell(x: Double, y: Double) -> Int? {
        guard let column = index((x - originX) / cellMetres, count: columns),
              let row = index((y - originY) / cellMetres, count: rows) else { return nil }
        return row * columns + column
    }

    /// Column (west to east) of a cell.
    public func column(of cell: Int) -> Int { cell % columns }

    /// Row (south to north) of a cell.
    public func row(of cell: Int) -> Int { cell / columns }

    /// Centre of a cell in frame metres.
    public func centreMetres(of cell: Int) -> (x: Double, y: Double) {
        (originX + (Double(column(of: cell)) + 0.5) * cellMetres, originY + (Double(row(of: cell)) + 0.5) * cellMetres)
    }

    /// Centre of a cell.
    public func centre(of cell: Int) -> GeoPoint {
        let c = centreMetres(of: cell)
        return frame.point(x: c.x, y: c.y)
    }

    /// The cell's outline as a closed counter-clockwise ring (SW, SE, NE, NW, SW), ready for a GeoJSON polygon.
    public func polygon(of cell: Int) -> [GeoPoint] {
        let west = originX + Double(column(of: cell)) * cellMetres
        let south = originY + Double(row(of: cell)) * cellMetres
        let east = west + cellMetres
        let north = south + cellMetres
        let ring = [frame.point(x: west, y: south), frame.point(x: east, y: south),
                    frame.point(x: east, y: north), frame.point(x: west, y: north)]
        return ring + [ring[0]]
    }

    /// Cell index along one axis; a point exactly on the far edge belongs to the last cell.
    private func index(_ position: Double, count: Int) -> Int? {
        guard position.isFinite, position >= 0 else { return nil }
        let i = Int(position.rounded(.down))
        if i < count { return i }
        return i == count && position == Double(count) ? count - 1 : nil
    }
}
