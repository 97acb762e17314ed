import Foundation
import Geo

/// A camera as its installer describes it: where it is, how its image maps to the ground, and the
/// zones and lines in its view with the behaviours to watch for in each.
///
/// Zones and lines may be drawn on the map (`polygon`, `from`/`to` as latitude/longitude) or on the
/// image (`imagePolygon`, `imageFrom`/`imageTo` in pixels); ``compiled()`` puts both on the
/// camera's ground plane through its homography.
public struct CameraConfiguration: Hashable, Sendable, Codable {
    /// Identifier, 1–64 characters of letters, digits, `-`, `_` or `.`.
    public var id: String
    /// Name shown to operators.
    public var name: String
    /// Where the camera is mounted.
    public var location: GeoPoint
    /// Image width in pixels.
    public var frameWidth: Int
    /// Image height in pixels.
    public var frameHeight: Int
    /// Frames per second the detector sends.
    public var framesPerSecond: Double
    /// IANA time zone of the camera, for the time of day in threat scores.
    public var timeZone: String
    /// Four or more image points with their measured ground positions.
    public var calibration: [CalibrationPoint]
    /// Zones and their behaviours.
    public var zones: [CameraZone]
    /// Trip lines.
    public var lines: [CameraLine]
    /// Tracker thresholds.
    public var tracker: TrackerConfiguration
    /// Threat scoring weights.
    public var threat: ThreatConfiguration
    /// How long recent tracks are kept (for the live view); older positions are forgotten.
    public var trackRetentionSeconds: Double

    /// Creates a configuration with default tracker, threat and retention settings.
    public init(id: String, name: String, location: GeoPoint, frameWidth: Int, frameHeight: Int, framesPerSecond: Double = 5,
                timeZone: String = "UTC", calibration: [CalibrationPoint], zones: [CameraZone] = [], lines: [CameraLine] = [],
                tracker: TrackerConfiguration = TrackerConfiguration(), threat: ThreatConfiguration = ThreatConfiguration(),
                trackRetentionSeconds: Double = 300) {
        self.id = id
        self.name = name
        self.location = location
        self.frameWidth = frameWidth
        self.frameHeight = frameHeight
        self.framesPerSecond = framesPerSecond
        self.timeZone = timeZone
        self.calibration = calibration
        self.zones = zones
        self.lines = lines
        self.tracker = tracker
        self.threat = threat
        self.trackRetentionSeconds = trackRetentionSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, location, frameWidth, frameHeight, framesPerSecond, timeZone, calibration, zones, lines, tracker, threat, trackRetentionSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(String.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            location: try container.decode(GeoPoint.self, forKey: .location),
            frameWidth: try container.decode(Int.self, forKey: .frameWidth), frameHeight: try container.decode(Int.self, forKey: .frameHeight),
            framesPerSecond: try container.decodeIfPresent(Double.self, forKey: .framesPerSecond) ?? 5,
            timeZone: try container.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC",
            calibration: try container.decode([CalibrationPoint].self, forKey: .calibration),
            zones: try container.decodeIfPresent([CameraZone].self, forKey: .zones) ?? [],
            lines: try container.decodeIfPresent([CameraLine].self, forKey: .lines) ?? [],
            tracker: try container.decodeSettings(TrackerConfiguration(), forKey: .tracker) ?? TrackerConfiguration(),
            threat: try container.decodeSettings(ThreatConfiguration(), forKey: .threat) ?? ThreatConfiguration(),
            trackRetentionSeconds: try container.decodeIfPresent(Double.self, forKey: .trackRetentionSeconds) ?? 300)
    }

