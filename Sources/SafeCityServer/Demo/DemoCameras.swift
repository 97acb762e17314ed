import Foundation
import Geo
import SafeCityCore
import Simulation
import Vision

/// Two simulated cameras over Monaco squares, with the zones and lines an installer would draw,
/// fed in real time from ``CameraScene`` (loitering, a left bag, a crowd, a car stopping).
public enum DemoCameras {
    /// A camera's set-up and the scene it watches.
    public struct Site: Sendable {
        public var configuration: CameraConfiguration
        public var scene: CameraScene
    }

    /// The lens every demo camera has: 8 m up on a pole, facing north, 25° down, 1280×720.
    static let lens = PinholeGroundCamera(position: PlanePoint(x: 0, y: 0), heightMetres: 8, headingDegrees: 0, tiltDegrees: 25,
                                          focalPixels: 1_000, imageWidth: 1_280, imageHeight: 720)

    /// Where things happen in each camera's ground plane (metres east and north of the pole).
    static let layout = CameraScene.Layout(
        minimum: PlanePoint(x: -8, y: 10), maximum: PlanePoint(x: 8, y: 30), loiterSpot: PlanePoint(x: -4, y: 14),
        bagSpot: PlanePoint(x: 3, y: 17), crowdCentre: PlanePoint(x: 0, y: 24),
        laneStart: PlanePoint(x: -14, y: 33), laneEnd: PlanePoint(x: 14, y: 33), stopSpot: PlanePoint(x: 2, y: 33))

    /// The demo's cameras, each with its scene starting at `start` (seconds since 1970).
    public static func sites(start: Double, seed: UInt64) throws -> [Site] {
        let places: [(id: String, name: String, location: GeoPoint)] = [
            ("cam-casino", "Place du Casino", GeoPoint(latitude: 43.73935, longitude: 7.42760)),
            ("cam-station", "Gare de Monaco, main entrance", GeoPoint(latitude: 43.73875, longitude: 7.41985)),
        ]
        return try places.enumerated().map { index, place in
            let frame = try LocalFrame(origin: place.location)
            func geo(_ x: Double, _ y: Double) -> GeoPoint { frame.geoPoint(for: PlanePoint(x: x, y: y)) }
            func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [GeoPoint] {
                [geo(x0, y0), geo(x1, y0), geo(x1, y1), geo(x0, y1)]
            }
            // The installer's calibration: five marks on the ground, found in the image.
            let marks = [PlanePoint(x: -6, y: 12), PlanePoint(x: 6, y: 12), PlanePoint(x: 9, y: 32), PlanePoint(x: -9, y: 32), PlanePoint(x: 0, y: 20)]
            let calibration = marks.map { CalibrationPoint(pixel: lens.pixel(for: $0)!, ground: frame.geoPoint(for: $0)) }
            var scatter = UnusualMotionRule(warmUpSeconds: 120, minimumWarmUpSamples: 150)
            scatter.scatteringMinimumTracks = 6
            let zones = [
                CameraZone(name: "entrance", kind: .entrance, sensitivity: .high, polygon: rectangle(-6.5, 11.5, -1.5, 16.5),
                           loitering: LoiteringRule(dwellSeconds: 90, graceSeconds: 10)),
                CameraZone(name: "square", kind: .walkway, sensitivity: .normal, polygon: rectangle(-8, 10, 8, 30),
                           abandonedObject: AbandonedObjectRule(ownerDistanceMetres: 6, unattendedSeconds: 45)),
                CameraZone(name: "forecourt", kind: .general, sensitivity: .normal, polygon: rectangle(-5, 20, 5, 28),
                           crowding: CrowdingRule(densityPerSquareMetre: 0.22, growthPerMinute: 12, minimumDurationSeconds: 10),
                           unusualMotion: scatter),
                CameraZone(name: "no-stopping", kind: .roadway, sensitivity: .normal, polygon: rectangle(-10, 31.5, 10, 34.5),
                           stoppedVehicle: StoppedVehicleRule(maximumStopSeconds: 60)),
            ]
            let lines = [CameraLine(name: "crossing", from: geo(-8, 18.5), to: geo(8, 18.5), hysteresisMetres: 0.4)]
            let configuration = CameraConfiguration(
                id: place.id, name: place.name, location: place.location, frameWidth: 1_280, frameHeight: 720, framesPerSecond: 5,
                timeZone: "Europe/Monaco", calibration: calibration, zones: zones, lines: lines, trackRetentionSeconds: 120)
            let scene = CameraScene(camera: lens, layout: layout, framesPerSecond: 5, start: start + Double(index) * 37, seed: seed &+ UInt64(index) &* 7_919)
            return Site(configuration: configuration, scene: scene)
        }
    }
}

/// Runs the demo cameras' scenes in real time, sending each second's frames to the camera desk.
public actor CameraFeedDriver {
    private var sites: [DemoCameras.Site]
    private let vision: VisionService
    private let clock: any WallClock
    private var task: Task<Void, Never>?
    /// Frames sent, and the last refusal, for diagnosis.
    public private(set) var framesSent = 0
    public private(set) var lastFailure: String?

    public init(sites: [DemoCameras.Site], vision: VisionService, clock: any WallClock) {
        self.sites = sites
        self.vision = vision
        self.clock = clock
    }

    /// Registers the cameras as the city's administrator would.
    public func register(actor: String) async throws {
        for site in sites { try await vision.register(site.configuration, actor: actor) }
    }

    /// Starts sending frames every second until ``stop()``.
    public func start() {
        guard task == nil else { return }
        task = Task {
            while !Task.isCancelled {
                await tick()
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Advances every scene to the clock's now and sends the frames.
    public func tick() async {
        let now = Double(clock.now().millisecondsSince1970) / 1_000
        for index in sites.indices {
            var frames: [DetectionFrame] = []
            // After a long pause (a laptop asleep) skip ahead rather than replay minutes of frames at once.
            while sites[index].scene.time <= now, frames.count < 50 { frames.append(sites[index].scene.step()) }
            guard !frames.isEmpty else { continue }
            do {
                let report = try await vision.ingest(cameraID: sites[index].configuration.id, frames: frames, actor: "system:camera-\(sites[index].configuration.id)")
                framesSent += report.framesAccepted
                if let rejection = report.rejected.first { lastFailure = rejection.reason }
            } catch {
                lastFailure = String(describing: error)
            }
        }
    }

    public func stop() {
        task?.cancel()
        task = nil
    }
}
