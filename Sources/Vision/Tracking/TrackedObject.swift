/// One track's state in one frame, as the tracker reports it. A track is anonymous by design.
public struct TrackedObject: Hashable, Sendable, Codable {
    /// Track number, unique within one tracker; never an identity of a person.
    public var trackId: Int
    /// Frame the state belongs to.
    public var frame: Int
    /// Filtered box (measured this frame, or predicted when `isPredicted`).
    public var box: PixelBox
    /// Score of the detection matched this frame, or the last one when predicted.
    public var score: Double
    /// Object class of the track.
    public var objectClass: ObjectClass
    /// True when no detection matched this frame and the box comes from the motion model.
    public var isPredicted: Bool
    /// Centre velocity in pixels per frame.
    public var velocity: PixelPoint

    /// The state as a MOT Challenge line.
    public var motRecord: MOTRecord { MOTRecord(frame: frame, id: trackId, box: box, confidence: score) }
}
