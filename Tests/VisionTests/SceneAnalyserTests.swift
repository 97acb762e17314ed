import Foundation
import Testing
@testable import Vision

/// Scripted scenes at one frame per second, with answers worked out by hand from each rule's definition.
@Suite struct SceneAnalyserTests {
    static func play(_ analyser: inout SceneAnalyser, from start: Int = 0, through end: Int,
                     _ script: (Double) -> [TrackObservation]) throws -> [BehaviourEvent] {
        var events: [BehaviourEvent] = []
        for second in start...end {
            let time = Double(second)
            events += try analyser.update(time: time, observations: script(time))
        }
        return events
    }

    static func person(_ id: Int, _ x: Double, _ y: Double) -> TrackObservation {
        TrackObservation(trackId: id, objectClass: .person, position: PlanePoint(x: x, y: y))
    }

    static func square(_ name: String, side: Double = 10) throws -> Zone {
        try Zone.rectangle(name: name, from: .zero, to: PlanePoint(x: side, y: side))
    }

    // MARK: Loitering

    @Test func loiteringFiresAtTheLimitAndToleratesBriefExits() throws {
        let rule = LoiteringRule(dwellSeconds: 60, graceSeconds: 10)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(
            zones: [ZoneConfiguration(zone: try Self.square("bench"), loitering: rule)], trackTimeoutSeconds: 30))
        let inside = 5.0, outside = 15.0
        let events = try Self.play(&analyser, through: 130) { t in
            [
                // 1 stays 90 s, then leaves.
                Self.person(1, t <= 90 ? inside : outside, 5),
                // 2 leaves at 50 s.
                Self.person(2, t <= 50 ? inside : outside, 6),
                // 3 steps out for 5 s (31…35), well within the 10 s grace.
                Self.person(3, (31...35).contains(t) ? outside : inside, 4),
                // 4 steps out for 15 s (31…45): the clock restarts at 46 and 60 s are not reached by 100.
                Self.person(4, (31...45).contains(t) || t > 100 ? outside : inside, 3),
            ]
        }
        let began = events.filter { $0.phase == .began }
        #expect(began.map(\.trackIds) == [[1], [3]])
        #expect(began.map(\.time) == [60, 60])
        #expect(began.allSatisfy { $0.kind == .loitering && $0.place == "bench" && $0.measurement == 60 && $0.startTime == 0 })
        // 1 was last inside at 90; more than 10 s outside has passed at 101.
        let cleared = events.filter { $0.phase == .cleared }
        let clearedOne = try #require(cleared.first { $0.trackIds == [1] })
        #expect(clearedOne.time == 101 && clearedOne.episodeId == began[0].episodeId)
        #expect(began[0].explanation.contains("60 s"))
    }

    // MARK: Abandoned object

    static let luggageRule = AbandonedObjectRule(stationaryRadiusMetres: 0.5, stationarySeconds: 10,
                                                 ownerDistanceMetres: 5, unattendedSeconds: 30)

    /// Owner 1 carries bag 2 east at 1 m/s, sets it down at (0, 0.3) at t = 20, stays 5 s, then
    /// walks 30 m east at 1.5 m/s and waits there; from t = 80 walks back.
    static func leftBag(_ t: Double, ownerReturns: Bool) -> [TrackObservation] {
        let ownerX: Double
        switch t {
        case ..<20: ownerX = t - 20
        case ..<25: ownerX = 0
        case ..<45: ownerX = 1.5 * (t - 25)
        case ..<80: ownerX = 30
        default: ownerX = ownerReturns ? max(30 - 1.5 * (t - 80), 0) : 30
        }
        let bag = TrackObservation(trackId: 2, objectClass: .suitcase, position: PlanePoint(x: min(t, 20) - 20, y: 0.3))
        // A passer-by walks right past the bag at t = 50; a stranger does not make it attended.
        let passer = person(3, -40 + (t - 10), 1)
        return [person(1, ownerX, 0), bag, passer]
    }

    @Test func aBagLeftByItsOwnerFiresAfterTheUnattendedTime() throws {
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Zone.rectangle(name: "concourse", from: PlanePoint(x: -50, y: -20), to: PlanePoint(x: 50, y: 20)),
            abandonedObject: Self.luggageRule)]))
        let events = try Self.play(&analyser, through: 120) { Self.leftBag($0, ownerReturns: true) }
        // At rest from 20, so at rest for 10 s at 30; the owner passed 5 m at 29 (6 m > 5 m, 4.5 m was not);
        // unattended from 30, so 30 s later is 60.
        let began = events.filter { $0.kind == .abandonedObject && $0.phase == .began }
        #expect(began.count == 1)
        #expect(began.first?.time == 60)
        #expect(began.first?.trackIds == [2, 1])
        #expect(began.first?.position == PlanePoint(x: 0, y: 0.3))
        // Walking back from 30 m at 1.5 m/s from t = 80: 4.5 m away at t = 97.
        let cleared = events.filter { $0.kind == .abandonedObject && $0.phase == .cleared }
        #expect(cleared.map(\.time) == [97])
        #expect(events.allSatisfy { $0.kind == .abandonedObject })
    }

    @Test func aBagWhoseOwnerStaysBesideItDoesNotFire() throws {
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Self.square("platform", side: 100), abandonedObject: Self.luggageRule)]))
        let events = try Self.play(&analyser, through: 300) { t in
            [Self.person(1, 50 + 0.3 * sin(t), 50), TrackObservation(trackId: 9, objectClass: .bag, position: PlanePoint(x: 51, y: 50.2))]
        }
        #expect(events.isEmpty)
    }

    @Test func aBagFoundWithNobodyAroundFiresOnceAtRestAndUnattended() throws {
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Self.square("platform", side: 100), abandonedObject: Self.luggageRule)]))
        let events = try Self.play(&analyser, through: 100) { _ in
            [TrackObservation(trackId: 9, objectClass: .bag, position: PlanePoint(x: 20, y: 20))]
        }
        // Seen from 0, at rest from 10, fires at 40, and only once.
        #expect(events.map(\.time) == [40])
        #expect(events.first?.trackIds == [9])
    }

    // MARK: Line crossing

    @Test func crossingsAreCountedPerDirectionAndOnlyWithinTheSegment() throws {
        // Pointing north, so the positive (left) side is the west.
        let line = try TripLine(name: "gate", from: PlanePoint(x: 0, y: -5), to: PlanePoint(x: 0, y: 5))
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(lines: [LineConfiguration(line: line)]))
        let events = try Self.play(&analyser, through: 20) { t in
            [
                Self.person(1, 10 - t, 0),                          // east → west: negative → positive
                Self.person(2, t - 10, 2),                          // west → east: positive → negative
                Self.person(3, 10 - t, 8),                          // passes beyond the end: not counted
                Self.person(4, abs(t - 10) - 5, -3),                // west → east… no: starts east, goes west, comes back
                TrackObservation(trackId: 5, objectClass: .car, position: PlanePoint(x: t - 10, y: 0)),   // not a person
            ]
        }
        // Track 4: x = 5 → −5 at t = 10 → 5: one crossing each way.
        #expect(analyser.crossingCounts["gate"] == CrossingCounts(negativeToPositive: 2, positiveToNegative: 2))
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.phase == .instant && $0.kind == .lineCrossing })
        let first = try #require(events.first { $0.trackIds == [1] })
        #expect(first.direction == .negativeToPositive)
        #expect(first.position.distance(to: PlanePoint(x: 0, y: 0)) < 1e-12)
        #expect(Set(events.map(\.episodeId)).count == 4)
    }

    @Test func hysteresisStopsAJitteringTrackFromCountingOverAndOver() throws {
        let line = try TripLine(name: "door", from: PlanePoint(x: 0, y: -5), to: PlanePoint(x: 0, y: 5))
        let jitter: (Double) -> [TrackObservation] = { t in
            // Walks east, dithers ±0.2 m around the line for 10 s, then carries on east.
            let x = t < 10 ? t - 10 : (t < 20 ? (Int(t) % 2 == 0 ? 0.2 : -0.2) : t - 20)
            return [Self.person(1, x, 0)]
        }
        var plain = try SceneAnalyser(configuration: SceneConfiguration(lines: [LineConfiguration(line: line)]))
        _ = try Self.play(&plain, through: 30, jitter)
        #expect(plain.crossingCounts["door"]!.total == 11)
        var damped = try SceneAnalyser(configuration: SceneConfiguration(lines: [LineConfiguration(line: line, hysteresisMetres: 0.5)]))
        _ = try Self.play(&damped, through: 30, jitter)
        #expect(damped.crossingCounts["door"] == CrossingCounts(negativeToPositive: 0, positiveToNegative: 1))
    }

    // MARK: Wrong way

    @Test func wrongWayFiresAfterTheMinimumDistanceAndClearsWhenTheTrackTurns() throws {
        let corridor = try Zone.rectangle(name: "corridor", from: PlanePoint(x: 0, y: -2), to: PlanePoint(x: 40, y: 2))
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: corridor, wrongWay: WrongWayRule(allowedHeadingDegrees: 90, toleranceDegrees: 45, minimumDistanceMetres: 5))]))
        let events = try Self.play(&analyser, through: 30) { t in
            [
                Self.person(1, 1 + 1.4 * t, 0),                                     // with the flow: never
                Self.person(2, 38 - 1.4 * t, 1),                                    // against it throughout
                Self.person(3, t <= 10 ? 30 - t : 20 + (t - 10), -1),               // 10 m west, then back east
            ]
        }
        // Each step counts once the 1 s velocity is known (from t = 1): 1.4 m × 4 = 5.6 m ≥ 5 m at t = 4;
        // track 3 at 1 m/s reaches 5 m at t = 5; after turning at t = 10 it has walked 5 m east at t = 15.
        let began = events.filter { $0.phase == .began }
        #expect(began.map(\.trackIds) == [[2], [3]])
        #expect(began.map(\.time) == [4, 5])
        #expect(abs(began[0].measurement - 5.6) < 1e-9)
        let cleared = events.filter { $0.phase == .cleared }
        #expect(cleared.first { $0.trackIds == [3] }?.time == 15)
    }

    // MARK: Crowding

    @Test func aFormingCrowdFiresDensityAndGrowth() throws {
        // Empty until t = 100, then one person arrives each second until 60 are there (t = 159).
        let rule = CrowdingRule(densityPerSquareMetre: 0.5, growthPerMinute: 30, growthWindowSeconds: 60,
                                minimumDurationSeconds: 5, clearFraction: 0.8)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Self.square("square"), crowding: rule)]))
        var occupancy: [Int] = []
        var events: [BehaviourEvent] = []
        for second in 0...240 {
            let arrived = second < 100 ? 0 : min(second - 99, 60)
            let people = (0..<arrived).map { Self.person($0, 0.5 + Double($0 % 9), 0.5 + Double($0 / 9)) }
            events += try analyser.update(time: Double(second), observations: people)
            occupancy.append(analyser.occupancy["square"]!)
            #expect(occupancy.last == arrived)
        }
        // Density 0.5/m² on 100 m² is 50 people, there at t = 149, held 5 s: t = 154.
        // Growth at 100 + k is (k + 1) per minute (nobody there a minute before): 30 at t = 129, held 5 s: t = 134.
        // After t = 159 the rate is 59 − j at 160 + j, below 24 (0.8 × 30) from t = 196, for 5 s: cleared at 201.
        let density = events.filter { $0.kind == .crowdDensity }
        let growth = events.filter { $0.kind == .crowdGrowth }
        #expect(density.map(\.phase) == [.began])
        #expect(density.map(\.time) == [154])
        #expect(growth.map(\.phase) == [.began, .cleared])
        #expect(growth.map(\.time) == [134, 201])
        #expect(abs(growth[0].measurement - 35) < 1e-9)
        #expect(abs(density[0].measurement - 0.55) < 1e-9)
    }

    // MARK: Stopped vehicle

    @Test func aCarStoppedTwoMinutesInANoStoppingZoneFiresAfterTheLimit() throws {
        let kerb = try Zone.rectangle(name: "bus stop", from: PlanePoint(x: 0, y: -3), to: PlanePoint(x: 50, y: 3), kind: .roadway)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: kerb, stoppedVehicle: StoppedVehicleRule(maximumStopSeconds: 60, stationaryRadiusMetres: 1.5))]))
        let events = try Self.play(&analyser, through: 200) { t in
            // Car 7 drives in at 10 m/s, stands at x = 20 from t = 4 to t = 124 (2 min), drives on.
            let carX = t < 4 ? -20 + 10 * t : (t <= 124 ? 20 + 0.1 * sin(t) : 20 + 10 * (t - 124))
            // Car 8 stops for 30 s only; person 9 stands there the whole time.
            let otherX = t < 30 ? 35 : (t <= 60 ? 40 : 40 + 10 * (t - 60))
            return [TrackObservation(trackId: 7, objectClass: .car, position: PlanePoint(x: carX, y: 0)),
                    TrackObservation(trackId: 8, objectClass: .truck, position: PlanePoint(x: otherX, y: 1)),
                    Self.person(9, 10, 2)]
        }
        #expect(events.map(\.trackIds) == [[7], [7]])
        #expect(events.map(\.phase) == [.began, .cleared])
        #expect(events.map(\.time) == [64, 125])
        #expect(events.first?.startTime == 4)
    }

    // MARK: Unusual motion

    /// Twenty walkers pacing east and west across a 40 m square at 1.1…1.6 m/s.
    static func walker(_ id: Int, _ t: Double) -> TrackObservation {
        let speed = 1.1 + 0.5 * Double(id % 6) / 5
        let phase = (t * speed + Double(id) * 7).truncatingRemainder(dividingBy: 60)
        let x = phase < 30 ? 5 + phase : 35 - (phase - 30)
        return person(id, x, 2 + Double(id) * 1.8)
    }

    @Test func aSuddenRunIsUnusualOnlyAfterWarmUp() throws {
        let rule = UnusualMotionRule(warmUpSeconds: 60, minimumWarmUpSamples: 500, speedZScore: 4,
                                     minimumUnusualSpeedMetresPerSecond: 2.5, minimumDurationSeconds: 1,
                                     scatteringMinimumTracks: nil)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Self.square("plaza", side: 40), unusualMotion: rule)]))
        let events = try Self.play(&analyser, through: 200) { t in
            var observations = (1...20).map { Self.walker($0, t) }
            // Track 30 runs at 5 m/s from t = 20 to 35 (during warm-up) and from t = 150 to 157.
            let runnerX: Double = switch t {
            case ..<20: 2
            case ..<35: 2 + 5 * (t - 20) / 3
            case ..<150: 27
            case ..<158: 27 - 3 * (t - 150)
            default: 3
            }
            observations.append(Self.person(30, runnerX, 38))
            return observations
        }
        // The 1 s velocity is 3 m/s from t = 151; unusual for 1 s at t = 152; normal again from t = 159, for 1 s: 160.
        #expect(events.map(\.kind) == [.unusualSpeed, .unusualSpeed])
        #expect(events.map(\.trackIds) == [[30], [30]])
        #expect(events.map(\.time) == [152, 160])
        #expect(abs(events[0].measurement - 3) < 1e-9)
    }

    @Test func aScatteringCrowdFiresButAGroupWalkingTogetherDoesNot() throws {
        let rule = UnusualMotionRule(scatteringMinimumTracks: 4, scatteringSpeedGainMetresPerSecond: 1,
                                     accelerationWindowSeconds: 2)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Zone.rectangle(name: "square", from: PlanePoint(x: -100, y: -100), to: PlanePoint(x: 100, y: 100)),
            unusualMotion: rule)]))
        let events = try Self.play(&analyser, through: 60) { t in
            // Eight people stand in a 2 m circle round (−40, 0) until t = 30, then run straight out at 4 m/s.
            let circle = (0..<8).map { k in
                let angle = Double(k) * .pi / 4
                let r = 2 + (t > 30 ? 4 * (t - 30) : 0)
                return Self.person(k, -40 + r * cos(angle), r * sin(angle))
            }
            // Eight more stand in a block at (40, 0) and at t = 40 all start jogging north together.
            let group = (0..<8).map { k in
                Self.person(100 + k, 40 + Double(k % 4), Double(k / 4) + (t > 40 ? 3 * (t - 40) : 0))
            }
            return circle + group
        }
        let scattering = events.filter { $0.kind == .crowdScattering }
        #expect(scattering.first?.phase == .began)
        #expect(scattering.first?.time == 31)
        #expect(Set(scattering.first?.trackIds ?? []) == Set(0..<8))
        #expect(scattering.first.map { $0.position.distance(to: PlanePoint(x: -40, y: 0)) < 1e-9 } == true)
        #expect(scattering.allSatisfy { $0.trackIds.allSatisfy { $0 < 100 } })
    }

    @Test func aHeadingTheZoneNeverSeesIsUnusual() throws {
        let rule = UnusualMotionRule(warmUpSeconds: 30, minimumWarmUpSamples: 300, rareHeadingFraction: 0.02,
                                     minimumDurationSeconds: 2, scatteringMinimumTracks: nil)
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
            zone: try Self.square("plaza", side: 40), unusualMotion: rule)]))
        let events = try Self.play(&analyser, through: 100) { t in
            var observations = (1...20).map { Self.walker($0, t) }
            // Track 40 crosses the flow, northwards, from t = 70.
            observations.append(Self.person(40, 20.5, t < 70 ? 1 : 1 + 1.2 * (t - 70)))
            return observations
        }
        let unusual = events.filter { $0.kind == .unusualHeading && $0.phase == .began }
        // Velocity north from t = 71, rare for 2 s at t = 73.
        #expect(unusual.map(\.trackIds) == [[40]])
        #expect(unusual.map(\.time) == [73])
    }

    // MARK: Input checks and bookkeeping

    @Test func badFramesAreRejectedAndLeaveTheAnalyserUnchanged() throws {
        var analyser = try SceneAnalyser(configuration: SceneConfiguration())
        _ = try analyser.update(time: 5, observations: [Self.person(1, 0, 0)])
        #expect(throws: VisionError.invalidObservation("frame time 5.0 s does not come after the previous frame's 5.0 s")) {
            try analyser.update(time: 5, observations: [])
        }
        #expect(throws: VisionError.invalidObservation("observation 2: track 1 appears twice in one frame")) {
            try analyser.update(time: 6, observations: [Self.person(1, 0, 0), Self.person(1, 1, 0)])
        }
        #expect(throws: VisionError.invalidObservation("observation 1 (track 2): position is not finite")) {
            try analyser.update(time: 6, observations: [Self.person(2, .nan, 0)])
        }
        #expect(analyser.lastTime == 5)
    }

    @Test func badConfigurationsNameTheField() throws {
        let zone = try Self.square("a")
        #expect(throws: VisionError.invalidConfiguration("zone 'a': loitering.dwellSeconds must be a positive number, got -1.0")) {
            try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(zone: zone, loitering: LoiteringRule(dwellSeconds: -1))]))
        }
        #expect(throws: VisionError.invalidConfiguration("the name 'a' is used by more than one zone or line")) {
            try SceneAnalyser(configuration: SceneConfiguration(
                zones: [ZoneConfiguration(zone: zone)],
                lines: [LineConfiguration(line: try TripLine(name: "a", from: .zero, to: PlanePoint(x: 1, y: 0)))]))
        }
        #expect(throws: VisionError.invalidConfiguration("zone 'a': wrongWay.toleranceDegrees must be between 0 and 180, got 200.0")) {
            try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(
                zone: zone, wrongWay: WrongWayRule(allowedHeadingDegrees: 0, toleranceDegrees: 200))]))
        }
    }

    @Test func aLostTrackClearsItsEpisodesAfterTheTimeout() throws {
        var analyser = try SceneAnalyser(configuration: SceneConfiguration(
            zones: [ZoneConfiguration(zone: try Self.square("bench"), loitering: LoiteringRule(dwellSeconds: 10, graceSeconds: 2))],
            trackTimeoutSeconds: 3))
        let events = try Self.play(&analyser, through: 30) { t in t <= 15 ? [Self.person(1, 5, 5)] : [] }
        // Fires at 10; last seen at 15; forgotten once unseen for more than 3 s, at t = 19.
        #expect(events.map(\.phase) == [.began, .cleared])
        #expect(events.map(\.time) == [10, 19])
    }
}
