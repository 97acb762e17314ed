import SafeCityCore

/// Prospective hot-spotting (Bowers, Johnson & Pease 2004): recent nearby incidents raise a cell's risk,
/// weighted 1/(1 + space band) · 1/(1 + time band).
///
/// As in the paper, distance is counted in cells and time in weeks: the space band of an incident
/// for a cell is the distance between the centres of the incident's cell and that cell, in cell
/// widths, rounded down (a neighbour across an edge is band 1, across a corner band 1); the time band is
/// the incident's age in whole weeks. An incident counts when its distance is within
/// `spaceBandwidthMetres` (so within ⌊400 / cell⌋ bands) and its age is under `timeBandwidthWeeks` weeks.
public struct ProspectiveHotspot: ForecastMethod {
    /// Spatial bandwidth in metres (default 400 m, the paper's).
    public var spaceBandwidthMetres: Double
    /// Temporal bandwidth in weeks (default 8, the paper's two months).
    public var timeBandwidthWeeks: Double
    /// Name in backtest output (default `prospective`).
    public var name: String

    public init(spaceBandwidthMetres: Double = 400, timeBandwidthWeeks: Double = 8, name: String = "prospective") {
        self.spaceBandwidthMetres = spaceBandwidthMetres
        self.timeBandwidthWeeks = timeBandwidthWeeks
        self.name = name
    }

    public func intensity(history: [IncidentRecord], at: Timestamp, grid: ForecastGrid) -> [Double] {
        var scores = [Double](repeating: 0, count: grid.cellCount)
        let maxBand = Int((spaceBandwidthMetres / grid.cellMetres).rounded(.down))
        for record in history where record.time < at {
            let ageWeeks = at.days(since: record.time) / 7
            guard ageWeeks < timeBandwidthWeeks, let home = grid.cell(of: record.location) else { continue }
            let timeWeight = 1 / (1 + ageWeeks.rounded(.down))
            let homeColumn = grid.column(of: home)
            let homeRow = grid.row(of: home)
            for row in max(0, homeRow - maxBand)...min(grid.rows - 1, homeRow + maxBand) {
                for column in max(0, homeColumn - maxBand)...min(grid.columns - 1, homeColumn + maxBand) {
                    let dc = Double(column - homeColumn)
                    let dr = Double(row - homeRow)
                    let band = (dc * dc + dr * dr).squareRoot().rounded(.down)
                    guard band <= Double(maxBand) else { continue }
                    scores[row * grid.columns + column] += timeWeight / (1 + band)
                }
            }
        }
        return scores
    }
}
