import Foundation
import Geo
import SafeCityCore
import Vision

/// The camera desk: the registry of cameras and the live analysis of their detection streams.
///
/// Each camera has a ``CameraPipeline`` (tracker, homography, behaviours, threat scores). Frames go
/// through it as they arrive; signals are appended to the log. Tracks live only in memory, for the
/// camera's retention time, and are never written to disk.
public actor VisionService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    private let log: any EventLog
    private let clock: any WallClock
    private let append: Append
    private var cameras: [String: CameraState] = [:]
    /// Frames and detections taken, and frames refused by reason, for `/metrics`.
    public private(set) var framesTotal = 0
    public private(set) var detectionsTotal = 0
    public private(set) var signalsTotal = 0

    public init(log: any EventLog, clock: any WallClock, append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.append = append
    }

    /// Reads the registry from the log and starts a pipeline per camera.
    public func start() async throws {
        var registry: [String: CameraConfiguration] = [:]
        try await log.forEachRecord(ofTypes: [VisionEvents.registered, VisionEvents.retired]) { record in
            if record.event.type == VisionEvents.registered, let camera = try? record.event.payload.decode(CameraConfiguration.self) {
                registry[camera.id] = camera
            } else if let retired = try? record.event.payload.decode(VisionEvents.Retired.self) {
                registry[retired.cameraID] = nil
            }
        }
        for camera in registry.values {
            // A registration that no longer compiles (rules tightened since) is skipped rather than stopping the server.
            if let setup = try? camera.compiled(), let pipeline = try? CameraPipeline(setup: setup) { cameras[camera.id] = CameraState(pipeline: pipeline) }
        }
    }

    /// Registers a camera, or replaces the set-up of one with the same id (its tracks and episodes start afresh).
    @discardableResult
    public func register(_ camera: CameraConfiguration, actor: String) async throws -> EventRecord {
        let pipeline = try CameraPipeline(setup: try camera.compiled())
        let event = NewEvent(type: VisionEvents.registered, source: "vision", actor: actor, occurredAt: clock.now(),
                             location: camera.location, payload: try EventPayload(encoding: camera))
        let record = try await append([event])[0]
        cameras[camera.id] = CameraState(pipeline: pipeline)
        return record
    }

    /// Takes a camera out of service; its later frames are refused and its tracks forgotten.
    public func retire(cameraID: String, actor: String) async throws -> EventRecord? {
        guard cameras[cameraID] != nil else { return nil }
        let event = NewEvent(type: VisionEvents.retired, source: "vision", actor: actor, occurredAt: clock.now(),
                             payload: try EventPayload(encoding: VisionEvents.Retired(cameraID: cameraID)))
        let record = try await append([event])[0]
        cameras[cameraID] = nil
        return record
    }

    /// Every registered camera's configuration, by id.
    public func configurations() -> [CameraConfiguration] {
        cameras.values.map(\.pipeline.setup.configuration).sorted { $0.id < $1.id }
    }

    public func configuration(id: String) -> CameraConfiguration? { cameras[id]?.pipeline.setup.configuration }

    /// Runs frames through a camera's pipeline; a frame that cannot be taken is refused alone.
    public func ingest(cameraID: String, frames: [DetectionFrame], actor: String) async throws -> VisionIngestReport {
        guard var state = cameras[cameraID] else { throw VisionError.unknownCamera(cameraID) }
        var report = VisionIngestReport()
        var events: [NewEvent] = []
        for (index, frame) in frames.enumerated() {
            do {
                let result = try state.pipeline.process(frame)
                state.remember(result)
                report.framesAccepted += 1
                report.detections += frame.detections.count
                events += result.signals.map { signalEvent($0, camera: state.pipeline.setup.configuration, actor: actor) }
            } catch {
                report.rejected.append(.init(index: index, reason: error.description))
            }
        }
        cameras[cameraID] = state
        try await record(events, into: &report)
        return report
    }

    /// Takes one Frigate event; Frigate's camera name must be a registered camera id.
    public func ingest(frigate event: FrigateEvent, actor: String) async throws -> VisionIngestReport {
        guard var state = cameras[event.camera] else { throw VisionError.unknownCamera(event.camera) }
        var report = VisionIngestReport()
        do {
            let result = try state.pipeline.process(frigate: event)
            state.remember(result)
            report.framesAccepted = 1
            report.detections = 1
            cameras[event.camera] = state
            try await record(result.signals.map { signalEvent($0, camera: state.pipeline.setup.configuration, actor: actor) }, into: &report)
        } catch let error as VisionError {
            report.rejected.append(.init(index: 0, reason: error.description))
        }
        return report
    }

    /// The live view of a camera: counts, occupancy and the retained track trails.
    public func status(cameraID: String) -> CameraStatus? {
        guard let state = cameras[cameraID] else { return nil }
        let pipeline = state.pipeline
        return CameraStatus(
            id: cameraID, name: pipeline.setup.configuration.name, location: pipeline.setup.configuration.location,
            lastFrameAt: state.lastFrameTime.map { Timestamp(millisecondsSince1970: Int64($0 * 1_000)) }, framesTotal: state.frames,
            objectsInView: state.objectsInView, occupancy: pipeline.occupancy,
            crossings: pipeline.crossingCounts.mapValues { CameraStatus.Crossings(forward: $0.negativeToPositive, backward: $0.positiveToNegative) },
            trails: state.trails.values.sorted { $0.trackId < $1.trackId })
    }

    /// Every camera's status.
    public func statuses() -> [CameraStatus] { cameras.keys.sorted().compactMap(status(cameraID:)) }

    private func record(_ events: [NewEvent], into report: inout VisionIngestReport) async throws {
        framesTotal += report.framesAccepted
        detectionsTotal += report.detections
        guard !events.isEmpty else { return }
        let records = try await append(events)
        report.signals = records.count
        report.lastSequence = records.last?.sequence
        signalsTotal += records.count
    }

    private func signalEvent(_ signal: CameraSignal, camera: CameraConfiguration, actor: String) -> NewEvent {
        let event = signal.event
        let stride = max(1, (signal.evidence.count + VisionEvents.evidenceKept - 1) / VisionEvents.evidenceKept)
        let evidence = signal.evidence.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        let payload = VisionEvents.SignalPayload(
            cameraID: camera.id, cameraName: camera.name, behaviour: event.kind.rawValue, phase: event.phase.rawValue, episode: event.episodeId,
            place: event.place, sensitivity: event.sensitivity.rawValue, summary: "\(camera.name): \(event.explanation)",
            startedAt: Timestamp(millisecondsSince1970: Int64(event.startTime * 1_000)), measurement: event.measurement,
            direction: event.direction?.rawValue, threatScore: signal.threat.score, threatTerms: signal.threat.terms,
            suggestsIncident: signal.threat.suggestsIncident, trackIds: event.trackIds, evidence: evidence)
        return NewEvent(type: VisionEvents.signal, source: "camera:\(camera.id)", actor: actor,
                        occurredAt: Timestamp(millisecondsSince1970: Int64(event.time * 1_000)), location: signal.location,
                        payload: (try? EventPayload(encoding: payload)) ?? EventPayload(.object([:])))
    }
}

