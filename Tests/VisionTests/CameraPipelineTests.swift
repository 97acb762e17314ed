import Foundation
import Geo
import Testing
@testable import Vision

@Suite struct CameraPipelineTests {
    static let origin = GeoPoint(latitude: 43.7396, longitude: 7.4276)
    /// A camera 8 m up, looking north and 30° down, 1280×720.
    static let lens = PinholeGroundCamera(position: PlanePoint(x: 0, y: -5), heightMetres: 8, headingDegrees: 0, tiltDegrees: 30,
                                          focalPixels: 900, imageWidth: 1280, imageHeight: 720)

    static func configuration(zones: [CameraZone] = [], lines: [CameraLine] = [], lens: PinholeGroundCamera = lens) throws -> CameraConfiguration {
        let frame = try LocalFrame(origin: origin)
        let grounds = [PlanePoint(x: -6, y: 5), PlanePoint(x: 6, y: 5), PlanePoint(x: 8, y: 20), PlanePoint(x: -8, y: 20), PlanePoint(x: 0, y: 10)]
        let calibration = grounds.map { CalibrationPoint(pixel: lens.pixel(for: $0)!, ground: frame.geoPoint(for: $0)) }
        return CameraConfiguration(id: "cam-casino", name: "Casino square", location: origin, frameWidth: 1280, frameHeight: 720,
                                   framesPerSecond: 5, timeZone: "Europe/Monaco", calibration: calibration, zones: zones, lines: lines)
    }

    static func square(_ minX: Double, _ minY: Double, _ maxX: Double, _ maxY: Double) throws -> [GeoPoint] {
        let frame = try LocalFrame(origin: origin)
        return [PlanePoint(x: minX, y: minY), PlanePoint(x: maxX, y: minY), PlanePoint(x: maxX, y: maxY), PlanePoint(x: minX, y: maxY)]
            .map(frame.geoPoint(for:))
    }

    /// Detections of a person standing at each position, one frame per position at 5 fps.
    static func frames(of positions: [PlanePoint], start: Double = 1_796_061_600) -> [DetectionFrame] {
        positions.enumerated().map { index, position in
            let box = lens.box(standingAt: position, heightMetres: 1.75, widthMetres: 0.5)!
            return DetectionFrame(frame: index + 1, time: start + Double(index) / 5, detections: [Detection(frame: index + 1, box: box, score: 0.9)])
        }
    }

    @Test func placesTracksOnTheMapThroughTheCalibration() throws {
        var pipeline = try CameraPipeline(setup: try Self.configuration().compiled())
        let walk = (0..<20).map { PlanePoint(x: -3 + 0.3 * Double($0), y: 12) }
        var last: CameraFrameResult?
        for frame in Self.frames(of: walk) { last = try pipeline.process(frame) }
        let object = try #require(last?.objects.first)
        let expected = try LocalFrame(origin: Self.origin).geoPoint(for: walk.last!)
        // The tracker smooths the box, so allow a few decimetres.
        #expect(GreatCircle.distanceMetres(try #require(object.location), expected) < 0.5)
    }

    @Test func aPersonWhoStaysInTheEntranceIsSignalledAndScored() throws {
        let entrance = CameraZone(name: "entrance", kind: .entrance, sensitivity: .high, polygon: try Self.square(-2, 9, 2, 13),
                                  loitering: LoiteringRule(dwellSeconds: 60, graceSeconds: 5))
        var pipeline = try CameraPipeline(setup: try Self.configuration(zones: [entrance]).compiled())
        // 90 s standing at the same spot, swaying a little.
        let positions = (0..<450).map { PlanePoint(x: 0.1 * sin(Double($0) / 10), y: 11) }
        var signals: [CameraSignal] = []
        for frame in Self.frames(of: positions) { signals += try pipeline.process(frame).signals }
        let loitering = try #require(signals.first { $0.event.kind == .loitering })
        #expect(loitering.event.phase == .began)
        // Confirmed at the second frame (0.2 s), then 60 s of dwell.
        #expect(abs(loitering.event.time - loitering.event.startTime - 60) < 0.5)
        #expect(loitering.threat.score > ThreatConfiguration().baseWeights[.loitering]!)
        #expect(GreatCircle.distanceMetres(loitering.location, try LocalFrame(origin: Self.origin).geoPoint(for: PlanePoint(x: 0, y: 11))) < 1)
        #expect(pipeline.occupancy["entrance"] == 1)
    }

    @Test func countsLineCrossingsAndSignalsOnlyOnSignalledLines() throws {
        let frame = try LocalFrame(origin: Self.origin)
        let counted = CameraLine(name: "gate", from: frame.geoPoint(for: PlanePoint(x: -5, y: 10)), to: frame.geoPoint(for: PlanePoint(x: 5, y: 10)))
        let signalled = CameraLine(name: "closed-door", from: frame.geoPoint(for: PlanePoint(x: -5, y: 14)), to: frame.geoPoint(for: PlanePoint(x: 5, y: 14)),
                                   signalOnCrossing: true)
        var pipeline = try CameraPipeline(setup: try Self.configuration(lines: [counted, signalled]).compiled())
        let walk = (0..<60).map { PlanePoint(x: 0, y: 7 + 0.2 * Double($0)) }
        var signals: [CameraSignal] = []
        for frame in Self.frames(of: walk) { signals += try pipeline.process(frame).signals }
        #expect(pipeline.crossingCounts["gate"]?.total == 1)
        #expect(pipeline.crossingCounts["closed-door"]?.total == 1)
        #expect(signals.map(\.event.place) == ["closed-door"])
    }

