/// Settings for an abandoned object: luggage at rest while its owner is away.
///
/// The owner is the person nearest the object when it came to rest. The object counts as at rest
/// once it has stayed within ``stationaryRadiusMetres`` of where it stopped for
/// ``stationarySeconds``; it is unattended while its owner is farther than ``ownerDistanceMetres``
/// (or gone); the event fires after ``unattendedSeconds`` of both.
public struct AbandonedObjectRule: Hashable, Sendable, Codable {
    /// Classes that can be abandoned.
    public var objectClasses: Set<ObjectClass>
    /// Movement allowed while at rest, in metres.
    public var stationaryRadiusMetres: Double
    /// Time within that radius before the object is considered at rest, in seconds.
    public var stationarySeconds: Double
    /// Distance beyond which the owner is away, in metres.
    public var ownerDistanceMetres: Double
    /// Time at rest with the owner away that triggers the event, in seconds.
    public var unattendedSeconds: Double

    /// Creates a rule.
    public init(objectClasses: Set<ObjectClass> = [.bag, .suitcase], stationaryRadiusMetres: Double = 0.5,
                stationarySeconds: Double = 10, ownerDistanceMetres: Double = 5, unattendedSeconds: Double = 60) {
        self.objectClasses = objectClasses
        self.stationaryRadiusMetres = stationaryRadiusMetres
        self.stationarySeconds = stationarySeconds
        self.ownerDistanceMetres = ownerDistanceMetres
        self.unattendedSeconds = unattendedSeconds
    }

    func validate(in place: String) throws(VisionError) {
        try RuleCheck.classes(objectClasses, in: place)
        try RuleCheck.positive(stationaryRadiusMetres, "abandonedObject.stationaryRadiusMetres", in: place)
        try RuleCheck.nonNegative(stationarySeconds, "abandonedObject.stationarySeconds", in: place)
        try RuleCheck.positive(ownerDistanceMetres, "abandonedObject.ownerDistanceMetres", in: place)
        try RuleCheck.nonNegative(unattendedSeconds, "abandonedObject.unattendedSeconds", in: place)
    }
}