    /// Checks everything and builds the camera's ground plane, homography and scene.
    public func compiled() throws(VisionError) -> CameraSetup {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard (1...64).contains(id.count), id.unicodeScalars.allSatisfy(allowed.contains) else {
            throw .invalidConfiguration("camera id must be 1–64 letters, digits, '-', '_' or '.'")
        }
        guard !name.isEmpty, name.count <= 200 else { throw .invalidConfiguration("camera name must be 1–200 characters") }
        guard location.isValid else { throw .invalidConfiguration("camera location is not a valid latitude/longitude") }
        guard (16...16_384).contains(frameWidth), (16...16_384).contains(frameHeight) else {
            throw .invalidConfiguration("frame size must be 16–16384 pixels each way")
        }
        guard framesPerSecond.isFinite, framesPerSecond > 0, framesPerSecond <= 120 else {
            throw .invalidConfiguration("framesPerSecond must be in (0, 120]")
        }
        guard let zone = TimeZone(identifier: timeZone) else { throw .invalidConfiguration("unknown time zone '\(timeZone)'") }
        guard trackRetentionSeconds.isFinite, (0...86_400).contains(trackRetentionSeconds) else {
            throw .invalidConfiguration("trackRetentionSeconds must be 0–86400")
        }
        guard calibration.count >= 4 else {
            throw .degenerateHomography("calibration needs at least 4 image↔ground points, found \(calibration.count)")
        }
        for (index, point) in calibration.enumerated() where !point.ground.isValid || !point.pixel.x.isFinite || !point.pixel.y.isFinite {
            throw .invalidConfiguration("calibration[\(index)] has a non-finite pixel or an invalid ground position")
        }
        let frame = try LocalFrame(origin: location)
        let homography = try Homography.estimate(from: calibration.map { ($0.pixel, frame.planePoint(for: $0.ground)) })
        func plane(_ pixel: PixelPoint, _ what: String) throws(VisionError) -> PlanePoint {
            guard (0...Double(frameWidth)).contains(pixel.x), (0...Double(frameHeight)).contains(pixel.y) else {
                throw .invalidConfiguration("\(what): pixel (\(pixel.x), \(pixel.y)) is outside the \(frameWidth)×\(frameHeight) frame")
            }
            guard let point = homography.map(pixel) else {
                throw .invalidConfiguration("\(what): pixel (\(pixel.x), \(pixel.y)) is above the horizon and has no ground position")
            }
            return point
        }
        var zones: [ZoneConfiguration] = []
        for spec in self.zones {
            let vertices: [PlanePoint]
            if let polygon = spec.polygon {
                vertices = polygon.map(frame.planePoint(for:))
            } else if let imagePolygon = spec.imagePolygon {
                var mapped: [PlanePoint] = []
                for pixel in imagePolygon { mapped.append(try plane(pixel, "zone '\(spec.name)'")) }
                vertices = mapped
            } else {
                throw .invalidConfiguration("zone '\(spec.name)' needs a polygon (latitude/longitude) or an imagePolygon (pixels)")
            }
            let area = try Zone(name: spec.name, vertices: vertices, kind: spec.kind, sensitivity: spec.sensitivity)
            zones.append(ZoneConfiguration(zone: area, loitering: spec.loitering, abandonedObject: spec.abandonedObject, wrongWay: spec.wrongWay,
                                           crowding: spec.crowding, unusualMotion: spec.unusualMotion, stoppedVehicle: spec.stoppedVehicle))
        }
        var lines: [LineConfiguration] = []
        for spec in self.lines {
            let ends: (PlanePoint, PlanePoint)
            if let from = spec.from, let to = spec.to {
                ends = (frame.planePoint(for: from), frame.planePoint(for: to))
            } else if let from = spec.imageFrom, let to = spec.imageTo {
                ends = (try plane(from, "line '\(spec.name)'"), try plane(to, "line '\(spec.name)'"))
            } else {
                throw .invalidConfiguration("line '\(spec.name)' needs from/to (latitude/longitude) or imageFrom/imageTo (pixels)")
            }
            lines.append(LineConfiguration(line: try TripLine(name: spec.name, from: ends.0, to: ends.1),
                                           objectClasses: spec.objectClasses ?? [.person], hysteresisMetres: spec.hysteresisMetres ?? 0.3))
        }
        let names = zones.map(\.zone.name) + lines.map(\.line.name)
        guard Set(names).count == names.count else { throw .invalidConfiguration("zone and line names must be unique within a camera") }
        let scene = SceneConfiguration(zones: zones, lines: lines)
        try scene.validate()
        _ = try tracker.validated()
        try threat.validate()
        return CameraSetup(configuration: self, frame: frame, homography: homography, scene: scene, timeZone: zone,
                           signalledLines: Set(self.lines.filter(\.signalOnCrossing).map(\.name)))
    }
}

/// An image point and its measured position on the ground.
public struct CalibrationPoint: Hashable, Sendable, Codable {
    /// Where the point is in the image.
    public var pixel: PixelPoint
    /// Where it is on the map.
    public var ground: GeoPoint

    /// Creates a pair.
    public init(pixel: PixelPoint, ground: GeoPoint) {
        self.pixel = pixel
        self.ground = ground
    }
}
