import Testing
import Vision

@Suite struct OverlapTrackerTests {
    private func detection(_ frame: Int, _ left: Double, width: Double = 10) -> Detection {
        Detection(frame: frame, box: PixelBox(left: left, top: 0, width: width, height: 10), score: 0.9)
    }

    @Test func perfectDetectionsGivePerfectTracks() throws {
        let truth = try Fixture.mot("gt.txt")
        let output = OverlapTracker.run(MOTText.framesOfDetections(try Fixture.mot("det.txt")))
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.mota == 1)
        #expect(score.idf1 == 1)
        #expect(score.idSwitches == 0)
    }

    /// The naive row of Fixtures/README.md: py-motmetrics 1.4.0 on the reference naive tracker's output.
    @Test func reproducesTheNaiveReferenceOnNoisyDetections() throws {
        let truth = try Fixture.mot("gt.txt")
        let output = OverlapTracker.run(MOTText.framesOfDetections(try Fixture.mot("det_noisy.txt")))
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(abs(score.mota - 0.704735) < 1e-6)
        #expect(abs(score.motp - 0.169644) < 1e-6)
        #expect(abs(score.idf1 - 0.657576) < 1e-6)
        #expect(abs(score.idp - 0.720930) < 1e-6)
        #expect(abs(score.idr - 0.604457) < 1e-6)
        #expect(abs(score.recall - 0.779944) < 1e-6)
        #expect(abs(score.precision - 0.930233) < 1e-6)
        #expect(score.idSwitches == 6)
        #expect(score.falsePositives == 21)
        #expect(score.misses == 79)
        #expect(score.mostlyTracked == 3 && score.mostlyLost == 0)
        #expect(score.fragmentations == 55)
    }

    @Test func everyDetectionIsOutputWithATrackId() throws {
        let detections = try Fixture.mot("det_noisy.txt")
        let output = OverlapTracker.run(MOTText.framesOfDetections(detections))
        #expect(output.count == detections.count)
        #expect(output.allSatisfy { $0.id >= 1 })
        for frame in Set(output.map(\.frame)) {
            let ids = output.filter { $0.frame == frame }.map(\.id)
            #expect(Set(ids).count == ids.count, "two detections of frame \(frame) share a track")
        }
    }

    @Test func aTrackSurvivesTwoMissedFramesButNotThree() {
        var tracker = OverlapTracker()
        let first = tracker.update(frame: 1, detections: [detection(1, 0)])
        _ = tracker.update(frame: 2, detections: [])
        _ = tracker.update(frame: 3, detections: [])
        let back = tracker.update(frame: 4, detections: [detection(4, 1)])
        #expect(back.map(\.id) == first.map(\.id))
        for frame in 5...7 { _ = tracker.update(frame: frame, detections: []) }
        #expect(tracker.liveTrackCount == 0)
        let new = tracker.update(frame: 8, detections: [detection(8, 1)])
        #expect(new.map(\.id) != first.map(\.id))
    }

    @Test func skippedFrameNumbersCountAsMisses() {
        var tracker = OverlapTracker()
        let first = tracker.update(frame: 1, detections: [detection(1, 0)])
        // Frames 2–4 never arrive: three frames without a match.
        let later = tracker.update(frame: 5, detections: [detection(5, 0)])
        #expect(later.map(\.id) != first.map(\.id))
    }

    @Test func tooLittleOverlapStartsANewTrack() {
        var tracker = OverlapTracker()
        let first = tracker.update(frame: 1, detections: [detection(1, 0)])
        // IoU of two 10-wide boxes 6 apart is 4/16 = 0.25 < 0.3; 5 apart is 5/15 ≈ 0.33.
        let far = tracker.update(frame: 2, detections: [detection(2, 6)])
        #expect(far[0].id != first[0].id)
        let near = tracker.update(frame: 3, detections: [detection(3, 11)])
        #expect(near[0].id == far[0].id)
    }

    @Test func crossingDetectionsFollowTheBestTotalOverlap() {
        var tracker = OverlapTracker()
        let start = tracker.update(frame: 1, detections: [detection(1, 0), detection(1, 20)])
        // Listed in the other order, each still overlaps its own track best.
        let next = tracker.update(frame: 2, detections: [detection(2, 22), detection(2, 2)])
        #expect(next.map(\.id) == [start[1].id, start[0].id])
    }
}
