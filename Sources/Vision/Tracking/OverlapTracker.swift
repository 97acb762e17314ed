/// The naive IoU tracker: each detection joins the track whose last box it overlaps best, or starts a new one.
///
/// This is the baseline that `safecity bench vision` measures real trackers against. Each frame,
/// tracks (by their last matched box) and detections are paired by a minimum-cost assignment over
/// all pairs with cost 1 − IoU, and pairs overlapping less than `minimumIoU` are then discarded —
/// the SORT habit of solving first and gating after. There is no motion model and no
/// interpolation: a track that is not matched keeps its last box and is dropped once it has gone
/// `maximumMissedFrames` frames without a match. Every detection that is not matched starts a
/// new track, so the output holds every detection, each with a track id.
///
/// - Note: Frames must come in increasing order. Frame numbers that are skipped count as frames
///   without a match, so leaving out frames that had no detection changes nothing.
public struct OverlapTracker: Sendable {
    /// Least IoU between a track's last box and a detection for them to be paired.
    public let minimumIoU: Double
    /// Consecutive frames without a match after which a track is dropped.
    public let maximumMissedFrames: Int

    private struct Track: Sendable {
        var id: Int
        var box: PixelBox
        var lastMatchedFrame: Int
    }

    private var tracks: [Track] = []
    private var nextId = 1
    private var lastFrame: Int?

    /// Creates a tracker with no tracks; ids start at 1.
    public init(minimumIoU: Double = 0.3, maximumMissedFrames: Int = 3) {
        precondition(minimumIoU > 0 && minimumIoU <= 1, "minimumIoU must be in (0, 1], got \(minimumIoU)")
        precondition(maximumMissedFrames >= 1, "maximumMissedFrames must be at least 1, got \(maximumMissedFrames)")
        self.minimumIoU = minimumIoU
        self.maximumMissedFrames = maximumMissedFrames
    }

    /// Number of tracks alive after the last update.
    public var liveTrackCount: Int { tracks.count }

    /// Takes one frame's detections and returns them as records carrying their track ids, in input order.
    public mutating func update(frame: Int, detections: [Detection]) -> [MOTRecord] {
        if let lastFrame { precondition(frame > lastFrame, "frame \(frame) arrived after frame \(lastFrame)") }
        lastFrame = frame
        // Tracks whose misses ran out in skipped frames.
        tracks.removeAll { frame - $0.lastMatchedFrame > maximumMissedFrames }

        var trackIdOfDetection = [Int?](repeating: nil, count: detections.count)
        if !tracks.isEmpty && !detections.isEmpty {
            let columns = detections.count
            var overlaps = [Double](repeating: 0, count: tracks.count * columns)
            for (row, track) in tracks.enumerated() {
                for (column, detection) in detections.enumerated() {
                    overlaps[row * columns + column] = track.box.intersectionOverUnion(detection.box)
                }
            }
            let assignment = LinearAssignment.minimumCost(costs: overlaps.map { 1 - $0 }, rows: tracks.count, columns: columns)
            for (row, column) in assignment.enumerated() {
                guard let column, overlaps[row * columns + column] >= minimumIoU else { continue }
                trackIdOfDetection[column] = tracks[row].id
                tracks[row].box = detections[column].box
                tracks[row].lastMatchedFrame = frame
            }
        }
        tracks.removeAll { frame - $0.lastMatchedFrame >= maximumMissedFrames }

        var records: [MOTRecord] = []
        records.reserveCapacity(detections.count)
        for (index, detection) in detections.enumerated() {
            let id: Int
            if let matched = trackIdOfDetection[index] {
                id = matched
            } else {
                id = nextId
                nextId += 1
                tracks.append(Track(id: id, box: detection.box, lastMatchedFrame: frame))
            }
            records.append(MOTRecord(frame: frame, id: id, box: detection.box, confidence: detection.score))
        }
        return records
    }

    /// Tracks a whole sequence with default settings, frames in increasing order, and returns every record.
    public static func run(_ frames: [(frame: Int, detections: [Detection])]) -> [MOTRecord] {
        var tracker = OverlapTracker()
        var records: [MOTRecord] = []
        for (frame, detections) in frames { records += tracker.update(frame: frame, detections: detections) }
        return records
    }
}
