import Foundation
import SafeCityCore
import Vision

/// A simulated camera view: people crossing a square, and now and then someone loitering at an
/// entrance, a bag left behind, a crowd that gathers and scatters, a car stopping where it must not.
///
/// Everything moves on the ground plane in metres; the camera model turns it into the boxes an
/// edge detector would send, with misses, jitter and the odd false box.
public struct CameraScene: Sendable {
    /// Where things happen, in the camera's ground-plane metres.
    public struct Layout: Sendable {
        /// The walkable square: people enter and leave at its edges.
        public var minimum: PlanePoint
        public var maximum: PlanePoint
        /// Where the loiterer lingers.
        public var loiterSpot: PlanePoint
        /// Where a bag is left.
        public var bagSpot: PlanePoint
        /// Where a crowd gathers.
        public var crowdCentre: PlanePoint
        /// A traffic lane across the view, and where a car stops on it.
        public var laneStart: PlanePoint
        public var laneEnd: PlanePoint
        public var stopSpot: PlanePoint

        public init(minimum: PlanePoint, maximum: PlanePoint, loiterSpot: PlanePoint, bagSpot: PlanePoint, crowdCentre: PlanePoint,
                    laneStart: PlanePoint, laneEnd: PlanePoint, stopSpot: PlanePoint) {
            self.minimum = minimum
            self.maximum = maximum
            self.loiterSpot = loiterSpot
            self.bagSpot = bagSpot
            self.crowdCentre = crowdCentre
            self.laneStart = laneStart
            self.laneEnd = laneEnd
            self.stopSpot = stopSpot
        }
    }

    /// How often each episode starts, in seconds of scene time; the first of each comes early so the demo shows it.
    public struct Schedule: Sendable {
        public var walkersPerMinute: Double = 18
        public var carsPerMinute: Double = 6
        public var loiteringEverySeconds: Double = 600
        public var loiteringSeconds: Double = 150
        public var bagEverySeconds: Double = 900
        public var bagLeftSeconds: Double = 180
        public var crowdEverySeconds: Double = 1_200
        public var crowdSize: Int = 30
        public var crowdGatheredSeconds: Double = 120
        public var stoppedCarEverySeconds: Double = 700
        public var stoppedCarSeconds: Double = 150
        public init() {}
    }

    public let camera: PinholeGroundCamera
    public let layout: Layout
    public let schedule: Schedule
    public let framesPerSecond: Double
    /// Scene time of the next frame, seconds since 1970.
    public private(set) var time: Double
    public private(set) var frame = 0
    private let start: Double
    private var rng: SplitMix64
    private var actors: [SceneActor] = []
    private var nextEpisode: [EpisodeKind: Double] = [:]

    public init(camera: PinholeGroundCamera, layout: Layout, schedule: Schedule = Schedule(), framesPerSecond: Double = 5,
                start: Double, seed: UInt64) {
        self.camera = camera
        self.layout = layout
        self.schedule = schedule
        self.framesPerSecond = framesPerSecond
        self.time = start
        self.start = start
        rng = SplitMix64(seed: seed)
        // First episodes early and spread out, so a demo viewer sees each within minutes.
        nextEpisode = [.loitering: start + 20, .bag: start + 90, .crowd: start + 240, .stoppedCar: start + 45]
    }

    /// Advances one frame and returns what the camera's detector reports for it.
    public mutating func step() -> DetectionFrame {
        let dt = 1 / framesPerSecond
        spawnArrivals(dt: dt)
        startDueEpisodes()
        for index in actors.indices { actors[index].advance(dt: dt, now: time) }
        actors.removeAll { $0.isGone }
        frame += 1
        let detections = observe()
        let result = DetectionFrame(frame: frame, time: time, detections: detections)
        time += dt
        return result
    }

    /// People and vehicles in view now (for tests).
    public var actorCount: Int { actors.count }

