import Testing
@testable import Vision

/// Unusual motion on real walking: the ETH sequence should raise (almost) nothing, and a runner added to it should be found.
@Suite struct UnusualMotionETHTests {
    static func analyser() throws -> SceneAnalyser {
        let area = try Zone.rectangle(name: "plaza", from: PlanePoint(x: -10, y: -5), to: PlanePoint(x: 16, y: 15))
        return try SceneAnalyser(configuration: SceneConfiguration(zones: [ZoneConfiguration(zone: area, unusualMotion: UnusualMotionRule())]))
    }

    /// The sequence's frames with, optionally, one extra person running 5 m/s across the plaza from `runnerStart` seconds.
    static func frames(_ sequence: ETHSequence, runnerStart: Double?) -> [(time: Double, observations: [TrackObservation])] {
        sequence.frames().map { frame, rows in
            let time = sequence.time(frame)
            var observations = rows.map { TrackObservation(trackId: $0.pedestrian, objectClass: .person, position: PlanePoint(x: $0.x, y: $0.y)) }
            if let runnerStart, time >= runnerStart, time <= runnerStart + 4 {
                observations.append(TrackObservation(trackId: 99_999, objectClass: .person, position: PlanePoint(x: -8 + 5 * (time - runnerStart), y: 5)))
            }
            return (time, observations)
        }
    }

    @Test func realWalkingRaisesAlmostNothingAndARunnerIsFound() throws {
        let sequence = try ETHSequence.eth()
        var quiet = try Self.analyser()
        var quietEvents: [BehaviourEvent] = []
        for (time, observations) in Self.frames(sequence, runnerStart: nil) { quietEvents += try quiet.update(time: time, observations: observations) }
        let falseAlarms = quietEvents.filter { $0.phase == .began }
        print("ETH unusual-motion alarms on real walking:", falseAlarms.map { "\($0.kind.rawValue)@\(Int($0.time)) tracks \($0.trackIds)" })
        // 360 pedestrians over 13 minutes: at most one alarm in a hundred pedestrians.
        #expect(falseAlarms.count <= Set(sequence.rows.map(\.pedestrian)).count / 100)

        // Half-way through, when the zone has learned its normal walking speeds.
        let runnerStart = sequence.time(sequence.frames()[sequence.frames().count / 2].frame)
        var withRunner = try Self.analyser()
        var events: [BehaviourEvent] = []
        for (time, observations) in Self.frames(sequence, runnerStart: runnerStart) { events += try withRunner.update(time: time, observations: observations) }
        let runner = events.filter { $0.kind == .unusualSpeed && $0.phase == .began && $0.trackIds == [99_999] }
        #expect(runner.count == 1)
        if let first = runner.first { #expect(first.time - runnerStart <= 2.5) }
    }
}
