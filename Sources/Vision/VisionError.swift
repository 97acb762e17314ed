/// Errors from vision input: detections, camera set-ups, files.
public enum VisionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A box with a non-finite coordinate or a size that is not positive.
    case invalidBox(String)
    /// A line of a text file that cannot be read, with its 1-based number.
    case malformedLine(line: Int, reason: String)
    /// Frames that arrive out of order for one camera.
    case frameOutOfOrder(camera: String, frame: Int, after: Int)
    /// A camera id that is not configured.
    case unknownCamera(String)
    /// A homography that cannot be estimated or inverted.
    case degenerateHomography(String)
    /// A zone, line or camera set-up that does not make sense.
    case invalidConfiguration(String)
    /// A frame of tracks that cannot be analysed: time going backwards, a repeated or misplaced track.
    case invalidObservation(String)

    public var description: String {
        switch self {
        case let .invalidBox(reason): "invalid box: \(reason)"
        case let .malformedLine(line, reason): "line \(line): \(reason)"
        case let .frameOutOfOrder(camera, frame, after): "camera \(camera): frame \(frame) arrived after frame \(after)"
        case let .unknownCamera(id): "unknown camera \(id)"
        case let .degenerateHomography(reason): "degenerate homography: \(reason)"
        case let .invalidConfiguration(reason): "invalid configuration: \(reason)"
        case let .invalidObservation(reason): "invalid observation: \(reason)"
        }
    }
}
