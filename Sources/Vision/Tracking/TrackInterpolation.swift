/// Fills the frames in which a track was lost and later found again, by linear interpolation.
///
/// Online, a person walking behind a pillar has no box; once the track is re-associated, the
/// straight path between the two sightings is a far better guess than nothing, and CLEAR-MOT
/// counts each such frame as a miss otherwise. Gaps longer than `maximumGap` stay empty.
public enum TrackInterpolation {
    /// Records plus interpolated ones for gaps of at most `maximumGap` frames; sorted by frame then id.
    public static func filled(_ records: [MOTRecord], maximumGap: Int) -> [MOTRecord] {
        var byTrack: [Int: [MOTRecord]] = [:]
        for record in records { byTrack[record.id, default: []].append(record) }
        var output = records
        for (_, trackRecords) in byTrack {
            let sorted = trackRecords.sorted { $0.frame < $1.frame }
            for (before, after) in zip(sorted, sorted.dropFirst()) {
                let gap = after.frame - before.frame
                guard gap > 1, gap - 1 <= maximumGap else { continue }
                for step in 1..<gap {
                    let t = Double(step) / Double(gap)
                    func mix(_ a: Double, _ b: Double) -> Double { a + (b - a) * t }
                    let box = PixelBox(left: mix(before.box.left, after.box.left), top: mix(before.box.top, after.box.top),
                                       width: mix(before.box.width, after.box.width), height: mix(before.box.height, after.box.height))
                    output.append(MOTRecord(frame: before.frame + step, id: before.id, box: box,
                                            confidence: min(before.confidence, after.confidence)))
                }
            }
        }
        return output.sorted { ($0.frame, $0.id) < ($1.frame, $1.id) }
    }
}
