import Foundation
import SafeCityCore

/// The working arrays of one EM fit: incidents in frame metres and days, candidate parent–child
/// pairs, and each incident's background kernel on the grid.
struct FitData {
    let model: SelfExcitingModel
    let grid: ForecastGrid
    let t: [Double]
    let x: [Double]
    let y: [Double]
    let cell: [Int]
    let start: Timestamp
    let durationDays: Double
    // Candidate parents of child j are pairParent[childStart[j]..<childStart[j + 1]].
    var childStart: [Int] = []
    var pairParent: [Int32] = []
    var pairDelayDays: [Double] = []
    var pairHalfSquaredDistance: [Double] = []
    // Background kernel of incident j: columns kernelColumn0[j]..., weights in kernelX/kernelY from kernelXStart/kernelYStart.
    var kernelColumn0: [Int] = []
    var kernelRow0: [Int] = []
    var kernelXStart: [Int] = []
    var kernelYStart: [Int] = []
    var kernelX: [Double] = []
    var kernelY: [Double] = []
    var kernelSelf: [Double] = []

    init(history: [IncidentRecord], grid: ForecastGrid, end: Timestamp?, model: SelfExcitingModel) {
        self.model = model
        self.grid = grid
        var kept: [(time: Timestamp, x: Double, y: Double, cell: Int)] = []
        kept.reserveCapacity(history.count)
        for record in history {
            if let end, record.time >= end { continue }
            let p = grid.metres(of: record.location)
            guard let c = grid.cell(x: p.x, y: p.y) else { continue }
            kept.append((record.time, p.x, p.y, c))
        }
        kept.sort { $0.time < $1.time }
        start = kept.first?.time ?? end ?? Timestamp(millisecondsSince1970: 0)
        let last = end ?? kept.last?.time ?? start
        durationDays = max(last.days(since: start), 1e-3)
        t = kept.map { $0.time.days(since: kept[0].time) }
        x = kept.map(\.x)
        y = kept.map(\.y)
        cell = kept.map(\.cell)
        findPairs()
        buildKernels()
    }

    var count: Int { t.count }

    /// Finds, for each incident, the earlier incidents close enough in time and space to have triggered it.
    private mutating func findPairs() {
        let radius = model.triggerRadiusMetres
        let r2 = radius * radius
        let window = model.timeWindowDays
        let bucketColumns = max(1, Int((Double(grid.columns) * grid.cellMetres / radius).rounded(.up)))
        let bucketRows = max(1, Int((Double(grid.rows) * grid.cellMetres / radius).rounded(.up)))
        var buckets = [[Int32]](repeating: [], count: bucketColumns * bucketRows)
        func bucket(_ value: Double, _ origin: Double, _ limit: Int) -> Int {
            min(limit - 1, max(0, Int(((value - origin) / radius).rounded(.down))))
        }
        childStart.reserveCapacity(count + 1)
        childStart.append(0)
        for j in 0..<count {
            let bc = bucket(x[j], grid.originX, bucketColumns)
            let br = bucket(y[j], grid.originY, bucketRows)
            for row in max(0, br - 1)...min(bucketRows - 1, br + 1) {
                for column in max(0, bc - 1)...min(bucketColumns - 1, bc + 1) {
                    let members = buckets[row * bucketColumns + column]
                    var k = members.count - 1
                    while k >= 0 {
                        let i = Int(members[k])
                        let delay = t[j] - t[i]
                        if delay > window { break }
                        let dx = x[j] - x[i], dy = y[j] - y[i]
                        let d2 = dx * dx + dy * dy
                        if d2 <= r2 && delay > 0 {
                            pairParent.append(Int32(i))
                            pairDelayDays.append(delay)
                            pairHalfSquaredDistance.append(d2 / 2)
                        }
                        k -= 1
                    }
                }
            }
            childStart.append(pairParent.count)
            buckets[br * bucketColumns + bc].append(Int32(j))
        }
    }

