/// A multi-object tracker: a Kalman motion model per track and two-stage IoU association.
///
/// Each frame, predicted track boxes are matched to confident detections first (Hungarian on
/// 1 − IoU); tracks seen in the previous frame that are still unmatched then get a second
/// chance against weak detections, as in ByteTrack (Zhang et al., ECCV 2022), so an occluded
/// person whose detector score dips keeps their track. A new track is confirmed at its second
/// sighting; a lost track is predicted for `maximumLostFrames` and re-associated if it reappears.
/// Deterministic: the same frames give the same tracks.
public struct ByteTracker: Sendable {
    /// The tracker's thresholds.
    public let configuration: TrackerConfiguration
    /// Which stream the tracker follows, for error messages.
    public let streamName: String
    private var tracks: [Track] = []
    /// The last frame fed in.
    public private(set) var lastFrame: Int?
    private var nextTrackId = 1

    /// Creates a tracker; the configuration is validated.
    public init(configuration: TrackerConfiguration = TrackerConfiguration(), streamName: String = "") throws(VisionError) {
        self.configuration = try configuration.validated()
        self.streamName = streamName
    }

    /// The output of one frame.
    public struct FrameResult: Sendable {
        /// Confirmed tracks matched to a detection in this frame.
        public var objects: [TrackedObject]
        /// Lost tracks still remembered, at their predicted positions.
        public var predicted: [TrackedObject]
        /// First sightings of tracks confirmed in this frame, which were tentative (unreported) then.
        public var firstSightings: [TrackedObject]
    }

    /// Feeds one frame's detections; frames must increase.
    public mutating func update(frame: Int, detections: [Detection]) throws(VisionError) -> FrameResult {
        if let lastFrame, frame <= lastFrame {
            throw .frameOutOfOrder(camera: streamName, frame: frame, after: lastFrame)
        }
        let isFirstFrame = lastFrame == nil
        let steps = min(lastFrame.map { frame - $0 } ?? 1, configuration.maximumLostFrames + 1)
        lastFrame = frame
        for index in tracks.indices {
            for _ in 0..<steps { tracks[index].filter.predict() }
        }

        var strong: [Detection] = [], weak: [Detection] = []
        for var detection in detections where detection.score >= configuration.lowScore {
            detection.frame = frame
            if detection.score >= configuration.highScore { strong.append(detection) } else { weak.append(detection) }
        }

        // First stage: confirmed and lost tracks against confident detections.
        let established = tracks.indices.filter { tracks[$0].phase != .tentative }
        let firstMatches = associate(established, strong, minimumIoU: configuration.firstStageIoU)
        var matchedTracks = Set<Int>(), usedStrong = Set<Int>()
        for (track, detection) in firstMatches {
            tracks[track].match(strong[detection])
            tracks[track].phase = .tracked
            matchedTracks.insert(track)
            usedStrong.insert(detection)
        }

        // Second stage: tracks seen last frame, still unmatched, against weak detections.
        let recentlySeen = established.filter { !matchedTracks.contains($0) && tracks[$0].phase == .tracked }
        for (track, detection) in associate(recentlySeen, weak, minimumIoU: configuration.secondStageIoU) {
            tracks[track].match(weak[detection])
            matchedTracks.insert(track)
        }

        // Tentative tracks need a second confident sighting to be confirmed.
        let leftStrong = strong.indices.filter { !usedStrong.contains($0) }
        let tentative = tracks.indices.filter { tracks[$0].phase == .tentative }
        let leftDetections = leftStrong.map { strong[$0] }
        var firstSightings: [TrackedObject] = []
        for (track, local) in associate(tentative, leftDetections, minimumIoU: configuration.tentativeIoU) {
            let firstSighting = tracks[track]
            tracks[track].match(leftDetections[local])
            confirm(track)
            var sighting = firstSighting.state(frame: firstSighting.lastMatchedFrame, isPredicted: false)
            sighting.trackId = tracks[track].trackId
            firstSightings.append(sighting)
            matchedTracks.insert(track)
            usedStrong.insert(leftStrong[local])
        }

        var survivors: [Track] = []
        var result = FrameResult(objects: [], predicted: [], firstSightings: firstSightings)
        for index in tracks.indices {
            var track = tracks[index]
            if matchedTracks.contains(index) {
                result.objects.append(track.state(frame: frame, isPredicted: false))
                survivors.append(track)
                continue
            }
            guard track.phase != .tentative, frame - track.lastMatchedFrame <= configuration.maximumLostFrames else { continue }
            track.phase = .lost
            result.predicted.append(track.state(frame: frame, isPredicted: true))
            survivors.append(track)
        }
        tracks = survivors

        for index in strong.indices where !usedStrong.contains(index) && strong[index].score >= configuration.newTrackScore {
            tracks.append(Track(detection: strong[index]))
            if isFirstFrame {
                // Nothing came before the first frame to confirm against, so its objects start confirmed.
                confirm(tracks.count - 1)
                result.objects.append(tracks[tracks.count - 1].state(frame: frame, isPredicted: false))
            }
        }
        result.objects.sort { $0.trackId < $1.trackId }
        result.predicted.sort { $0.trackId < $1.trackId }
        return result
    }

    /// Number of tracks in memory (tentative, tracked and lost).
    public var trackCount: Int { tracks.count }

    private mutating func confirm(_ index: Int) {
        tracks[index].phase = .tracked
        tracks[index].trackId = nextTrackId
        nextTrackId += 1
    }

    /// Pairs track indices with detection indices (into `detections`) by maximum matched overlap.
    private func associate(_ trackIndices: [Int], _ detections: [Detection], minimumIoU: Double) -> [(Int, Int)] {
        guard !trackIndices.isEmpty, !detections.isEmpty else { return [] }
        var edges: [LinearAssignment.Edge] = []
        for (row, trackIndex) in trackIndices.enumerated() {
            let predicted = tracks[trackIndex].filter.box
            let objectClass = tracks[trackIndex].objectClass
            for (column, detection) in detections.enumerated() where detection.objectClass == objectClass {
                let overlap = predicted.intersectionOverUnion(detection.box)
                if overlap >= minimumIoU, overlap > 0 { edges.append(.init(row: row, column: column, cost: 1 - overlap)) }
            }
        }
        return LinearAssignment.sparse(rows: trackIndices.count, columns: detections.count, edges: edges)
            .map { (trackIndices[$0.row], $0.column) }
    }
}

extension ByteTracker {
    /// Tracks a whole sequence offline and fills short gaps by interpolation.
    public static func track(
        _ frames: [(frame: Int, detections: [Detection])], configuration: TrackerConfiguration = TrackerConfiguration()
    ) throws(VisionError) -> [MOTRecord] {
        var tracker = try ByteTracker(configuration: configuration)
        var records: [MOTRecord] = []
        for (frame, detections) in frames {
            let result = try tracker.update(frame: frame, detections: detections)
            records += (result.firstSightings + result.objects).map(\.motRecord)
        }
        return TrackInterpolation.filled(records, maximumGap: configuration.maximumInterpolatedGap)
    }
}