    @Test func refusesBadSetUpsWithReasons() throws {
        var configuration = try Self.configuration()
        configuration.calibration.removeLast(2)
        #expect(throws: VisionError.degenerateHomography("calibration needs at least 4 image↔ground points, found 3")) { try configuration.compiled() }
        configuration = try Self.configuration()
        configuration.timeZone = "Mars/Olympus"
        #expect(throws: VisionError.invalidConfiguration("unknown time zone 'Mars/Olympus'")) { try configuration.compiled() }
        configuration = try Self.configuration(zones: [CameraZone(name: "nowhere")])
        #expect(throws: VisionError.invalidConfiguration("zone 'nowhere' needs a polygon (latitude/longitude) or an imagePolygon (pixels)")) {
            try configuration.compiled()
        }
        // A camera tilted 10° sees its horizon 159 px above the image centre, at y ≈ 201.
        var shallow = Self.lens
        shallow.tiltDegrees = 10
        let sky = [PixelPoint(x: 0, y: 0), PixelPoint(x: 100, y: 0), PixelPoint(x: 50, y: 40)]
        configuration = try Self.configuration(zones: [CameraZone(name: "sky", imagePolygon: sky)], lens: shallow)
        #expect(throws: VisionError.invalidConfiguration("zone 'sky': pixel (0.0, 0.0) is above the horizon and has no ground position")) {
            try configuration.compiled()
        }
        let outside = [PixelPoint(x: 0, y: 700), PixelPoint(x: 1500, y: 700), PixelPoint(x: 50, y: 600)]
        configuration = try Self.configuration(zones: [CameraZone(name: "wide", imagePolygon: outside)])
        #expect(throws: VisionError.invalidConfiguration("zone 'wide': pixel (1500.0, 700.0) is outside the 1280×720 frame")) {
            try configuration.compiled()
        }
        configuration = try Self.configuration()
        configuration.id = "bad id!"
        #expect(throws: VisionError.invalidConfiguration("camera id must be 1–64 letters, digits, '-', '_' or '.'")) { try configuration.compiled() }
        // Collinear calibration points cannot define a plane.
        configuration = try Self.configuration()
        let frame = try LocalFrame(origin: Self.origin)
        configuration.calibration = (0..<5).map { CalibrationPoint(pixel: PixelPoint(x: Double($0) * 100, y: 500), ground: frame.geoPoint(for: PlanePoint(x: Double($0), y: 8))) }
        #expect(throws: VisionError.self) { try configuration.compiled() }
    }

    @Test func partialSettingsKeepTheirDefaults() throws {
        let json = """
        {"id":"cam-1","name":"Gate","location":{"latitude":43.7396,"longitude":7.4276},"frameWidth":1280,"frameHeight":720,
         "calibration":[],"tracker":{"highScore":0.55},
         "zones":[{"name":"door","polygon":[],"loitering":{"dwellSeconds":90}}]}
        """
        let configuration = try JSONDecoder().decode(CameraConfiguration.self, from: Data(json.utf8))
        #expect(configuration.tracker.highScore == 0.55)
        #expect(configuration.tracker.maximumLostFrames == TrackerConfiguration().maximumLostFrames)
        #expect(configuration.zones[0].loitering == LoiteringRule(dwellSeconds: 90))
        #expect(configuration.framesPerSecond == 5 && configuration.timeZone == "UTC")

        let missingHeading = json.replacingOccurrences(of: #""loitering":{"dwellSeconds":90}"#, with: #""wrongWay":{"toleranceDegrees":30}"#)
        #expect(throws: VisionError.invalidConfiguration("wrongWay.allowedHeadingDegrees is required")) {
            try JSONDecoder().decode(CameraConfiguration.self, from: Data(missingHeading.utf8))
        }
        let wrongType = json.replacingOccurrences(of: #"{"dwellSeconds":90}"#, with: #"{"dwellSeconds":"long"}"#)
        #expect(throws: VisionError.self) { try JSONDecoder().decode(CameraConfiguration.self, from: Data(wrongType.utf8)) }
    }

    @Test func hourOfDayFollowsTheCameraTimeZone() throws {
        let setup = try Self.configuration().compiled()
        // 2026-11-30 18:00 UTC is 19:00 in Monaco (CET); 2026-07-01 12:00 UTC is 14:00 (CEST).
        #expect(abs(setup.hourOfDay(at: 1_796_061_600) - 19) < 1e-9)
        #expect(abs(setup.hourOfDay(at: 1_782_907_200) - 14) < 1e-9)
    }
}
