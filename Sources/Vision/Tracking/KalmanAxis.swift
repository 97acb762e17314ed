/// A constant-velocity Kalman filter on one coordinate: position, velocity and their covariance.
///
/// A box's centre x, centre y, width and height move independently under the tracker's
/// model, and with diagonal noise the 8-state box filter splits exactly into four of these,
/// so each step is a handful of multiplications instead of 8×8 matrix products.
struct KalmanAxis: Sendable {
    var position: Double
    var velocity: Double
    /// Covariance entries: position variance, position–velocity covariance, velocity variance.
    var positionVariance: Double
    var crossCovariance: Double
    var velocityVariance: Double

    init(position: Double, positionStandardDeviation: Double, velocityStandardDeviation: Double) {
        self.position = position
        velocity = 0
        positionVariance = positionStandardDeviation * positionStandardDeviation
        crossCovariance = 0
        velocityVariance = velocityStandardDeviation * velocityStandardDeviation
    }

    /// Advances one frame: x ← F x, P ← F P Fᵀ + Q with F = [[1, 1], [0, 1]].
    mutating func predict(positionNoise: Double, velocityNoise: Double) {
        position += velocity
        positionVariance += 2 * crossCovariance + velocityVariance + positionNoise * positionNoise
        crossCovariance += velocityVariance
        velocityVariance += velocityNoise * velocityNoise
    }

    /// Folds in a measurement of the position with the given standard deviation.
    mutating func update(measurement: Double, standardDeviation: Double) {
        let innovationVariance = positionVariance + standardDeviation * standardDeviation
        let positionGain = positionVariance / innovationVariance
        let velocityGain = crossCovariance / innovationVariance
        let innovation = measurement - position
        position += positionGain * innovation
        velocity += velocityGain * innovation
        velocityVariance -= velocityGain * crossCovariance
        positionVariance *= 1 - positionGain
        crossCovariance *= 1 - positionGain
    }
}
