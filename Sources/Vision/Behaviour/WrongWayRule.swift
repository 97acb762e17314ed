/// Settings for wrong-way movement against a zone's allowed heading.
public struct WrongWayRule: Hashable, Sendable, Codable {
    /// Classes checked.
    public var objectClasses: Set<ObjectClass>
    /// The allowed direction of travel, compass degrees clockwise from the plane's +y.
    public var allowedHeadingDegrees: Double
    /// How far from the allowed heading a movement may be and still count as allowed, in degrees.
    public var toleranceDegrees: Double
    /// Distance travelled against the allowed heading that triggers the event, in metres; the
    /// same distance travelled the allowed way clears it.
    public var minimumDistanceMetres: Double

    /// Creates a rule.
    public init(allowedHeadingDegrees: Double, toleranceDegrees: Double = 60, minimumDistanceMetres: Double = 5,
                objectClasses: Set<ObjectClass> = [.person]) {
        self.objectClasses = objectClasses
        self.allowedHeadingDegrees = allowedHeadingDegrees
        self.toleranceDegrees = toleranceDegrees
        self.minimumDistanceMetres = minimumDistanceMetres
    }

    func validate(in place: String) throws(VisionError) {
        try RuleCheck.classes(objectClasses, in: place)
        guard allowedHeadingDegrees.isFinite else {
            throw .invalidConfiguration("\(place): wrongWay.allowedHeadingDegrees must be finite")
        }
        guard toleranceDegrees.isFinite, toleranceDegrees > 0, toleranceDegrees < 180 else {
            throw .invalidConfiguration("\(place): wrongWay.toleranceDegrees must be between 0 and 180, got \(toleranceDegrees)")
        }
        try RuleCheck.positive(minimumDistanceMetres, "wrongWay.minimumDistanceMetres", in: place)
    }
}
