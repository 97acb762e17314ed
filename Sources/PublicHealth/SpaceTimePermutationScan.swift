import Foundation
import Geo

/// Prospective space-time permutation scan statistic (Kulldorff et al. 2005, PLoS Medicine 2:e59):
/// finds the cylinder (a circle of nearest areas × a time window ending at the last period) whose
/// case count most exceeds what the area and period totals predict, with a Monte Carlo p-value.
///
/// Expected cases in area z and period d are μ_zd = C_z·C_d / C (row total × column total / grand
/// total), so no population is needed. For a cylinder with c cases and expectation μ the log
/// generalised likelihood ratio is c·ln(c/μ) + (C − c)·ln((C − c)/(C − μ)) when c > μ, else 0.
/// Replicates permute the periods of the cases, which keeps every area total and period total.
///
/// - Note: `maxAreaFraction` caps a cylinder's number of areas (not its cases): a circle holds at
///   most ⌊fraction · areas⌋ areas (at least 1). Both caps are unchanged by the permutation, so
///   the real and replicated data scan the same cylinders.
public struct SpaceTimePermutationScan: Sendable {
    /// One area: an identifier and the point its circle distances use.
    public struct Area: Equatable, Sendable {
        /// Caller's identifier.
        public var id: String
        /// Centroid (or representative point).
        public var centroid: GeoPoint
        /// Creates an area.
        public init(id: String, centroid: GeoPoint) {
            self.id = id
            self.centroid = centroid
        }
    }

    /// A scanned cylinder with its statistic and Monte Carlo p-value.
    public struct Cluster: Equatable, Sendable {
        /// Index (into the input areas) of the circle's centre.
        public var centreIndex: Int
        /// Indices of the areas in the circle, nearest first.
        public var areaIndices: [Int]
        /// Identifiers of those areas.
        public var areaIDs: [String]
        /// First period of the window (0-based); the window ends at the last period.
        public var startPeriod: Int
        /// Last period of the window (0-based), always the last period (prospective scan).
        public var endPeriod: Int
        /// Cases in the cylinder.
        public var observed: Int
        /// Cases expected from the area and period totals.
        public var expected: Double
        /// Log generalised likelihood ratio.
        public var logLikelihoodRatio: Double
        /// (1 + replicates whose largest ratio ≥ this one) / (replications + 1).
        public var pValue: Double
    }

    /// The scan's outcome.
    public struct Result: Equatable, Sendable {
        /// The cylinder with the largest ratio; nil when no cylinder has more cases than expected.
        public var mostLikely: Cluster?
        /// Further clusters sharing no area with the most likely or each other, by ratio.
        public var secondary: [Cluster]
        /// Number of Monte Carlo replications run.
        public var replications: Int
    }

    /// Largest share of the areas one circle may hold (0 < fraction ≤ 1).
    public var maxAreaFraction: Double
    /// Longest time window in periods.
    public var maxPeriods: Int
    /// Monte Carlo replications (999 gives p-values in steps of 0.001).
    public var replications: Int
    /// How many secondary clusters to report at most.
    public var maxSecondary: Int
    /// Whether a replicate stops once it beats the largest reported ratio and ignores ratios below
    /// the smallest (p-values are the same); `false` scans every replicate in full, as a baseline.
    public var stopsReplicatesEarly = true

    /// Creates a scan; SaTScan's customary defaults are half the areas and 999 replications.
    public init(maxAreaFraction: Double = 0.5, maxPeriods: Int = 7, replications: Int = 999, maxSecondary: Int = 10) {
        self.maxAreaFraction = maxAreaFraction
        self.maxPeriods = maxPeriods
        self.replications = replications
        self.maxSecondary = maxSecondary
    }

    /// Log generalised likelihood ratio of a cylinder with `observed` cases, `expected` expected,
    /// out of `total` cases; 0 unless observed > expected.
    public static func logLikelihoodRatio(observed c: Double, expected mu: Double, total: Double) -> Double {
        guard c > mu, mu > 0 else { return 0 }
        let rest = total - c
        let restTerm = rest > 0 ? rest * log(rest / (total - mu)) : 0
        return c * log(c / mu) + restTerm
    }

