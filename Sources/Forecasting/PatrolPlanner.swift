/// Chooses cells to send patrol units to.
public enum PatrolPlanner {
    /// Up to `units` cells, greedily by intensity, each centre at least `minSpacingMetres` from every chosen centre.
    ///
    /// Greedy: take the highest-intensity cell not within the spacing of one already chosen, until
    /// `units` are placed (fewer only when no cell is left that keeps the spacing). Ties go to the
    /// lower cell index.
    ///
    /// - Note: Optimality gap. Choosing spaced cells to maximise total intensity is a maximum-weight
    ///   independent set in a unit-disk graph (NP-hard). Greedy keeps at least 1/6 of the optimum for
    ///   the same number of units: every optimal cell is either chosen, or excluded by a chosen cell at
    ///   least as heavy — and cells pairwise at least the spacing apart that are all within the spacing
    ///   of one cell number at most five — or was left because units ran out (charged to a distinct
    ///   chosen cell at least as heavy). On smooth intensity surfaces it is usually close to optimal.
    public static func choose(intensity: [Double], grid: ForecastGrid, units: Int, minSpacingMetres: Double) -> [Int] {
        precondition(intensity.count == grid.cellCount, "one intensity per grid cell")
        guard units > 0 else { return [] }
        let order = intensity.indices.sorted { intensity[$0] != intensity[$1] ? intensity[$0] > intensity[$1] : $0 < $1 }
        let spacing2 = minSpacingMetres * minSpacingMetres
        var chosen: [Int] = []
        var centres: [(x: Double, y: Double)] = []
        for cell in order {
            let c = grid.centreMetres(of: cell)
            let clear = centres.allSatisfy { p in
                let dx = p.x - c.x, dy = p.y - c.y
                return dx * dx + dy * dy >= spacing2
            }
            guard clear else { continue }
            chosen.append(cell)
            centres.append(c)
            if chosen.count == units { break }
        }
        return chosen
    }

    /// Expected incidents covered by the chosen cells (the sum of their intensities).
    public static func expectedIncidents(intensity: [Double], cells: [Int]) -> Double {
        cells.reduce(0) { $0 + intensity[$1] }
    }
}
