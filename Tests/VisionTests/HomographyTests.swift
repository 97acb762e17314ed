import Foundation
import SafeCityCore
import Testing
@testable import Vision

@Suite struct HomographyTests {
    /// The ETH positions were produced by clicking whole pixels and mapping them through H, so
    /// H⁻¹ must land each one on a whole pixel, and H must map that pixel back onto the published metres.
    @Test(arguments: ["eth", "hotel"])
    func ethMatrixMapsAnnotatedPixelsOntoThePublishedPositions(_ name: String) throws {
        let sequence = name == "eth" ? try ETHSequence.eth() : try ETHSequence.hotel()
        let h = try Homography(elements: sequence.h)
        let inverse = try h.inverse()
        #expect(sequence.rows.count > 6000)
        var worstPixelOffset = 0.0, worstGroundError = 0.0, worstRoundTrip = 0.0
        for row in sequence.rows {
            let ground = PlanePoint(x: row.x, y: row.y)
            let pixel = try #require(h.pixel(for: ground))
            let again = try #require(inverse.transform(x: row.x, y: row.y))
            #expect(pixel.x == again.x && pixel.y == again.y)
            // 1-based pixel indices of a 640 × 480 (ETH) or 720 × 576 (Hotel) frame, given as (row, column).
            #expect(pixel.x >= 1 && pixel.x <= 576 && pixel.y >= 1 && pixel.y <= 720.5)
            worstPixelOffset = max(worstPixelOffset, abs(pixel.x - pixel.x.rounded()), abs(pixel.y - pixel.y.rounded()))
            let clicked = try #require(h.map(PixelPoint(x: pixel.x.rounded(), y: pixel.y.rounded())))
            worstGroundError = max(worstGroundError, clicked.distance(to: ground))
            let roundTrip = try #require(h.map(pixel))
            worstRoundTrip = max(worstRoundTrip, roundTrip.distance(to: ground))
        }
        #expect(worstPixelOffset < 1e-4)
        #expect(worstGroundError < 1e-6)
        #expect(worstRoundTrip < 1e-6)
    }

    @Test func estimateRecoversTheETHMatrixFromPairsItGenerates() throws {
        for sequence in [try ETHSequence.eth(), try ETHSequence.hotel()] {
            let h = try Homography(elements: sequence.h)
            let pixels = stride(from: 20.0, through: 460, by: 110).flatMap { u in
                stride(from: 140.0, through: 470, by: 110).map { v in PixelPoint(x: u, y: v) }
            }
            let pairs = pixels.map { (image: $0, ground: h.map($0)!) }
            let expected = h.normalised().elements
            // 5 × 4 grid: the corners, a skewed quadrilateral, and all 20 (least squares on exact data).
            #expect(throws: VisionError.self) { try Homography.estimate(from: Array(pairs.prefix(4))) }
            for subset in [[pairs[0], pairs[3], pairs[16], pairs[19]], [pairs[1], pairs[6], pairs[13], pairs[18]], pairs] {
                let fit = try Homography.estimate(from: subset).normalised().elements
                for (a, b) in zip(fit, expected) {
                    #expect(abs(a - b) <= 1e-7 * max(abs(b), 1e-3), "fitted \(fit) vs \(expected)")
                }
            }
        }
    }

    /// A pinhole camera 6 m above the ground, tilted 30° below the horizon: pixels come from the
    /// camera model, and the fitted map must agree with it away from the four points it saw.
    @Test func estimateAgreesWithAPinholeCameraModelAndStopsAtTheHorizon() throws {
        let camera = PinholeCamera(focalPixels: 800, centre: PixelPoint(x: 640, y: 360), heightMetres: 6, tiltDegrees: 30)
        let anchors = [PlanePoint(x: -5, y: 8), PlanePoint(x: 5, y: 8), PlanePoint(x: 8, y: 30), PlanePoint(x: -8, y: 30)]
        let pairs = anchors.map { (image: camera.project($0)!, ground: $0) }
        let h = try Homography.estimate(from: pairs)
        for x in stride(from: -10.0, through: 10, by: 2.5) {
            for y in stride(from: 6.0, through: 60, by: 6) {
                let ground = PlanePoint(x: x, y: y)
                let pixel = try #require(camera.project(ground))
                let mapped = try #require(h.map(pixel))
                #expect(mapped.distance(to: ground) < 1e-6 * y)
            }
        }
        let probe = PlanePoint(x: 2, y: 15)
        let pixel = try #require(h.pixel(for: probe))
        #expect(pixel.x.distance(to: camera.project(probe)!.x).magnitude < 1e-6)
        #expect(pixel.y.distance(to: camera.project(probe)!.y).magnitude < 1e-6)
        #expect(h.pixel(for: PlanePoint(x: 0, y: -20)) == nil)   // behind the camera
        let feet = PixelBox(left: pixel.x - 20, top: pixel.y - 120, width: 40, height: 120)
        #expect(try #require(h.groundPosition(of: feet)).distance(to: probe) < 1e-6)
        // The horizon is 30° above the optical axis: 800 · tan 30° ≈ 462 px above the centre row.
        #expect(h.map(PixelPoint(x: 640, y: 360 - 450)) != nil)
        #expect(h.map(PixelPoint(x: 640, y: 360 - 475)) == nil)
        #expect(h.map(PixelPoint(x: 100, y: -300)) == nil)
    }

