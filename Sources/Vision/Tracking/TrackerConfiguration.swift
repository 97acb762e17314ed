/// Thresholds of the two-stage (ByteTrack-style) tracker.
///
/// Defaults are ByteTrack's published settings where they transfer (high score 0.5, low 0.1,
/// 0.6 to start a track, 30 frames of memory for lost tracks); TUD-Campus at several generated
/// noise levels checks them, rather than tuning them to one sequence.
public struct TrackerConfiguration: Hashable, Sendable, Codable {
    /// Detections at or above this score take part in the first association and may start tracks.
    public var highScore: Double = 0.5
    /// Detections between this and `highScore` only extend existing tracks (the second stage).
    public var lowScore: Double = 0.1
    /// A detection must score at least this to start a new track.
    public var newTrackScore: Double = 0.6
    /// Minimum overlap between a predicted track box and a high-score detection.
    public var firstStageIoU: Double = 0.2
    /// Minimum overlap for the second stage (low-score detections, tracks seen last frame).
    public var secondStageIoU: Double = 0.5
    /// Minimum overlap for a tentative track's second sighting.
    public var tentativeIoU: Double = 0.3
    /// Frames a lost track is remembered, predicted by its motion model, before it ends.
    public var maximumLostFrames: Int = 30
    /// Largest gap in frames that offline interpolation fills for a track seen again.
    public var maximumInterpolatedGap: Int = 20

    /// The defaults.
    public init() {}

    /// Checks that thresholds are in range and ordered.
    public func validated() throws(VisionError) -> TrackerConfiguration {
        let unit = [highScore, lowScore, newTrackScore, firstStageIoU, secondStageIoU, tentativeIoU]
        guard unit.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= 1 }) else {
            throw .invalidConfiguration("tracker scores and overlaps must lie in 0…1")
        }
        guard lowScore <= highScore, highScore <= newTrackScore else {
            throw .invalidConfiguration("tracker scores must satisfy lowScore ≤ highScore ≤ newTrackScore")
        }
        guard maximumLostFrames >= 0, maximumInterpolatedGap >= 0 else {
            throw .invalidConfiguration("frame counts must not be negative")
        }
        return self
    }
}
