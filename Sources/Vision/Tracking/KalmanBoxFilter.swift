/// A Kalman filter over a box's centre and size, each moving at constant velocity.
///
/// Noise scales with the box height, as in SORT-family trackers: a near (tall) person moves
/// more pixels per frame than a far one. The weights are those of DeepSORT (1/20 of the height
/// for position, 1/160 for velocity).
public struct KalmanBoxFilter: Sendable {
    private var centreX: KalmanAxis
    private var centreY: KalmanAxis
    private var width: KalmanAxis
    private var height: KalmanAxis
    private static let positionWeight = 1.0 / 20
    private static let velocityWeight = 1.0 / 160

    /// Starts a filter at a measured box with zero velocity and wide velocity uncertainty.
    public init(box: PixelBox) {
        let positionDeviation = 2 * Self.positionWeight * box.height
        let velocityDeviation = 10 * Self.velocityWeight * box.height
        func axis(_ value: Double) -> KalmanAxis {
            KalmanAxis(position: value, positionStandardDeviation: positionDeviation, velocityStandardDeviation: velocityDeviation)
        }
        let centre = box.centre
        centreX = axis(centre.x)
        centreY = axis(centre.y)
        width = axis(box.width)
        height = axis(box.height)
    }

    /// The filter's current box estimate.
    public var box: PixelBox {
        let boxWidth = max(width.position, 1), boxHeight = max(height.position, 1)
        return PixelBox(left: centreX.position - boxWidth / 2, top: centreY.position - boxHeight / 2, width: boxWidth, height: boxHeight)
    }

    /// Estimated motion of the box centre in pixels per frame.
    public var centreVelocity: PixelPoint { PixelPoint(x: centreX.velocity, y: centreY.velocity) }

    /// Advances the estimate by one frame.
    public mutating func predict() {
        let scale = max(height.position, 1)
        let positionNoise = Self.positionWeight * scale, velocityNoise = Self.velocityWeight * scale
        centreX.predict(positionNoise: positionNoise, velocityNoise: velocityNoise)
        centreY.predict(positionNoise: positionNoise, velocityNoise: velocityNoise)
        width.predict(positionNoise: positionNoise, velocityNoise: velocityNoise)
        height.predict(positionNoise: positionNoise, velocityNoise: velocityNoise)
    }

    /// Corrects the estimate with a measured box.
    public mutating func update(with measured: PixelBox) {
        let deviation = Self.positionWeight * max(measured.height, 1)
        let centre = measured.centre
        centreX.update(measurement: centre.x, standardDeviation: deviation)
        centreY.update(measurement: centre.y, standardDeviation: deviation)
        width.update(measurement: measured.width, standardDeviation: deviation)
        height.update(measurement: measured.height, standardDeviation: deviation)
    }
}
