/// One confirmed track in one frame, placed on the ground plane: what ``SceneAnalyser`` consumes.
public struct TrackObservation: Hashable, Sendable, Codable {
    /// The tracker's anonymous id, stable while the track lives.
    public var trackId: Int
    /// What the track is.
    public var objectClass: ObjectClass
    /// Where it stands on the ground plane (usually the box's foot point through the homography).
    public var position: PlanePoint
    /// Its box in the image, kept only as evidence.
    public var box: PixelBox?

    /// Creates an observation.
    public init(trackId: Int, objectClass: ObjectClass, position: PlanePoint, box: PixelBox? = nil) {
        self.trackId = trackId
        self.objectClass = objectClass
        self.position = position
        self.box = box
    }
}
