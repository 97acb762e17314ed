import Testing
import Vision

@Suite struct TrackingScoreTests {
    private func record(_ frame: Int, _ id: Int, _ left: Double, _ top: Double = 0, width: Double = 10, height: Double = 10, confidence: Double = 1) -> MOTRecord {
        MOTRecord(frame: frame, id: id, box: PixelBox(left: left, top: top, width: width, height: height), confidence: confidence)
    }

    /// py-motmetrics 1.4.0 on TUD-Campus `test.txt` against `gt.txt` (Fixtures/README.md, first row).
    @Test func reproducesMotmetricsOnTUDCampus() throws {
        let score = TrackingScorer.score(groundTruth: try Fixture.mot("gt.txt"), hypotheses: try Fixture.mot("test.txt"))
        #expect(abs(score.mota - 0.526462) < 1e-6)
        #expect(abs(score.motp - 0.277201) < 1e-6)
        #expect(abs(score.idf1 - 0.557659) < 1e-6)
        #expect(abs(score.idp - 0.729730) < 1e-6)
        #expect(abs(score.idr - 0.451253) < 1e-6)
        #expect(abs(score.recall - 0.582173) < 1e-6)
        #expect(abs(score.precision - 0.941441) < 1e-6)
        #expect(score.idSwitches == 7)
        #expect(score.falsePositives == 13)
        #expect(score.misses == 150)
        #expect(score.mostlyTracked == 1)
        #expect(score.mostlyLost == 1)
        #expect(score.fragmentations == 7)
        #expect(score.groundTruthCount == 359)
        #expect(score.hypothesisCount == 222)
        #expect(score.matches == 359 - 150)
    }

    @Test func groundTruthAgainstItselfIsPerfect() throws {
        let truth = try Fixture.mot("gt.txt")
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: truth)
        #expect(score.mota == 1)
        #expect(score.motp == 0)
        #expect(score.idf1 == 1 && score.idp == 1 && score.idr == 1)
        #expect(score.recall == 1 && score.precision == 1)
        #expect(score.idSwitches == 0 && score.falsePositives == 0 && score.misses == 0 && score.fragmentations == 0)
        #expect(score.mostlyTracked == score.objects && score.partiallyTracked == 0 && score.mostlyLost == 0)
        #expect(score.objects == Set(truth.map(\.id)).count && score.tracks == score.objects)
    }

    @Test func aChangeOfTrackIsOneSwitch() {
        // One object over four frames; the tracker calls it 10, then 20.
        let truth = (1...4).map { record($0, 1, 0) }
        let output = [record(1, 10, 0), record(2, 10, 0), record(3, 20, 0), record(4, 20, 0)]
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.idSwitches == 1)
        #expect(score.matches == 4 && score.misses == 0 && score.falsePositives == 0)
        #expect(score.mota == 0.75)
        // Only one of the two tracks can be paired with the object: 2 of 4 boxes each way.
        #expect(score.idTruePositives == 2)
        #expect(score.idf1 == 0.5)
        #expect(score.fragmentations == 0)
        #expect(score.mostlyTracked == 1)
    }

    @Test func aGapInTheTrackIsOneFragmentation() {
        let truth = (1...5).map { record($0, 1, 0) }
        let output = [1, 2, 4, 5].map { record($0, 10, 0) }
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.fragmentations == 1)
        #expect(score.misses == 1 && score.idSwitches == 0)
        #expect(score.mota == 0.8 && score.recall == 0.8 && score.precision == 1)
        #expect(score.idf1 == 8.0 / 9.0)
        #expect(score.mostlyTracked == 1)
    }

    @Test func theLastMatchCountsAcrossAGap() {
        // Matched to 10, then missed, then matched to 20: a fragmentation and a switch.
        let truth = (1...3).map { record($0, 1, 0) }
        let output = [record(1, 10, 0), record(3, 20, 0)]
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.idSwitches == 1 && score.fragmentations == 1 && score.misses == 1)
    }

    @Test func anObjectKeepsItsTrackOverABetterFittingOne() {
        // Frame 2: track 10 still overlaps (IoU 0.6) and wins over the perfect track 20.
        let truth = [record(1, 1, 0), record(2, 1, 0)]
        let output = [record(1, 10, 0), record(2, 10, 0, width: 6), record(2, 20, 0)]
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.idSwitches == 0)
        #expect(score.falsePositives == 1)
        #expect(abs(score.motp - 0.4 / 2) < 1e-12)
    }

    @Test func anOverlapOfExactlyTheThresholdMatches() {
        // IoU of a 10 × 10 box with its top half is exactly 0.5; with a bit less it is not a match.
        let truth = [record(1, 1, 0), record(2, 1, 0)]
        let output = [record(1, 10, 0, height: 5), record(2, 10, 0, height: 4.99)]
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.matches == 1 && score.misses == 1 && score.falsePositives == 1)
        #expect(score.motp == 0.5)
    }

    @Test func trackedShareDecidesMostlyTrackedAndLost() {
        // Object 1 matched 4 of 5 frames (MT), object 2 1 of 5 (PT, 20 %), object 3 never (ML).
        var truth: [MOTRecord] = []
        for frame in 1...5 { truth += [record(frame, 1, 0), record(frame, 2, 100), record(frame, 3, 200)] }
        let output = [1, 2, 3, 4].map { record($0, 10, 0) } + [record(1, 20, 100)]
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.mostlyTracked == 1 && score.partiallyTracked == 1 && score.mostlyLost == 1)
        #expect(score.objects == 3 && score.tracks == 2)
    }

    @Test func groundTruthBelowFullConfidenceIsIgnored() {
        let truth = [record(1, 1, 0), record(1, 2, 100, confidence: 0)]
        let output = [record(1, 10, 0)]
        let score = TrackingScorer.score(groundTruth: truth, hypotheses: output)
        #expect(score.groundTruthCount == 1 && score.misses == 0 && score.mota == 1)
    }

    @Test func emptyInputScoresZeroRatherThanNaN() {
        let score = TrackingScorer.score(groundTruth: [], hypotheses: [])
        #expect(score.mota == 0 && score.idf1 == 0 && score.motp == 0)
        #expect(score.groundTruthCount == 0 && score.hypothesisCount == 0)
    }
}
