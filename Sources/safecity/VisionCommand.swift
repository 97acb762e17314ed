import ArgumentParser
import Foundation
import SafeCityCore
import Vision

/// `safecity vision track` and `safecity vision score`: the tracker and its CLEAR-MOT/IDF1 scorer on MOT Challenge text files.
struct VisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vision", abstract: "Multi-object tracking on MOT Challenge text files, and its scores.",
        subcommands: [Track.self, Score.self])

    struct Track: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "track",
            abstract: "Read detections (frame,-1,left,top,width,height,score,…), print tracks in the same format with their ids.")

        @Argument(help: "Detections file, or - for standard input.") var file: String
        @Option(help: "Detections at or above this score start the first association.") var highScore: Double = 0.5
        @Option(help: "Detections below this score are ignored.") var lowScore: Double = 0.1
        @Option(help: "Score a detection needs to start a track.") var newTrackScore: Double = 0.6
        @Option(help: "Frames a lost track is remembered.") var maximumLostFrames: Int = 30
        @Option(help: "Longest gap (frames) filled by interpolation; 0 for none.") var maximumGap: Int = 20

        func run() async throws {
            var configuration = TrackerConfiguration()
            configuration.highScore = highScore
            configuration.lowScore = lowScore
            configuration.newTrackScore = newTrackScore
            configuration.maximumLostFrames = maximumLostFrames
            configuration.maximumInterpolatedGap = maximumGap
            let detections = try VisionCommand.records(file)
            let tracks: [MOTRecord]
            do {
                tracks = try ByteTracker.track(MOTText.framesOfDetections(detections), configuration: configuration)
            } catch {
                throw CLIError("\(error)")
            }
            FileHandle.standardOutput.write(Data(MOTText.format(tracks).utf8))
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score", abstract: "Score tracks against ground truth: MOTA, MOTP, IDF1, ID switches, false positives, misses.")

        @Argument(help: "Ground-truth file (lines with confidence < 1 are ignored).") var groundTruth: String
        @Argument(help: "Tracks file.") var tracks: String
        @Option(help: "IoU a track box needs to match a ground-truth box.") var iou: Double = 0.5
        @Flag(help: "Print one JSON object instead of a table.") var json = false

        func run() async throws {
            guard iou > 0, iou <= 1 else { throw CLIError("--iou must be in (0, 1]") }
            let score = TrackingScorer.score(
                groundTruth: try VisionCommand.records(groundTruth), hypotheses: try VisionCommand.records(tracks), iouThreshold: iou)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                printNow(String(decoding: try encoder.encode(score), as: UTF8.self))
            } else {
                FileHandle.standardOutput.write(Data(VisionCommand.table(score).utf8))
            }
        }
    }

    static func records(_ file: String) throws -> [MOTRecord] {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { throw CLIError("cannot read \(file)") }
        do { return try MOTText.parse(String(decoding: data, as: UTF8.self)) } catch { throw CLIError("\(file): \(error)") }
    }

    static func table(_ score: TrackingScore) -> String {
        func ratio(_ value: Double) -> String { String(format: "%.6f", value) }
        let rows: [(String, String)] = [
            ("MOTA", ratio(score.mota)), ("MOTP (1-IoU)", ratio(score.motp)), ("IDF1", ratio(score.idf1)),
            ("IDP", ratio(score.idp)), ("IDR", ratio(score.idr)), ("Recall", ratio(score.recall)), ("Precision", ratio(score.precision)),
            ("ID switches", "\(score.idSwitches)"), ("False positives", "\(score.falsePositives)"), ("Misses", "\(score.misses)"),
            ("Mostly tracked", "\(score.mostlyTracked)"), ("Mostly lost", "\(score.mostlyLost)"), ("Fragmentations", "\(score.fragmentations)"),
        ]
        return rows.map { "\($0.0.padding(toLength: 16, withPad: " ", startingAt: 0))\($0.1)\n" }.joined()
    }
}
