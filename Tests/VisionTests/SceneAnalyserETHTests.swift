import Testing
@testable import Vision

/// The analyser on real pedestrian trajectories (ETH walking pedestrians), checked against figures
/// computed in the test straight from obsmat.txt, and against counts from an independent script.
@Suite struct SceneAnalyserETHTests {
    /// Crossings counted straight from the data: a sign change of the side function between two
    /// consecutive rows of a pedestrian, where the two segments intersect (Cramer's rule).
    static func directCrossings(_ sequence: ETHSequence, from a: PlanePoint, to b: PlanePoint) -> CrossingCounts {
        var counts = CrossingCounts()
        for (_, rows) in sequence.byPedestrian {
            for (p, q) in zip(rows, rows.dropFirst()) {
                let sideP = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
                let sideQ = (b.x - a.x) * (q.y - a.y) - (b.y - a.y) * (q.x - a.x)
                guard sideP * sideQ < 0 else { continue }
                // p + s (q − p) = a + u (b − a)
                let d1x = q.x - p.x, d1y = q.y - p.y, d2x = b.x - a.x, d2y = b.y - a.y
                let determinant = d1x * -d2y - d1y * -d2x
                let rx = a.x - p.x, ry = a.y - p.y
                let u = (d1x * ry - d1y * rx) / determinant
                guard u >= 0, u <= 1 else { continue }
                if sideQ > 0 { counts.negativeToPositive += 1 } else { counts.positiveToNegative += 1 }
            }
        }
        return counts
    }

    @Test func lineCrossingCountsOnETHAgreeWithDirectCounts() throws {
        let sequence = try ETHSequence.eth()
        let lines = [
            try TripLine(name: "across the walkway", from: PlanePoint(x: 5, y: -4), to: PlanePoint(x: 5, y: 14)),
            try TripLine(name: "short diagonal", from: PlanePoint(x: 2, y: 4), to: PlanePoint(x: 6, y: 10)),
            try TripLine(name: "along the walkway", from: PlanePoint(x: -8, y: 5), to: PlanePoint(x: 14, y: 5)),
        ]
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(lines: lines.map { LineConfiguration(line: $0) }))
        let events = try sequence.run(&analyser)
        for line in lines {
            let direct = Self.directCrossings(sequence, from: line.start, to: line.end)
            #expect(analyser.crossingCounts[line.name] == direct, "\(line.name)")
            #expect(events.filter { $0.place == line.name }.count == direct.total)
        }
        // Counted separately with a short numpy script over obsmat.txt (same rule): (n→p, p→n).
        #expect(analyser.crossingCounts["across the walkway"] == CrossingCounts(negativeToPositive: 127, positiveToNegative: 187))
        #expect(analyser.crossingCounts["short diagonal"] == CrossingCounts(negativeToPositive: 76, positiveToNegative: 128))
        #expect(analyser.crossingCounts["along the walkway"] == CrossingCounts(negativeToPositive: 92, positiveToNegative: 99))
    }

    /// People waiting at the tram stop in the Hotel sequence: slow rows cluster in x −3.3…2.5, y −10.5…−5.5.
    @Test func loiteringAtTheHotelTramStopMatchesDwellsFromTheData() throws {
        let sequence = try ETHSequence.hotel()
        let (x0, x1, y0, y1) = (-3.3, 2.5, -10.5, -5.5)
        let dwellLimit = 20.0, grace = 2.0
        let stop = try Zone.rectangle(name: "tram stop", from: PlanePoint(x: x0, y: y0), to: PlanePoint(x: x1, y: y1),
                                      kind: .waitingArea)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: stop, loitering: LoiteringRule(dwellSeconds: dwellLimit, graceSeconds: grace))]))
        let events = try sequence.run(&analyser)

        // Directly: each pedestrian's times inside, split into runs wherever the gap exceeds the grace;
        // a run fires at its first time at least the limit after its start.
        var expected: [Int: Double] = [:]
        for (pedestrian, rows) in sequence.byPedestrian {
            let times = rows.filter { $0.x > x0 && $0.x < x1 && $0.y > y0 && $0.y < y1 }.map { sequence.time($0.frame) }
            var runStart: Double?
            var previous = -Double.infinity
            for time in times {
                if runStart == nil || time - previous > grace { runStart = time }
                previous = time
                if expected[pedestrian] == nil, let start = runStart, time - start >= dwellLimit { expected[pedestrian] = time }
            }
        }
        let began = events.filter { $0.kind == .loitering && $0.phase == .began }
        #expect(Dictionary(uniqueKeysWithValues: began.map { ($0.trackIds[0], $0.time) }) == expected)
        // The same people by an independent script: the waiting pairs 104/105 and 138/139, and 38, 180, 361.
        #expect(Set(began.map { $0.trackIds[0] }) == [38, 104, 105, 138, 139, 180, 361])
        #expect(began.allSatisfy { $0.measurement >= dwellLimit && $0.measurement < dwellLimit + 0.5 })
        #expect(events.filter { $0.phase == .cleared }.count == began.count)
    }

    @Test func zoneOccupancyEqualsDirectCountsEveryFrame() throws {
        for sequence in [try ETHSequence.eth(), try ETHSequence.hotel()] {
            let (x0, x1, y0, y1) = (-1.0, 4.0, -4.0, 6.0)
            let zone = try Zone.rectangle(name: "patch", from: PlanePoint(x: x0, y: y0), to: PlanePoint(x: x1, y: y1))
            // Density level of 3 people on 50 m², reported as soon as reached and cleared as soon as lost.
            let level = 3.0 / zone.areaSquareMetres
            var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
                zone: zone, crowding: CrowdingRule(densityPerSquareMetre: level, minimumDurationSeconds: 0, clearFraction: 1))]))
            var mismatches = 0, busiest = 0, rises = 0, previous = 0
            let events = try sequence.run(&analyser) { rows, analyser in
                let direct = rows.filter { $0.x > x0 && $0.x < x1 && $0.y > y0 && $0.y < y1 }.count
                if analyser.occupancy["patch"] != direct { mismatches += 1 }
                busiest = max(busiest, direct)
                if direct >= 3, previous < 3 { rises += 1 }
                previous = direct
            }
            #expect(mismatches == 0)
            #expect(busiest >= 3)
            #expect(events.filter { $0.kind == .crowdDensity && $0.phase == .began }.count == rises)
        }
    }
}