/// What happened to a request's frames.
public struct VisionIngestReport: Codable, Sendable, Equatable {
    public struct Rejection: Codable, Sendable, Equatable {
        public var index: Int
        public var reason: String
    }

    public var framesAccepted = 0
    public var detections = 0
    public var signals = 0
    public var lastSequence: Int64?
    public var rejected: [Rejection] = []
}

/// A camera's live state, as the API shows it.
public struct CameraStatus: Codable, Sendable, Equatable {
    public struct Crossings: Codable, Sendable, Equatable {
        /// Crossings from the line's right to its left (walking from `from` to `to`, left is positive).
        public var forward: Int
        public var backward: Int
    }

    public var id: String
    public var name: String
    public var location: GeoPoint
    public var lastFrameAt: Timestamp?
    public var framesTotal: Int
    public var objectsInView: [String: Int]
    public var occupancy: [String: Int]
    public var crossings: [String: Crossings]
    /// Recent anonymous tracks, within the camera's retention time.
    public var trails: [TrackTrail]
}

/// Where one anonymous track has been recently, sampled about once a second.
public struct TrackTrail: Codable, Sendable, Equatable {
    public var trackId: Int
    public var objectClass: String
    /// `[seconds since 1970, latitude, longitude]` triples, oldest first.
    public var points: [[Double]]
}

/// One camera's pipeline and its short memory of tracks.
struct CameraState: Sendable {
    var pipeline: CameraPipeline
    var frames = 0
    var lastFrameTime: Double?
    var objectsInView: [String: Int] = [:]
    var trails: [Int: TrackTrail] = [:]

    init(pipeline: CameraPipeline) {
        self.pipeline = pipeline
    }

    mutating func remember(_ result: CameraFrameResult) {
        frames += 1
        lastFrameTime = result.time
        objectsInView = Dictionary(grouping: result.objects, by: \.objectClass.rawValue).mapValues(\.count)
        let retention = pipeline.setup.configuration.trackRetentionSeconds
        guard retention > 0 else { trails = [:]; return }
        for object in result.objects {
            guard let location = object.location else { continue }
            var trail = trails[object.trackId] ?? TrackTrail(trackId: object.trackId, objectClass: object.objectClass.rawValue, points: [])
            if let last = trail.points.last, result.time - last[0] < 1 { continue }
            trail.points.append([result.time, location.latitude, location.longitude])
            trails[object.trackId] = trail
        }
        // Forget what is older than the retention time: positions, then whole tracks.
        let horizon = result.time - retention
        // Points are oldest first, so only trails whose first point has aged out need work.
        for (id, trail) in trails where trail.points[0][0] < horizon {
            let kept = trail.points.drop { $0[0] < horizon }
            trails[id] = kept.isEmpty ? nil : TrackTrail(trackId: trail.trackId, objectClass: trail.objectClass, points: Array(kept))
        }
    }
}
