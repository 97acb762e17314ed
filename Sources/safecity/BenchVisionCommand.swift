import ArgumentParser
import Foundation
import SafeCityCore
import SafeCityServer
import Vision

/// `safecity bench vision`: tracker speed on TUD-Campus and on a crowded synthetic scene, against the
/// plain overlap tracker run in the same process, and accuracy at several detector noise levels.
struct BenchVisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vision", abstract: "Tracker frames/s and detections/s, and MOTA/IDF1 across detector noise levels.")

    @Option(help: "Directory with TUD-Campus gt.txt and det_noisy.txt.")
    var sequence: String = "Tests/VisionTests/Fixtures/TUD-Campus"
    @Option(help: "Times the TUD-Campus sequence is tracked for the speed figure.") var repeats: Int = 300
    @Option(help: "People per frame in the crowded scene.") var crowd: Int = 200
    @Option(help: "Frames of the crowded scene.") var frames: Int = 600
    @Option(help: "Seed of the generated scenes and noise.") var seed: UInt64 = 2026

    func run() async throws {
        guard repeats > 0, crowd > 0, frames > 1 else { throw CLIError("--repeats and --crowd must be positive, --frames at least 2") }
        let groundTruth = try VisionCommand.records("\(sequence)/gt.txt")
        let noisy = try VisionCommand.records("\(sequence)/det_noisy.txt")
        let figure = BenchFigure(bench: "vision", context: [:])
        let progress = ProgressReporter(label: "bench vision")

        progress.message("TUD-Campus det_noisy.txt, \(repeats) passes")
        try speed(figure, name: "tud-campus", detections: noisy, repeats: repeats, progress: progress)

        progress.message("crowded scene: \(crowd) people × \(frames) frames")
        var generator = SplitMix64(seed: seed)
        let crowdTruth = SyntheticCrowd(objectCount: crowd).groundTruth(frames: frames, using: &generator)
        let crowdDetections = DetectionDegradation(dropProbability: 0.1, jitterFraction: 0.03, falseBoxesPerFrame: 2)
            .apply(to: crowdTruth, imageWidth: 1920, imageHeight: 1080, using: &generator)
        try speed(figure, name: "crowd-\(crowd)", detections: crowdDetections, repeats: 1, progress: progress)
        try accuracy(figure, name: "crowd-\(crowd)", groundTruth: crowdTruth, detections: crowdDetections, extra: [:])
        try pipeline(figure, detections: crowdDetections, progress: progress)

        try accuracy(figure, name: "tud-campus det_noisy.txt", groundTruth: groundTruth, detections: noisy, extra: [:])
        for level in Self.noiseLevels {
            progress.message("TUD-Campus at drop \(level.dropProbability), jitter \(level.jitterFraction), \(level.falseBoxesPerFrame) false boxes/frame")
            var levelGenerator = SplitMix64(seed: seed)
            let detections = level.apply(to: groundTruth, imageWidth: 640, imageHeight: 480, using: &levelGenerator)
            try accuracy(figure, name: "tud-campus generated", groundTruth: groundTruth, detections: detections, extra: [
                "drop": .number(level.dropProbability), "jitter": .number(level.jitterFraction),
                "falseBoxesPerFrame": .number(level.falseBoxesPerFrame),
            ])
        }
        progress.finish()
    }

    /// Detector noise from clean to poor; the second is the recipe of det_noisy.txt.
    static let noiseLevels = [
        DetectionDegradation(dropProbability: 0.1, jitterFraction: 0.02, falseBoxesPerFrame: 0.1),
        DetectionDegradation(dropProbability: 0.2, jitterFraction: 0.05, falseBoxesPerFrame: 0.3),
        DetectionDegradation(dropProbability: 0.3, jitterFraction: 0.08, falseBoxesPerFrame: 0.6),
        DetectionDegradation(dropProbability: 0.4, jitterFraction: 0.10, falseBoxesPerFrame: 1.0),
    ]

    /// Frames/s and detections/s of the tracker (with interpolation) against the plain overlap tracker, on one core.
    private func speed(_ figure: BenchFigure, name: String, detections: [MOTRecord], repeats: Int, progress: ProgressReporter) throws {
        let frameList = MOTText.framesOfDetections(detections)
        var checksum = 0
        let trackerStart = ContinuousClock.now
        for pass in 0..<repeats {
            checksum &+= try ByteTracker.track(frameList).count
            progress.update(done: Int64(pass + 1), total: Int64(repeats * 2))
        }
        let trackerSeconds = (ContinuousClock.now - trackerStart).seconds
        let baselineStart = ContinuousClock.now
        for pass in 0..<repeats {
            checksum &+= OverlapTracker.run(frameList).count
            progress.update(done: Int64(repeats + pass + 1), total: Int64(repeats * 2))
        }
        let baselineSeconds = (ContinuousClock.now - baselineStart).seconds
        let frameCount = Double(frameList.count * repeats), detectionCount = Double(detections.count * repeats)
        figure.emit("speed", seconds: trackerSeconds, baseline: "overlap tracker (Hungarian on IoU, no motion model)",
                    baselineSeconds: baselineSeconds, extra: [
                        "sequence": .string(name), "frames": .number(frameCount), "detections": .number(detectionCount),
                        "framesPerSecond": .number((frameCount / trackerSeconds).rounded()),
                        "detectionsPerSecond": .number((detectionCount / trackerSeconds).rounded()),
                        "baselineFramesPerSecond": .number((frameCount / baselineSeconds).rounded()),
                        "checksum": .number(Double(checksum % 1_000_000)),
                    ])
    }

    /// The whole camera pipeline (tracker, homography, every behaviour of the demo camera's four zones and
    /// its line, threat scores) on the crowded scene, against the tracker alone.
    private func pipeline(_ figure: BenchFigure, detections: [MOTRecord], progress: ProgressReporter) throws {
        progress.message("camera pipeline: the demo camera's zones and line on the crowded scene")
        let site = try DemoCameras.sites(start: 1_796_061_600, seed: seed)[0]
        var camera = try CameraPipeline(setup: try site.configuration.compiled())
        // The crowd is drawn on a 1920×1080 image; the demo camera is 1280×720, so scale the boxes to it.
        let frames = MOTText.framesOfDetections(detections).map { frame, detections in
            DetectionFrame(frame: frame, time: 1_796_061_600 + Double(frame) / 5, detections: detections.map { detection in
                var scaled = detection
                scaled.box = PixelBox(left: detection.box.left * 2 / 3, top: detection.box.top * 2 / 3,
                                      width: detection.box.width * 2 / 3, height: detection.box.height * 2 / 3)
                return scaled
            })
        }
        var signals = 0
        let start = ContinuousClock.now
        for frame in frames { signals += try camera.process(frame).signals.count }
        let pipelineSeconds = (ContinuousClock.now - start).seconds
        var tracker = try ByteTracker()
        let trackerStart = ContinuousClock.now
        for frame in frames { _ = try tracker.update(frame: frame.frame, detections: frame.detections) }
        let trackerSeconds = (ContinuousClock.now - trackerStart).seconds
        figure.emit("pipeline", seconds: pipelineSeconds, baseline: "tracker alone", baselineSeconds: trackerSeconds, extra: [
            "sequence": .string("crowd-\(crowd) on the demo camera"), "frames": .number(Double(frames.count)),
            "framesPerSecond": .number((Double(frames.count) / pipelineSeconds).rounded()), "signals": .number(Double(signals)),
        ])
    }

    /// MOTA and IDF1 of the tracker and of the overlap tracker on the same detections.
    private func accuracy(_ figure: BenchFigure, name: String, groundTruth: [MOTRecord], detections: [MOTRecord],
                          extra: [String: JSONValue]) throws {
        let frameList = MOTText.framesOfDetections(detections)
        let tracked = TrackingScorer.score(groundTruth: groundTruth, hypotheses: try ByteTracker.track(frameList))
        let baseline = TrackingScorer.score(groundTruth: groundTruth, hypotheses: OverlapTracker.run(frameList))
        var line = extra
        line["bench"] = .string(figure.bench)
        line["figure"] = .string("accuracy")
        line["sequence"] = .string(name)
        line["mota"] = .number(BenchFigure.round(tracked.mota))
        line["idf1"] = .number(BenchFigure.round(tracked.idf1))
        line["motp"] = .number(BenchFigure.round(tracked.motp))
        line["idSwitches"] = .number(Double(tracked.idSwitches))
        line["baseline"] = .string("overlap tracker")
        line["baselineMota"] = .number(BenchFigure.round(baseline.mota))
        line["baselineIdf1"] = .number(BenchFigure.round(baseline.idf1))
        printNow(String(decoding: JSONValue.object(line).canonicalBytes, as: UTF8.self))
    }
}