    @Test func noisyPairsGiveALeastSquaresFitCloseToTheTruth() throws {
        let camera = PinholeCamera(focalPixels: 1000, centre: PixelPoint(x: 960, y: 540), heightMetres: 8, tiltDegrees: 40)
        var generator = SplitMix64(seed: 7)
        var pairs: [(image: PixelPoint, ground: PlanePoint)] = []
        for x in stride(from: -10.0, through: 10, by: 2) {
            for y in stride(from: 8.0, through: 40, by: 4) {
                let ground = PlanePoint(x: x, y: y)
                let pixel = camera.project(ground)!
                pairs.append((PixelPoint(x: pixel.x + Double.random(in: -0.5..<0.5, using: &generator), y: pixel.y + Double.random(in: -0.5..<0.5, using: &generator)), ground))
            }
        }
        let h = try Homography.estimate(from: pairs)
        let probe = PlanePoint(x: 3, y: 20)
        let mapped = try #require(h.map(camera.project(probe)!))
        // Half a pixel at 20 m with f = 1000 px is about a centimetre; allow a few.
        #expect(mapped.distance(to: probe) < 0.05)
    }

    @Test func degenerateInputsThrowWithAReason() throws {
        let square = [PlanePoint(x: 0, y: 0), PlanePoint(x: 1, y: 0), PlanePoint(x: 1, y: 1), PlanePoint(x: 0, y: 1)]
        let image = [PixelPoint(x: 10, y: 10), PixelPoint(x: 200, y: 12), PixelPoint(x: 210, y: 190), PixelPoint(x: 5, y: 200)]
        #expect(throws: VisionError.degenerateHomography("need at least 4 point pairs, found 3")) {
            try Homography.estimate(from: Array(zip(image, square).prefix(3)).map { (image: $0.0, ground: $0.1) })
        }
        var collinear = image
        collinear[2] = PixelPoint(x: 105, y: 11)
        #expect(throws: VisionError.degenerateHomography("image points 1, 2 and 3 are collinear; 4 pairs need no 3 on a line")) {
            try Homography.estimate(from: zip(collinear, square).map { (image: $0.0, ground: $0.1) })
        }
        let line = (0..<10).map { PixelPoint(x: Double($0) * 10, y: Double($0) * 5 + 3) }
        let spread = (0..<10).map { PlanePoint(x: Double($0 % 3), y: Double($0 / 3)) }
        #expect(throws: VisionError.degenerateHomography("all image points lie on one line")) {
            try Homography.estimate(from: zip(line, spread).map { (image: $0.0, ground: $0.1) })
        }
        #expect(throws: VisionError.degenerateHomography("all ground points are the same point")) {
            try Homography.estimate(from: image.map { (image: $0, ground: PlanePoint(x: 2, y: 2)) })
        }
        #expect(throws: VisionError.degenerateHomography("pair 2 has a coordinate that is not finite")) {
            try Homography.estimate(from: zip([image[0], PixelPoint(x: .nan, y: 1), image[2], image[3]], square).map { (image: $0.0, ground: $0.1) })
        }
        #expect(throws: VisionError.degenerateHomography("the matrix is singular (or nearly so) and maps the image onto a line")) {
            try Homography(rows: [[1, 2, 3], [2, 4, 6], [0, 0, 1]])
        }
        #expect(throws: VisionError.degenerateHomography("expected 3 rows of 3 elements")) {
            try Homography(rows: [[1, 0, 0], [0, 1, 0]])
        }
    }

    @Test func inverseComposesToTheIdentity() throws {
        let h = try Homography(elements: try ETHSequence.hotel().h)
        let product = multiply(h.elements, try h.inverse().elements)
        for i in 0..<3 {
            for j in 0..<3 { #expect(abs(product[i * 3 + j] - (i == j ? 1 : 0)) < 1e-12) }
        }
    }

    private func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        (0..<9).map { index in
            let i = index / 3, j = index % 3
            return (0..<3).reduce(0) { $0 + a[i * 3 + $1] * b[$1 * 3 + j] }
        }
    }
}

/// A pinhole camera at (0, 0, height) looking along +y, pitched down by `tilt`; image y grows downwards.
struct PinholeCamera {
    var focalPixels: Double
    var centre: PixelPoint
    var heightMetres: Double
    var tiltDegrees: Double

    func project(_ ground: PlanePoint) -> PixelPoint? {
        let tilt = tiltDegrees * .pi / 180
        // Camera axes: right = +x; forward = (0, cos t, −sin t); down = (0, −sin t, −cos t).
        let dy = ground.y, dz = -heightMetres
        let forward = dy * cos(tilt) - dz * sin(tilt)
        let down = -dy * sin(tilt) - dz * cos(tilt)
        guard forward > 0 else { return nil }
        return PixelPoint(x: centre.x + focalPixels * ground.x / forward, y: centre.y + focalPixels * down / forward)
    }
}