    private mutating func spawnArrivals(dt: Double) {
        if Double.random(in: 0..<1, using: &rng) < schedule.walkersPerMinute / 60 * dt {
            let from = edgePoint(), to = edgePoint()
            actors.append(.walker(from: from, to: to, speed: Double.random(in: 1.1...1.6, using: &rng)))
        }
        if Double.random(in: 0..<1, using: &rng) < schedule.carsPerMinute / 60 * dt {
            let forward = Bool.random(using: &rng)
            actors.append(.car(from: forward ? layout.laneStart : layout.laneEnd, to: forward ? layout.laneEnd : layout.laneStart,
                               speed: Double.random(in: 7...11, using: &rng), stopAt: nil, stopSeconds: 0))
        }
    }

    private mutating func startDueEpisodes() {
        for (kind, due) in nextEpisode where time >= due {
            switch kind {
            case .loitering:
                actors.append(.loiterer(from: edgePoint(), spot: layout.loiterSpot, seconds: schedule.loiteringSeconds, exit: edgePoint()))
                nextEpisode[kind] = time + schedule.loiteringEverySeconds
            case .bag:
                let owner = SceneActor.walker(from: edgePoint(), to: layout.bagSpot, speed: 1.3)
                actors.append(owner.leavingBag(at: layout.bagSpot, exit: edgePoint(), bagUntilSeconds: schedule.bagLeftSeconds))
                nextEpisode[kind] = time + schedule.bagEverySeconds
            case .crowd:
                for _ in 0..<schedule.crowdSize {
                    let angle = Double.random(in: 0..<(2 * .pi), using: &rng)
                    let radius = Double.random(in: 0.5...3.5, using: &rng)
                    let spot = layout.crowdCentre + PlanePoint(x: cos(angle) * radius, y: sin(angle) * radius)
                    let scatter = layout.crowdCentre + PlanePoint(x: cos(angle) * 40, y: sin(angle) * 40)
                    actors.append(.gatherer(from: edgePoint(), spot: spot, until: time + 45 + schedule.crowdGatheredSeconds, scatterTo: scatter))
                }
                nextEpisode[kind] = time + schedule.crowdEverySeconds
            case .stoppedCar:
                actors.append(.car(from: layout.laneStart, to: layout.laneEnd, speed: 8, stopAt: layout.stopSpot, stopSeconds: schedule.stoppedCarSeconds))
                nextEpisode[kind] = time + schedule.stoppedCarEverySeconds
            }
        }
    }

    private mutating func edgePoint() -> PlanePoint {
        let t = Double.random(in: 0..<1, using: &rng)
        let width = layout.maximum.x - layout.minimum.x, depth = layout.maximum.y - layout.minimum.y
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return PlanePoint(x: layout.minimum.x + t * width, y: layout.minimum.y)
        case 1: return PlanePoint(x: layout.minimum.x + t * width, y: layout.maximum.y)
        case 2: return PlanePoint(x: layout.minimum.x, y: layout.minimum.y + t * depth)
        default: return PlanePoint(x: layout.maximum.x, y: layout.minimum.y + t * depth)
        }
    }

    /// What the detector sees: 8 % of boxes missed, a little jitter, a false box now and then.
    private mutating func observe() -> [Detection] {
        var detections: [Detection] = []
        for actor in actors {
            for object in actor.visibleObjects {
                guard let box = camera.box(standingAt: object.position, heightMetres: object.heightMetres, widthMetres: object.widthMetres),
                      Double.random(in: 0..<1, using: &rng) >= 0.08 else { continue }
                func jitter() -> Double { Double.random(in: -0.03...0.03, using: &rng) * box.height }
                let jittered = PixelBox(left: box.left + jitter(), top: box.top + jitter(), width: max(2, box.width + jitter() / 2),
                                        height: max(4, box.height + jitter()))
                detections.append(Detection(frame: frame, box: jittered, score: Double.random(in: 0.55...0.97, using: &rng), objectClass: object.objectClass))
            }
        }
        if Double.random(in: 0..<1, using: &rng) < 0.05 {
            let box = PixelBox(left: Double.random(in: 0...(camera.imageWidth - 60), using: &rng),
                               top: Double.random(in: camera.imageHeight / 3...(camera.imageHeight - 150), using: &rng), width: 50, height: 120)
            detections.append(Detection(frame: frame, box: box, score: Double.random(in: 0.3...0.65, using: &rng)))
        }
        return detections
    }
}

private enum EpisodeKind: Hashable, Sendable { case loitering, bag, crowd, stoppedCar }
