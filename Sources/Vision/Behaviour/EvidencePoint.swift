/// Where a track was at a time, given as evidence for an event.
public struct EvidencePoint: Hashable, Sendable, Codable {
    /// The track seen there.
    public var trackId: Int
    /// Seconds on the analyser's clock.
    public var time: Double
    /// Ground-plane position in metres.
    public var position: PlanePoint

    /// Creates an evidence point.
    public init(trackId: Int, time: Double, position: PlanePoint) {
        self.trackId = trackId
        self.time = time
        self.position = position
    }
}