    /// Each incident's Gaussian background kernel over the grid cells, normalised to one inside the grid.
    private mutating func buildKernels() {
        let bandwidths = backgroundBandwidths()
        let size = grid.cellMetres
        kernelColumn0.reserveCapacity(count)
        kernelSelf.reserveCapacity(count)
        for j in 0..<count {
            let h = max(bandwidths[j], 1e-3 * size) // a zero bandwidth (stacked duplicates) would divide by zero
            let reach = 3 * h
            let c0 = max(0, Int(((x[j] - reach - grid.originX) / size).rounded(.down)))
            let c1 = min(grid.columns - 1, Int(((x[j] + reach - grid.originX) / size).rounded(.down)))
            let r0 = max(0, Int(((y[j] - reach - grid.originY) / size).rounded(.down)))
            let r1 = min(grid.rows - 1, Int(((y[j] + reach - grid.originY) / size).rounded(.down)))
            let twoVariance = 2 * h * h
            kernelColumn0.append(c0)
            kernelRow0.append(r0)
            kernelXStart.append(kernelX.count)
            kernelYStart.append(kernelY.count)
            var sumX = 0.0, sumY = 0.0
            for c in c0...max(c0, c1) {
                let d = grid.originX + (Double(c) + 0.5) * size - x[j]
                let w = exp(-d * d / twoVariance)
                kernelX.append(w)
                sumX += w
            }
            for r in r0...max(r0, r1) {
                let d = grid.originY + (Double(r) + 0.5) * size - y[j]
                let w = exp(-d * d / twoVariance)
                kernelY.append(w)
                sumY += w
            }
            let xs = kernelXStart[j], ys = kernelYStart[j]
            for k in xs..<kernelX.count { kernelX[k] /= sumX }
            for k in ys..<kernelY.count { kernelY[k] /= sumY }
            let ownColumn = grid.column(of: cell[j]), ownRow = grid.row(of: cell[j])
            kernelSelf.append(kernelX[xs + ownColumn - c0] * kernelY[ys + ownRow - r0])
        }
        kernelXStart.append(kernelX.count)
        kernelYStart.append(kernelY.count)
    }

    /// Background counts per cell: Σⱼ weightⱼ · kernelⱼ.
    func spread(_ weights: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: grid.cellCount)
        let columns = grid.columns
        kernelX.withUnsafeBufferPointer { kx in
            kernelY.withUnsafeBufferPointer { ky in
                out.withUnsafeMutableBufferPointer { o in
                    for j in 0..<count where weights[j] > 0 {
                        let xs = kernelXStart[j], xe = kernelXStart[j + 1]
                        let ys = kernelYStart[j], ye = kernelYStart[j + 1]
                        let c0 = kernelColumn0[j]
                        var row = kernelRow0[j]
                        for a in ys..<ye {
                            let wy = weights[j] * ky[a]
                            let base = row * columns + c0
                            for b in xs..<xe { o[base + b - xs] += wy * kx[b] }
                            row += 1
                        }
                    }
                }
            }
        }
        return out
    }

    /// Per-incident background bandwidths in metres.
    private func backgroundBandwidths() -> [Double] {
        switch model.backgroundBandwidth {
        case let .fixed(metres):
            return [Double](repeating: metres, count: count)
        case let .nearestNeighbour(k, minimumMetres):
            return nearestNeighbourDistances(k: k).map { max(minimumMetres, $0) }
        }
    }

    /// Distance from each incident to its k-th nearest other incident (searching grid cells ring by ring).
    private func nearestNeighbourDistances(k: Int) -> [Double] {
        guard count > 1, k > 0 else { return [Double](repeating: 0, count: count) }
        var cellStart = [Int](repeating: 0, count: grid.cellCount + 1)
        for c in cell { cellStart[c + 1] += 1 }
        for c in 0..<grid.cellCount { cellStart[c + 1] += cellStart[c] }
        var fill = cellStart
        var members = [Int](repeating: 0, count: count)
        for j in 0..<count {
            members[fill[cell[j]]] = j
            fill[cell[j]] += 1
        }
        let needed = min(k, count - 1)
        let maxRing = max(grid.columns, grid.rows)
        var result = [Double](repeating: 0, count: count)
        var distances: [Double] = []
        for j in 0..<count {
            distances.removeAll(keepingCapacity: true)
            let column = grid.column(of: cell[j]), row = grid.row(of: cell[j])
            var ring = 0
            var found = Double.infinity
            while ring <= maxRing {
                for r in (row - ring)...(row + ring) where r >= 0 && r < grid.rows {
                    let onEdgeRow = r == row - ring || r == row + ring
                    let step = onEdgeRow ? 1 : max(1, 2 * ring)
                    var c = column - ring
                    while c <= column + ring {
                        if c >= 0 && c < grid.columns {
                            let index = r * grid.columns + c
                            for m in cellStart[index]..<cellStart[index + 1] where members[m] != j {
                                let i = members[m]
                                let dx = x[i] - x[j], dy = y[i] - y[j]
                                distances.append((dx * dx + dy * dy).squareRoot())
                            }
                        }
                        c += step
                    }
                }
                if distances.count >= needed {
                    distances.sort()
                    found = distances[needed - 1]
                    if found <= Double(ring) * grid.cellMetres { break }
                }
                ring += 1
            }
            result[j] = found.isFinite ? found : 0
        }
        return result
    }
}