    /// Scans `counts[area][period]` (periods oldest first) over `areas`.
    ///
    /// - Throws: ``HealthInputError/invalidScanInput(reason:)`` when shapes disagree, a count is
    ///   negative or the settings are out of range.
    public func scan(areas: [Area], counts: [[Int]], using rng: inout some RandomNumberGenerator) throws(HealthInputError) -> Result {
        let n = areas.count
        guard n > 0 else { throw .invalidScanInput(reason: "no areas") }
        guard counts.count == n else { throw .invalidScanInput(reason: "\(counts.count) count rows for \(n) areas") }
        let periods = counts[0].count
        guard periods > 0 else { throw .invalidScanInput(reason: "no periods") }
        for (z, row) in counts.enumerated() {
            guard row.count == periods else { throw .invalidScanInput(reason: "area \(areas[z].id) has \(row.count) periods, expected \(periods)") }
            if let bad = row.firstIndex(where: { $0 < 0 }) { throw .invalidScanInput(reason: "area \(areas[z].id) period \(bad) has negative count \(row[bad])") }
        }
        guard maxAreaFraction > 0, maxAreaFraction <= 1 else { throw .invalidScanInput(reason: "maxAreaFraction \(maxAreaFraction) is not in (0, 1]") }
        guard maxPeriods >= 1 else { throw .invalidScanInput(reason: "maxPeriods \(maxPeriods) is below 1") }
        guard replications >= 0 else { throw .invalidScanInput(reason: "replications \(replications) is negative") }
        for a in areas where !a.centroid.isValid { throw .invalidScanInput(reason: "area \(a.id) centroid is not a valid coordinate") }

        let maxAreas = max(1, Int((maxAreaFraction * Double(n)).rounded(.down)))
        let windows = min(maxPeriods, periods)
        let neighbours = SpaceTimePermutationScan.neighbourLists(areas, size: maxAreas)
        var areaTotals = [Double](repeating: 0, count: n)
        var periodTotals = [Int](repeating: 0, count: periods)
        for z in 0..<n {
            for d in 0..<periods {
                areaTotals[z] += Double(counts[z][d])
                periodTotals[d] += counts[z][d]
            }
        }
        let total = areaTotals.reduce(0, +)
        guard total > 0 else { return Result(mostLikely: nil, secondary: [], replications: 0) }
        // Period totals of the windows ending at the last period, lengths 1…windows.
        var windowTotals = [Double](repeating: 0, count: windows)
        var acc = 0
        for l in 0..<windows {
            acc += periodTotals[periods - 1 - l]
            windowTotals[l] = Double(acc)
        }

        // Real data: each area's counts in the windows, then the best cylinder per centre.
        var suffix = [Double](repeating: 0, count: n * windows)
        SpaceTimePermutationScan.fillSuffix(counts: counts, periods: periods, windows: windows, into: &suffix)
        var scratch = [Double](repeating: 0, count: windows)
        var best: [Cluster] = []
        for centre in 0..<n {
            var top: (llr: Double, k: Int, l: Int, c: Double, mu: Double) = (0, 0, 0, 0, 0)
            for i in scratch.indices { scratch[i] = 0 }
            var areaSum = 0.0
            for k in 0..<maxAreas {
                let z = neighbours[centre * maxAreas + k]
                areaSum += areaTotals[z]
                for l in 0..<windows {
                    scratch[l] += suffix[z * windows + l]
                    let mu = areaSum * windowTotals[l] / total
                    let llr = SpaceTimePermutationScan.logLikelihoodRatio(observed: scratch[l], expected: mu, total: total)
                    if llr > top.llr { top = (llr, k, l, scratch[l], mu) }
                }
            }
            guard top.llr > 0 else { continue }
            let members = (0...top.k).map { neighbours[centre * maxAreas + $0] }
            best.append(Cluster(centreIndex: centre, areaIndices: members, areaIDs: members.map { areas[$0].id },
                                startPeriod: periods - 1 - top.l, endPeriod: periods - 1, observed: Int(top.c.rounded()),
                                expected: top.mu, logLikelihoodRatio: top.llr, pValue: 1))
        }
        best.sort { $0.logLikelihoodRatio > $1.logLikelihoodRatio || ($0.logLikelihoodRatio == $1.logLikelihoodRatio && $0.centreIndex < $1.centreIndex) }
        var chosen: [Cluster] = []
        var used = [Bool](repeating: false, count: n)
        for cluster in best where chosen.count < maxSecondary + 1 {
            if cluster.areaIndices.contains(where: { used[$0] }) { continue }
            for z in cluster.areaIndices { used[z] = true }
            chosen.append(cluster)
        }
        guard !chosen.isEmpty else { return Result(mostLikely: nil, secondary: [], replications: replications) }

        // Monte Carlo: shuffle the periods of all cases, deal them back by area totals.
        var caseTimes = [Int32]()
        caseTimes.reserveCapacity(Int(total))
        for d in 0..<periods { caseTimes.append(contentsOf: repeatElement(Int32(d), count: periodTotals[d])) }
        let areaCounts = areaTotals.map { Int($0) }
        var replicateMax = [Double](repeating: 0, count: replications)
        let windowShares = windowTotals.map { $0 / total }
        // Only comparisons with the reported clusters matter for their p-values, so a replicate
        // starts at the smallest reported ratio (anything below counts for none) and stops once it
        // passes the largest (it then counts for all).
        let smallest = chosen.map(\.logLikelihoodRatio).min()! * (1 - 1e-9)  // below every tie threshold
        let largest = chosen[0].logLikelihoodRatio
        var windowOf = [Int](repeating: -1, count: periods)  // period → shortest window index holding it
        for l in 0..<windows { windowOf[periods - 1 - l] = l }
        for r in 0..<replications {
            caseTimes.shuffle(using: &rng)
            for i in suffix.indices { suffix[i] = 0 }
            var cursor = 0
            for z in 0..<n {
                let base = z * windows
                for _ in 0..<areaCounts[z] {
                    let l = windowOf[Int(caseTimes[cursor])]
                    cursor += 1
                    if l >= 0 { suffix[base + l] += 1 }
                }
                // Per-period hits → cumulative counts for windows of length 1…windows.
                for l in 1..<max(windows, 1) { suffix[base + l] += suffix[base + l - 1] }
            }
            let maxLLR = SpaceTimePermutationScan.replicateMaximum(
                neighbours: neighbours, maxAreas: maxAreas, windows: windows, areaTotals: areaTotals,
                windowShares: windowShares, suffix: suffix, total: total, floor: stopsReplicatesEarly ? smallest : 0,
                ceiling: stopsReplicatesEarly ? largest : .infinity, scratch: &scratch)
            replicateMax[r] = maxLLR
        }
        for i in chosen.indices {
            // A relative tolerance keeps ties between identical statistics counted as ties.
            let threshold = chosen[i].logLikelihoodRatio * (1 - 1e-12)
            let exceed = replicateMax.reduce(0) { $0 + ($1 >= threshold ? 1 : 0) }
            chosen[i].pValue = Double(exceed + 1) / Double(replications + 1)
        }
        return Result(mostLikely: chosen[0], secondary: Array(chosen.dropFirst()), replications: replications)
    }

