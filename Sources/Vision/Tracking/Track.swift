/// A tracker's internal memory of one object.
struct Track: Sendable {
    enum Phase: Sendable { case tentative, tracked, lost }

    /// Assigned when the track is confirmed; tentative tracks have 0.
    var trackId: Int
    var phase: Phase
    var filter: KalmanBoxFilter
    var objectClass: ObjectClass
    var score: Double
    /// Last frame in which a detection matched.
    var lastMatchedFrame: Int
    var hits: Int

    init(detection: Detection) {
        trackId = 0
        phase = .tentative
        filter = KalmanBoxFilter(box: detection.box)
        objectClass = detection.objectClass
        score = detection.score
        lastMatchedFrame = detection.frame
        hits = 1
    }

    mutating func match(_ detection: Detection) {
        filter.update(with: detection.box)
        score = detection.score
        lastMatchedFrame = detection.frame
        hits += 1
    }

    func state(frame: Int, isPredicted: Bool) -> TrackedObject {
        TrackedObject(trackId: trackId, frame: frame, box: filter.box, score: score, objectClass: objectClass,
                      isPredicted: isPredicted, velocity: filter.centreVelocity)
    }
}
