import Foundation
import Testing
@testable import Vision

@Suite struct ThreatAssessmentTests {
    static func event(_ kind: BehaviourKind, episode: Int, time: Double, at position: PlanePoint,
                      sensitivity: ZoneSensitivity = .normal, phase: BehaviourPhase = .began) -> BehaviourEvent {
        BehaviourEvent(kind: kind, phase: phase, episodeId: episode, place: "zone", sensitivity: sensitivity, time: time,
                       startTime: time, trackIds: [episode], position: position, evidence: [], measurement: 0,
                       explanation: "")
    }

    @Test func aLoiterInANormalZoneByDayIsJustItsBaseWeight() throws {
        var assessment = try ThreatAssessment()
        let score = assessment.assess(Self.event(.loitering, episode: 1, time: 0, at: .zero), hourOfDay: 14)
        #expect(score.score == 20)
        #expect(score.terms.map(\.name) == ["base", "zone sensitivity", "night", "nearby events"])
        #expect(score.terms.map(\.value) == [20, 0, 0, 0])
        #expect(!score.suggestsIncident)
    }

    @Test func sensitivityNightAndNearbyEventsAddUpTermByTerm() throws {
        var assessment = try ThreatAssessment()
        // Two earlier events within 30 m and 120 s, one too far, one too old, one line crossing (ignored).
        _ = assessment.assess(Self.event(.loitering, episode: 1, time: 0, at: PlanePoint(x: 100, y: 0)), hourOfDay: 23)
        _ = assessment.assess(Self.event(.wrongWay, episode: 2, time: 100, at: PlanePoint(x: 10, y: 0)), hourOfDay: 23)
        _ = assessment.assess(Self.event(.lineCrossing, episode: 3, time: 140, at: .zero, phase: .instant), hourOfDay: 23)
        _ = assessment.assess(Self.event(.loitering, episode: 4, time: 150, at: PlanePoint(x: 0, y: 29)), hourOfDay: 23)
        _ = assessment.assess(Self.event(.loitering, episode: 5, time: 160, at: PlanePoint(x: 31, y: 0)), hourOfDay: 23)
        let bag = Self.event(.abandonedObject, episode: 6, time: 200, at: .zero, sensitivity: .high)
        let score = assessment.assess(bag, hourOfDay: 23)
        // base 50; high × 1.5 → +25; night × 1.3 on 75 → +22.5; 2 nearby (episodes 2 and 4) → +20.
        for (term, expected) in zip(score.terms, [50, 25, 22.5, 20, -17.5]) { #expect(abs(term.value - expected) < 1e-9) }
        #expect(score.score == 100)
        #expect(score.terms.last?.name == "limit")
        #expect(abs(score.terms.reduce(0) { $0 + $1.value } - score.score) < 1e-9)
        #expect(score.suggestsIncident)
        #expect(score.terms[3].explanation.contains("2 other events"))
    }

    @Test func nightWrapsMidnightAndClearedEventsNeverSuggestAnIncident() throws {
        let assessment = try ThreatAssessment()
        let crowd = Self.event(.crowdDensity, episode: 1, time: 0, at: .zero, sensitivity: .critical)
        // 35 × 2 = 70 by day; at 03:00 +21 → 91; at 22:00 too; 06:00 is day again.
        #expect(assessment.score(crowd, hourOfDay: 12, concurrent: []).score == 70)
        #expect(abs(assessment.score(crowd, hourOfDay: 3, concurrent: []).score - 91) < 1e-9)
        #expect(abs(assessment.score(crowd, hourOfDay: 22, concurrent: []).score - 91) < 1e-9)
        #expect(assessment.score(crowd, hourOfDay: 6, concurrent: []).score == 70)
        var cleared = crowd
        cleared.phase = .cleared
        let score = assessment.score(cleared, hourOfDay: 12, concurrent: [])
        #expect(score.score == 70 && !score.suggestsIncident)
    }

    @Test func anEpisodeDoesNotCountAsItsOwnNeighbourAndClearingForgetsIt() throws {
        var assessment = try ThreatAssessment()
        let began = Self.event(.loitering, episode: 1, time: 0, at: .zero)
        _ = assessment.assess(began, hourOfDay: 12)
        var ended = began
        ended.phase = .cleared
        ended.time = 30
        #expect(assessment.assess(ended, hourOfDay: 12).terms[3].value == 0)
        #expect(assessment.assess(Self.event(.wrongWay, episode: 2, time: 40, at: .zero), hourOfDay: 12).terms[3].value == 0)
    }

    @Test func badWeightsAreRejected() {
        #expect(throws: VisionError.invalidConfiguration("threat assessment: nightStartHour must be in 0 ..< 24, got 25.0")) {
            try ThreatAssessment(configuration: ThreatConfiguration(nightStartHour: 25))
        }
    }
}

@Suite struct ConfigurationCodingTests {
    @Test func configurationsRoundTripThroughJSONWithReadableKeys() throws {
        let threat = ThreatConfiguration()
        let json = String(decoding: try JSONEncoder().encode(threat), as: UTF8.self)
        #expect(json.contains(#""abandonedObject":50"#))
        #expect(json.contains(#""critical":2"#))
        #expect(try JSONDecoder().decode(ThreatConfiguration.self, from: Data(json.utf8)) == threat)

        let scene = SceneConfiguration(
            zones: [ZoneConfiguration(zone: try Zone.rectangle(name: "stop", from: .zero, to: PlanePoint(x: 4, y: 3), kind: .waitingArea),
                                      loitering: LoiteringRule(dwellSeconds: 90), crowding: CrowdingRule(growthPerMinute: 20))],
            lines: [LineConfiguration(line: try TripLine(name: "gate", from: .zero, to: PlanePoint(x: 0, y: 5)), hysteresisMetres: 0.3)])
        let decoded = try JSONDecoder().decode(SceneConfiguration.self, from: try JSONEncoder().encode(scene))
        #expect(decoded == scene)
        #expect(decoded.zones[0].zone.areaSquareMetres == 12)
    }
}
