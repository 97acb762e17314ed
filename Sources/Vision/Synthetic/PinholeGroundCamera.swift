import Foundation

/// A pinhole camera above flat ground: where a point on the ground, or above it, appears in the image.
///
/// The simulated city uses it to turn people walking on the ground into detector boxes, and to
/// give each simulated camera the image↔ground calibration pairs an installer would measure.
public struct PinholeGroundCamera: Sendable, Equatable {
    /// Camera position on the ground plane, metres.
    public var position: PlanePoint
    /// Height of the lens above the ground, metres.
    public var heightMetres: Double
    /// Direction the camera faces, degrees clockwise from the plane's +y axis.
    public var headingDegrees: Double
    /// Downward tilt from the horizontal, degrees.
    public var tiltDegrees: Double
    /// Focal length in pixels.
    public var focalPixels: Double
    /// Image width in pixels.
    public var imageWidth: Double
    /// Image height in pixels.
    public var imageHeight: Double

    /// Creates a camera.
    public init(position: PlanePoint, heightMetres: Double, headingDegrees: Double, tiltDegrees: Double,
                focalPixels: Double, imageWidth: Double, imageHeight: Double) {
        self.position = position
        self.heightMetres = heightMetres
        self.headingDegrees = headingDegrees
        self.tiltDegrees = tiltDegrees
        self.focalPixels = focalPixels
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }

    /// The image point of a ground point raised by `heightAboveGround` metres; nil when behind the camera or off the image.
    public func pixel(for ground: PlanePoint, heightAboveGround: Double = 0) -> PixelPoint? {
        let heading = headingDegrees * .pi / 180, tilt = tiltDegrees * .pi / 180
        let forward = (x: sin(heading) * cos(tilt), y: cos(heading) * cos(tilt), z: -sin(tilt))
        let right = (x: cos(heading), y: -sin(heading), z: 0.0)
        // down = forward × right, so that image y grows downwards.
        let down = (x: forward.y * right.z - forward.z * right.y, y: forward.z * right.x - forward.x * right.z,
                    z: forward.x * right.y - forward.y * right.x)
        let offset = (x: ground.x - position.x, y: ground.y - position.y, z: heightAboveGround - heightMetres)
        let depth = forward.x * offset.x + forward.y * offset.y + forward.z * offset.z
        guard depth > 0.5 else { return nil }
        let across = right.x * offset.x + right.y * offset.y + right.z * offset.z
        let below = down.x * offset.x + down.y * offset.y + down.z * offset.z
        return PixelPoint(x: imageWidth / 2 + focalPixels * across / depth, y: imageHeight / 2 + focalPixels * below / depth)
    }

    /// The box of an upright object of the given size standing at a ground point, clipped to nothing if off-image.
    public func box(standingAt ground: PlanePoint, heightMetres objectHeight: Double, widthMetres: Double) -> PixelBox? {
        guard let foot = pixel(for: ground), let head = pixel(for: ground, heightAboveGround: objectHeight) else { return nil }
        let height = foot.y - head.y
        guard height > 2 else { return nil }
        let width = height * widthMetres / objectHeight
        let box = PixelBox(left: foot.x - width / 2, top: head.y, width: width, height: height)
        guard box.right > 0, box.left < imageWidth, box.bottom > 0, box.top < imageHeight, foot.y <= imageHeight, foot.y >= 0 else { return nil }
        return box
    }
}
