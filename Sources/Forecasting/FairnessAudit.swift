import Foundation

/// Checks whether a backtested forecast flags some districts far more than their share of incidents warrants.
///
/// Each grid cell belongs to the first district containing its centre; cells in no district are
/// left out, and every share is among the audited districts. Over all steps of a backtest, for one
/// method and coverage, each district gets its share of area, population, test incidents and
/// flagged cell-steps, and its hit rate. The disparity summary is the max/min ratio across
/// districts of (flagged share ÷ incident share) — 1 when patrol attention follows recorded harm
/// evenly — and of hit rate; a warning is raised when either exceeds `disparityThreshold`.
public struct FairnessAudit: Sendable {
    /// Districts to compare.
    public var districts: [District]
    /// Max/min ratio above which a warning is written (default 1.5).
    public var disparityThreshold: Double

    public init(districts: [District], disparityThreshold: Double = 1.5) {
        self.districts = districts
        self.disparityThreshold = disparityThreshold
    }

    /// Audits one method at one coverage of a backtest run on `grid`.
    public func audit(_ result: BacktestResult, grid: ForecastGrid, method: String, coverage: Double) -> FairnessReport {
        let methodIndex = result.methods.firstIndex(of: method)
        let coverageIndex = result.coverages.firstIndex { abs($0 - coverage) < 1e-12 }
        let districtOfCell = (0..<grid.cellCount).map { cell in
            let centre = grid.centre(of: cell)
            return districts.firstIndex { $0.contains(centre) }
        }
        var cells = [Int](repeating: 0, count: districts.count)
        var flagged = [Int](repeating: 0, count: districts.count)
        var incidents = [Int](repeating: 0, count: districts.count)
        var hits = [Int](repeating: 0, count: districts.count)
        for district in districtOfCell.compactMap({ $0 }) { cells[district] += 1 }
        for step in result.steps {
            let chosen: [Int] = if let methodIndex, let coverageIndex { step.flagged[methodIndex][coverageIndex] } else { [] }
            let chosenSet = Set(chosen)
            for cell in chosen { if let d = districtOfCell[cell] { flagged[d] += 1 } }
            for cell in step.incidentCells {
                guard let d = districtOfCell[cell] else { continue }
                incidents[d] += 1
                if chosenSet.contains(cell) { hits[d] += 1 }
            }
        }
        let totalCells = Double(cells.reduce(0, +))
        let totalFlagged = Double(flagged.reduce(0, +))
        let totalIncidents = Double(incidents.reduce(0, +))
        let populations = districts.compactMap(\.population)
        let totalPopulation = populations.count == districts.count ? populations.reduce(0, +) : 0
        func share(_ part: Double, _ whole: Double) -> Double { whole > 0 ? part / whole : 0 }

        let rows = districts.indices.map { d in
            let incidentShare = share(Double(incidents[d]), totalIncidents)
            let flaggedShare = share(Double(flagged[d]), totalFlagged)
            let populationShare = totalPopulation > 0 ? districts[d].population.map { $0 / totalPopulation } : nil
            return DistrictFairness(
                name: districts[d].name, cells: cells[d], areaShare: share(Double(cells[d]), totalCells),
                populationShare: populationShare, incidentShare: incidentShare, flaggedShare: flaggedShare,
                incidents: incidents[d], hits: hits[d],
                hitRate: incidents[d] > 0 ? Double(hits[d]) / Double(incidents[d]) : nil,
                flaggedToIncidentRatio: incidentShare > 0 ? flaggedShare / incidentShare : nil,
                flaggedToPopulationRatio: populationShare.flatMap { $0 > 0 ? flaggedShare / $0 : nil })
        }
        let flaggedDisparity = maxOverMin(rows.compactMap(\.flaggedToIncidentRatio))
        let hitRateDisparity = maxOverMin(rows.compactMap(\.hitRate))
        var warnings: [String] = []
        if methodIndex == nil || coverageIndex == nil {
            warnings.append("the backtest has no method \"\(method)\" at coverage \(coverage)")
        }
        if let flaggedDisparity, flaggedDisparity > disparityThreshold,
           let high = rows.filter({ $0.flaggedToIncidentRatio != nil }).max(by: { $0.flaggedToIncidentRatio! < $1.flaggedToIncidentRatio! }),
           let low = rows.filter({ $0.flaggedToIncidentRatio != nil }).min(by: { $0.flaggedToIncidentRatio! < $1.flaggedToIncidentRatio! }) {
            warnings.append("\(high.name) is flagged \(two(high.flaggedToIncidentRatio!))× its share of incidents and \(low.name) "
                + "\(two(low.flaggedToIncidentRatio!))×: a disparity of \(two(flaggedDisparity)), above \(two(disparityThreshold))")
        }
        if let hitRateDisparity, hitRateDisparity > disparityThreshold {
            warnings.append("hit rates differ between districts by a factor of \(two(hitRateDisparity)), above \(two(disparityThreshold)): "
                + "the forecast serves some districts' incidents much less well")
        }
        return FairnessReport(method: method, coverage: coverage, districts: rows,
                              flaggedToIncidentDisparity: flaggedDisparity, hitRateDisparity: hitRateDisparity, warnings: warnings)
    }
}

/// A number with two decimals ("inf" for infinity).
func two(_ value: Double) -> String {
    value.isFinite ? String(format: "%.2f", value) : "inf"
}

/// The largest value over the smallest; infinity when the smallest is 0 and the largest is not; nil for fewer than two values.
func maxOverMin(_ values: [Double]) -> Double? {
    guard values.count >= 2, let high = values.max(), let low = values.min() else { return nil }
    if low > 0 { return high / low }
    return high > 0 ? .infinity : 1
}
