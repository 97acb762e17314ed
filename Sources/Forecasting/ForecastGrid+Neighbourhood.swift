extension ForecastGrid {
    /// Calls `body` with every cell whose centre is within `radiusMetres` of a frame position, and the squared distance.
    func forEachCell(near p: (x: Double, y: Double), radiusMetres: Double, _ body: (Int, Double) -> Void) {
        let r2 = radiusMetres * radiusMetres
        let firstColumn = max(0, Int(((p.x - radiusMetres - originX) / cellMetres - 0.5).rounded(.up)))
        let lastColumn = min(columns - 1, Int(((p.x + radiusMetres - originX) / cellMetres - 0.5).rounded(.down)))
        let firstRow = max(0, Int(((p.y - radiusMetres - originY) / cellMetres - 0.5).rounded(.up)))
        let lastRow = min(rows - 1, Int(((p.y + radiusMetres - originY) / cellMetres - 0.5).rounded(.down)))
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return }
        for row in firstRow...lastRow {
            let dy = originY + (Double(row) + 0.5) * cellMetres - p.y
            let dy2 = dy * dy
            guard dy2 <= r2 else { continue }
            for column in firstColumn...lastColumn {
                let dx = originX + (Double(column) + 0.5) * cellMetres - p.x
                let d2 = dx * dx + dy2
                if d2 <= r2 { body(row * columns + column, d2) }
            }
        }
    }
}
