import SafeCityCore
import Testing
@testable import Vision

@Suite struct ByteTrackerTests {
    /// A person walking right at 5 px/frame.
    private func walker(frame: Int, score: Double = 0.9, startX: Double = 100, y: Double = 200) -> Detection {
        Detection(frame: frame, box: PixelBox(left: startX + 5 * Double(frame), top: y, width: 40, height: 100), score: score)
    }

    @Test func keepsOneIdentityAcrossAnOcclusionAndInterpolatesTheGap() throws {
        // Frames 11–18 have no detection: the person is behind a pillar.
        let frames = (1...40).filter { !(11...18).contains($0) }.map { (frame: $0, detections: [walker(frame: $0)]) }
        let tracks = try ByteTracker.track(frames)
        #expect(Set(tracks.map(\.id)) == [1])
        #expect(tracks.map(\.frame) == Array(1...40))
        let middle = try #require(tracks.first { $0.frame == 15 })
        #expect(abs(middle.box.left - (100 + 5 * 15)) < 2)
    }

    @Test func weakDetectionsExtendATrackButNeverStartOne() throws {
        var tracker = try ByteTracker()
        _ = try tracker.update(frame: 1, detections: [walker(frame: 1)])
        // Partly occluded: the detector's score drops below the high threshold for a while.
        for frame in 2...6 {
            let result = try tracker.update(frame: frame, detections: [walker(frame: frame, score: 0.3)])
            #expect(result.objects.map(\.trackId) == [1])
        }
        // A weak box alone, far away, starts nothing.
        let result = try tracker.update(frame: 7, detections: [walker(frame: 7), walker(frame: 7, score: 0.3, startX: 500)])
        #expect(result.objects.map(\.trackId) == [1])
        #expect(tracker.trackCount == 1)
    }

    @Test func aSingleFalseBoxIsNeverReported() throws {
        var frames = (1...10).map { (frame: $0, detections: [walker(frame: $0)]) }
        frames[4].detections.append(Detection(frame: 5, box: PixelBox(left: 400, top: 50, width: 30, height: 80), score: 0.95))
        let tracks = try ByteTracker.track(frames)
        #expect(Set(tracks.map(\.id)) == [1])
    }

    @Test func aNewPersonIsConfirmedAtTheSecondSightingAndReportedFromTheFirst() throws {
        var tracker = try ByteTracker()
        _ = try tracker.update(frame: 1, detections: [walker(frame: 1)])
        let second = walker(frame: 2, startX: 400, y: 50)
        let atFirstSighting = try tracker.update(frame: 2, detections: [walker(frame: 2), second])
        #expect(atFirstSighting.objects.map(\.trackId) == [1])
        let confirmed = try tracker.update(frame: 3, detections: [walker(frame: 3), walker(frame: 3, startX: 400, y: 50)])
        #expect(confirmed.objects.map(\.trackId) == [1, 2])
        #expect(confirmed.firstSightings.map(\.frame) == [2])
        #expect(confirmed.firstSightings.map(\.trackId) == [2])
    }

    @Test func classesAreNotMixed() throws {
        var tracker = try ByteTracker()
        _ = try tracker.update(frame: 1, detections: [walker(frame: 1)])
        var car = walker(frame: 2)
        car.objectClass = .car
        let result = try tracker.update(frame: 2, detections: [car])
        #expect(result.objects.isEmpty)
        #expect(result.predicted.map(\.trackId) == [1])
    }

    @Test func isDeterministic() throws {
        var generator = SplitMix64(seed: 3)
        let truth = SyntheticCrowd(objectCount: 30).groundTruth(frames: 60, using: &generator)
        let detections = DetectionDegradation(dropProbability: 0.2, jitterFraction: 0.05, falseBoxesPerFrame: 1)
            .apply(to: truth, imageWidth: 1920, imageHeight: 1080, using: &generator)
        let frames = MOTText.framesOfDetections(detections)
        #expect(try ByteTracker.track(frames) == ByteTracker.track(frames))
    }

    @Test func refusesFramesOutOfOrderAndBadSettings() throws {
        var tracker = try ByteTracker(streamName: "cam-1")
        _ = try tracker.update(frame: 5, detections: [])
        #expect(throws: VisionError.frameOutOfOrder(camera: "cam-1", frame: 5, after: 5)) { try tracker.update(frame: 5, detections: []) }
        #expect(throws: VisionError.frameOutOfOrder(camera: "cam-1", frame: 3, after: 5)) { try tracker.update(frame: 3, detections: []) }
        var settings = TrackerConfiguration()
        settings.lowScore = 0.9
        #expect(throws: VisionError.self) { try ByteTracker(configuration: settings) }
        settings = TrackerConfiguration()
        settings.firstStageIoU = .nan
        #expect(throws: VisionError.self) { try ByteTracker(configuration: settings) }
    }
}
