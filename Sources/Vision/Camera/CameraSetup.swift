import Foundation

/// A checked camera configuration with what it implies: its ground plane, homography and scene.
public struct CameraSetup: Sendable {
    /// The configuration as registered.
    public let configuration: CameraConfiguration
    /// Ground plane in metres around the camera's location.
    public let frame: LocalFrame
    /// Image pixels to ground-plane metres.
    public let homography: Homography
    /// Zones and lines on the ground plane, with their behaviours.
    public let scene: SceneConfiguration
    /// The camera's time zone, for the hour of day.
    public let timeZone: TimeZone
    /// Lines whose every crossing is a signal, not only a count.
    public let signalledLines: Set<String>

    /// Local hour of day (0 ..< 24) at a time in seconds since 1970.
    public func hourOfDay(at time: Double) -> Double {
        let local = time + Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: time)))
        let seconds = local.truncatingRemainder(dividingBy: 86_400)
        return (seconds < 0 ? seconds + 86_400 : seconds) / 3_600
    }
}