    /// The largest log likelihood ratio over all cylinders of one replicate when it lies between
    /// `floor` and `ceiling`; otherwise some value on the same side of them. The hot loop.
    static func replicateMaximum(
        neighbours: [Int], maxAreas: Int, windows: Int, areaTotals: [Double], windowShares: [Double],
        suffix: [Double], total: Double, floor: Double, ceiling: Double, scratch: inout [Double]
    ) -> Double {
        var maxLLR = floor
        let n = areaTotals.count
        neighbours.withUnsafeBufferPointer { nb in
            areaTotals.withUnsafeBufferPointer { at in
                windowShares.withUnsafeBufferPointer { ws in
                    suffix.withUnsafeBufferPointer { sf in
                        scratch.withUnsafeMutableBufferPointer { sc in
                            for centre in 0..<n where maxLLR < ceiling {
                                for l in 0..<windows { sc[l] = 0 }
                                var areaSum = 0.0
                                for k in 0..<maxAreas {
                                    let z = nb[centre * maxAreas + k]
                                    areaSum += at[z]
                                    let base = z * windows
                                    for l in 0..<windows {
                                        let c = sc[l] + sf[base + l]
                                        sc[l] = c
                                        let mu = areaSum * ws[l]
                                        let excess = c - mu
                                        // ln x ≤ x − 1 bounds the ratio by excess²·C / (μ(C − μ)); most
                                        // cylinders fail that bound once a maximum is known, saving two logs.
                                        if excess > 0, excess * excess * total > maxLLR * mu * (total - mu) {
                                            let llr = logLikelihoodRatio(observed: c, expected: mu, total: total)
                                            if llr > maxLLR { maxLLR = llr }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return maxLLR
    }

    /// For each centre, the `size` nearest areas (itself first; ties by index), flattened.
    static func neighbourLists(_ areas: [Area], size: Int) -> [Int] {
        let n = areas.count
        var out = [Int]()
        out.reserveCapacity(n * size)
        var order = [(Double, Int)](repeating: (0, 0), count: n)
        for c in 0..<n {
            for z in 0..<n { order[z] = (c == z ? -1 : GreatCircle.distanceMetres(areas[c].centroid, areas[z].centroid), z) }
            order.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            for k in 0..<size { out.append(order[k].1) }
        }
        return out
    }

    /// Cumulative counts of each area over the windows ending at the last period.
    static func fillSuffix(counts: [[Int]], periods: Int, windows: Int, into suffix: inout [Double]) {
        for z in counts.indices {
            var acc = 0.0
            for l in 0..<windows {
                acc += Double(counts[z][periods - 1 - l])
                suffix[z * windows + l] = acc
            }
        }
    }
}
