import Foundation
import Geo
import SafeCityCore
import Testing
@testable import PublicHealth

@Suite struct SpaceTimePermutationScanTests {
    /// A side × side grid of areas about 1 km apart.
    static func grid(_ side: Int) -> [SpaceTimePermutationScan.Area] {
        (0..<(side * side)).map { i in
            SpaceTimePermutationScan.Area(id: "a\(i)", centroid: GeoPoint(latitude: 43.70 + Double(i / side) * 0.009,
                                                                         longitude: 7.40 + Double(i % side) * 0.0125))
        }
    }

    static func poisson(_ mean: Double, _ rng: inout SplitMix64) -> Int { PoissonSample.draw(mean: mean, using: &rng) }

    /// 2 areas × 2 periods worked by hand: area 0 has 1, 5 cases; area 1 has 3, 1. C = 10,
    /// C_area0 = 6, C_period2 = 6, so μ = 3.6 for area 0 in period 2 and
    /// LLR = 5·ln(5/3.6) + 5·ln(5/6.4) = 1.642520 − 1.234300 = 0.408220.
    @Test func handComputedTwoByTwo() throws {
        let areas = [SpaceTimePermutationScan.Area(id: "west", centroid: GeoPoint(latitude: 43.73, longitude: 7.41)),
                     SpaceTimePermutationScan.Area(id: "east", centroid: GeoPoint(latitude: 43.73, longitude: 7.43))]
        var rng = SplitMix64(seed: 1)
        let scan = SpaceTimePermutationScan(maxAreaFraction: 0.5, maxPeriods: 2, replications: 9999)
        let result = try scan.scan(areas: areas, counts: [[1, 5], [3, 1]], using: &rng)
        let cluster = try #require(result.mostLikely)
        #expect(cluster.areaIDs == ["west"])
        #expect(cluster.startPeriod == 1 && cluster.endPeriod == 1)
        #expect(cluster.observed == 5)
        #expect(abs(cluster.expected - 3.6) < 1e-12)
        #expect(abs(cluster.logLikelihoodRatio - 0.408220) < 1e-6)
        #expect(abs(SpaceTimePermutationScan.logLikelihoodRatio(observed: 5, expected: 3.6, total: 10) - 0.4082199) < 1e-6)
        // Exact permutation p-value: area 0's period-2 count X is hypergeometric (10 cases, 6 in
        // period 2, 6 in area 0); the maximum ratio reaches 0.408 when X ≥ 5 or X = 2 (area 1 then
        // has 4 against 2.4, LLR 0.625), so p = (C(6,2)·C(4,4) + C(6,5)·C(4,1) + 1)/C(10,6) = 40/210.
        #expect(abs(cluster.pValue - 40.0 / 210.0) < 0.015)
    }

    @Test func findsASeededOutbreak() throws {
        let side = 8
        let areas = Self.grid(side)
        var rng = SplitMix64(seed: 20_261_130)
        let periods = 20
        var counts = (0..<areas.count).map { _ in (0..<periods).map { _ in Self.poisson(4, &rng) } }
        // Outbreak: areas 27 and 35 (vertical neighbours, 1.0 km apart) get +6 cases a period
        // from period 17 (baseline 4).
        let outbreak: Set = [27, 35]
        for z in outbreak { for d in 17..<periods { counts[z][d] += 6 } }
        let result = try SpaceTimePermutationScan(maxPeriods: 7, replications: 999).scan(areas: areas, counts: counts, using: &rng)
        let cluster = try #require(result.mostLikely)
        #expect(cluster.pValue < 0.05)
        #expect(abs(cluster.startPeriod - 17) <= 1)
        let found = Set(cluster.areaIndices)
        #expect(found.isSuperset(of: outbreak))
        // A circle may overreach by a ring of noise; allow two extra areas of the 32 it could hold.
        #expect(found.count <= outbreak.count + 2)
    }

