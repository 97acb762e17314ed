import Geo

/// One camera's live analysis: detections → tracks → ground positions → behaviours → scored signals.
///
/// A pure value: the server keeps one per camera and feeds it frames as they arrive; nothing here
/// stores images or identities, and tracks are only numbers that mean nothing outside this camera.
public struct CameraPipeline: Sendable {
    /// The camera's checked set-up.
    public let setup: CameraSetup
    private var tracker: ByteTracker
    private var analyser: SceneAnalyser
    private var threat: ThreatAssessment
    private var frigateTracks: [String: FrigateTrack] = [:]
    private var nextFrigateTrackId = 1

    /// Starts a pipeline for a camera.
    public init(setup: CameraSetup) throws(VisionError) {
        self.setup = setup
        tracker = try ByteTracker(configuration: setup.configuration.tracker, streamName: setup.configuration.id)
        analyser = try SceneAnalyser(configuration: setup.scene)
        threat = try ThreatAssessment(configuration: setup.configuration.threat)
    }

    /// Crossings counted so far, per line.
    public var crossingCounts: [String: CrossingCounts] { analyser.crossingCounts }
    /// People in each zone in the last frame.
    public var occupancy: [String: Int] { analyser.occupancy }

    /// Tracks one frame of detections and recognises behaviours; frames and times must increase.
    public mutating func process(_ frame: DetectionFrame) throws(VisionError) -> CameraFrameResult {
        if let last = analyser.lastTime, frame.time <= last {
            throw .frameOutOfOrder(camera: setup.configuration.id, frame: frame.frame, after: tracker.lastFrame ?? frame.frame)
        }
        let tracked = try tracker.update(frame: frame.frame, detections: frame.detections)
        var objects: [CameraObject] = []
        var observations: [TrackObservation] = []
        for object in tracked.objects {
            let ground = setup.homography.groundPosition(of: object.box)
            objects.append(CameraObject(trackId: object.trackId, objectClass: object.objectClass, box: object.box,
                                        location: ground.map(setup.frame.geoPoint(for:)), isPredicted: false))
            if let ground { observations.append(TrackObservation(trackId: object.trackId, objectClass: object.objectClass, position: ground, box: object.box)) }
        }
        return try analyse(time: frame.time, observations: observations, objects: objects)
    }

    /// Takes one message of Frigate's event stream; Frigate has tracked the object already.
    public mutating func process(frigate event: FrigateEvent) throws(VisionError) -> CameraFrameResult {
        let ground = setup.homography.groundPosition(of: event.box)
        var track = frigateTracks[event.objectKey] ?? {
            defer { nextFrigateTrackId += 1 }
            return FrigateTrack(trackId: nextFrigateTrackId, objectClass: event.objectClass, position: ground, box: event.box, time: event.frameTime)
        }()
        track.position = ground
        track.box = event.box
        track.time = max(track.time, event.frameTime)
        frigateTracks[event.objectKey] = event.kind == .end ? nil : track
        // Objects whose last message is older than the scene's track timeout are gone.
        let horizon = event.frameTime - setup.scene.trackTimeoutSeconds
        frigateTracks = frigateTracks.filter { $0.value.time >= horizon }
        // Several objects can report the same frame time; the scene advances once per instant.
        if let last = analyser.lastTime, event.frameTime <= last { return CameraFrameResult(time: event.frameTime, objects: [], signals: []) }
        let current = frigateTracks.values.sorted { $0.trackId < $1.trackId }
        let observations = current.compactMap { track in
            track.position.map { TrackObservation(trackId: track.trackId, objectClass: track.objectClass, position: $0, box: track.box) }
        }
        let objects = current.map {
            CameraObject(trackId: $0.trackId, objectClass: $0.objectClass, box: $0.box, location: $0.position.map(setup.frame.geoPoint(for:)), isPredicted: false)
        }
        return try analyse(time: event.frameTime, observations: observations, objects: objects)
    }

    private mutating func analyse(time: Double, observations: [TrackObservation], objects: [CameraObject]) throws(VisionError) -> CameraFrameResult {
        let events = try analyser.update(time: time, observations: observations)
        let hour = setup.hourOfDay(at: time)
        var signals: [CameraSignal] = []
        for event in events {
            let score = threat.assess(event, hourOfDay: hour)
            guard event.phase != .instant || setup.signalledLines.contains(event.place) else { continue }
            signals.append(CameraSignal(
                event: event, threat: score, location: setup.frame.geoPoint(for: event.position),
                evidence: event.evidence.map { CameraSignal.Evidence(trackId: $0.trackId, time: $0.time, location: setup.frame.geoPoint(for: $0.position)) }))
        }
        return CameraFrameResult(time: time, objects: objects, signals: signals)
    }
}

/// What one frame produced.
public struct CameraFrameResult: Sendable {
    /// Frame time, seconds since 1970.
    public var time: Double
    /// Confirmed tracks seen in the frame.
    public var objects: [CameraObject]
    /// Behaviours that began, cleared or (for signalled lines) happened.
    public var signals: [CameraSignal]
}

/// A tracked object in one frame, placed on the map.
public struct CameraObject: Hashable, Sendable, Codable {
    /// The camera's anonymous track number.
    public var trackId: Int
    public var objectClass: ObjectClass
    public var box: PixelBox
    /// Ground position of the box's foot point, when it is below the horizon.
    public var location: GeoPoint?
    public var isPredicted: Bool
}

/// A behaviour event with its threat score and its evidence on the map.
public struct CameraSignal: Sendable {
    /// A track position that supports the signal.
    public struct Evidence: Hashable, Sendable, Codable {
        public var trackId: Int
        public var time: Double
        public var location: GeoPoint
    }

    public var event: BehaviourEvent
    public var threat: ThreatScore
    /// Where it happened.
    public var location: GeoPoint
    public var evidence: [Evidence]
}

private struct FrigateTrack: Sendable {
    var trackId: Int
    var objectClass: ObjectClass
    var position: PlanePoint?
    var box: PixelBox
    var time: Double
}
