import Geo
import Testing
@testable import Forecasting

@Suite struct PatrolPlannerTests {
    /// A 5 × 5 grid of 100 m cells.
    let grid: ForecastGrid = {
        let frame = GridFrame(origin: GeoPoint(latitude: 41.8, longitude: -87.6))
        return ForecastGrid(bounds: BoundingBox(enclosing: [frame.point(x: -249.99, y: -249.99), frame.point(x: 249.99, y: 249.99)])!, cellMetres: 100)
    }()

    @Test func spacingIsKeptAndTheBestCellComesFirst() {
        var intensity = [Double](repeating: 0.1, count: 25)
        intensity[12] = 5 // centre
        intensity[13] = 4 // its east neighbour: too close at 150 m spacing
        intensity[0] = 3
        let chosen = PatrolPlanner.choose(intensity: intensity, grid: grid, units: 3, minSpacingMetres: 150)
        #expect(chosen.count == 3)
        #expect(chosen[0] == 12 && chosen[1] == 0)
        #expect(!chosen.contains(13))
        for a in chosen { for b in chosen where a < b {
            #expect(GreatCircle.distanceMetres(grid.centre(of: a), grid.centre(of: b)) >= 149)
        } }
    }

    @Test func greedyIsWithinTheStatedBoundOfExhaustiveSearch() {
        // Compare with every 3-cell placement on pseudo-random surfaces.
        var generator = SplitMix64Stub(state: 3)
        for _ in 0..<20 {
            let intensity = (0..<25).map { _ in Double(generator.next() % 1000) }
            let greedy = PatrolPlanner.expectedIncidents(intensity: intensity, cells: PatrolPlanner.choose(intensity: intensity, grid: grid, units: 3, minSpacingMetres: 150))
            var best = 0.0
            for a in 0..<25 { for b in (a + 1)..<25 { for c in (b + 1)..<25 {
                let cells = [a, b, c]
                let spaced = cells.allSatisfy { x in cells.allSatisfy { y in x == y || distance(x, y) >= 150 } }
                if spaced { best = max(best, intensity[a] + intensity[b] + intensity[c]) }
            } } }
            #expect(greedy <= best + 1e-9)
            #expect(greedy >= best / 6)
        }
    }

    private func distance(_ a: Int, _ b: Int) -> Double {
        let p = grid.centreMetres(of: a), q = grid.centreMetres(of: b)
        return ((p.x - q.x) * (p.x - q.x) + (p.y - q.y) * (p.y - q.y)).squareRoot()
    }
}

/// A tiny linear congruential generator so the test does not depend on the engine's own randomness.
struct SplitMix64Stub {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