    /// Under the null (no cluster) the p-value is about uniform: allow at most 5 of 40 runs
    /// below 0.05 (expected 2; P(≥ 6 | 40 runs at 5 %) ≈ 0.014).
    @Test func nullRunsRarelyLookSignificant() throws {
        let areas = Self.grid(6)
        var rng = SplitMix64(seed: 7)
        var significant = 0
        for _ in 0..<40 {
            let counts = (0..<areas.count).map { _ in (0..<10).map { _ in Self.poisson(3, &rng) } }
            let result = try SpaceTimePermutationScan(maxPeriods: 4, replications: 99).scan(areas: areas, counts: counts, using: &rng)
            if let p = result.mostLikely?.pValue, p < 0.05 { significant += 1 }
        }
        #expect(significant <= 5)
    }

    /// The scan prunes replicates (a bound on the ratio, early stops); a plain scan of every
    /// cylinder of the same permutations must give the same p-values.
    @Test func prunedReplicatesGiveBruteForcePValues() throws {
        let areas = Self.grid(4)
        var data = SplitMix64(seed: 99)
        var counts = (0..<areas.count).map { _ in (0..<8).map { _ in Self.poisson(2, &data) } }
        for d in 6..<8 { counts[5][d] += 4 }
        let scan = SpaceTimePermutationScan(maxAreaFraction: 0.5, maxPeriods: 3, replications: 199)
        var rng = SplitMix64(seed: 5)
        let result = try scan.scan(areas: areas, counts: counts, using: &rng)
        let clusters = [try #require(result.mostLikely)] + result.secondary

        // Brute force on the same permutations: same case-time list, same generator sequence.
        let n = areas.count, periods = 8, maxAreas = 8
        let areaTotals = counts.map { $0.reduce(0, +) }
        let periodTotals = (0..<periods).map { d in counts.reduce(0) { $0 + $1[d] } }
        let total = Double(areaTotals.reduce(0, +))
        var times: [Int32] = []
        for d in 0..<periods { times += [Int32](repeating: Int32(d), count: periodTotals[d]) }
        let nearest = (0..<n).map { c in
            (0..<n).sorted {
                let da = c == $0 ? -1 : GreatCircle.distanceMetres(areas[c].centroid, areas[$0].centroid)
                let db = c == $1 ? -1 : GreatCircle.distanceMetres(areas[c].centroid, areas[$1].centroid)
                return da < db || (da == db && $0 < $1)
            }
        }
        var replay = SplitMix64(seed: 5)
        var maxima: [Double] = []
        for _ in 0..<199 {
            times.shuffle(using: &replay)
            var perm = [[Int]](repeating: [Int](repeating: 0, count: periods), count: n)
            var cursor = 0
            for z in 0..<n { for _ in 0..<areaTotals[z] { perm[z][Int(times[cursor])] += 1; cursor += 1 } }
            var best = 0.0
            for c in 0..<n {
                for k in 1...maxAreas {
                    let members = nearest[c].prefix(k)
                    for l in 1...3 {
                        let window = (periods - l)..<periods
                        let cases = members.reduce(0) { acc, z in acc + window.reduce(0) { $0 + perm[z][$1] } }
                        let mu = Double(members.reduce(0) { $0 + areaTotals[$1] }) * Double(window.reduce(0) { $0 + periodTotals[$1] }) / total
                        best = max(best, SpaceTimePermutationScan.logLikelihoodRatio(observed: Double(cases), expected: mu, total: total))
                    }
                }
            }
            maxima.append(best)
        }
        for cluster in clusters {
            let exceed = maxima.filter { $0 >= cluster.logLikelihoodRatio * (1 - 1e-12) }.count
            #expect(cluster.pValue == Double(exceed + 1) / 200, "cluster at \(cluster.areaIDs)")
        }
    }

    @Test func rejectsRaggedInput() {
        var rng = SplitMix64(seed: 1)
        let areas = Self.grid(2)
        #expect(throws: HealthInputError.self) {
            try SpaceTimePermutationScan().scan(areas: areas, counts: [[1, 2], [1], [0, 0], [3, 3]], using: &rng)
        }
    }
}
