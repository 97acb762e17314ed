/// Settings for a no-stopping zone: a vehicle standing still longer than ``maximumStopSeconds``.
public struct StoppedVehicleRule: Hashable, Sendable, Codable {
    /// Classes checked.
    public var objectClasses: Set<ObjectClass>
    /// Movement that still counts as standing still (detector jitter, creeping), in metres.
    public var stationaryRadiusMetres: Double
    /// Stop that triggers the event, in seconds.
    public var maximumStopSeconds: Double

    /// Creates a rule.
    public init(maximumStopSeconds: Double = 60, stationaryRadiusMetres: Double = 1.5,
                objectClasses: Set<ObjectClass> = [.car, .motorcycle, .bus, .truck]) {
        self.objectClasses = objectClasses
        self.stationaryRadiusMetres = stationaryRadiusMetres
        self.maximumStopSeconds = maximumStopSeconds
    }

    func validate(in place: String) throws(VisionError) {
        try RuleCheck.classes(objectClasses, in: place)
        try RuleCheck.positive(stationaryRadiusMetres, "stoppedVehicle.stationaryRadiusMetres", in: place)
        try RuleCheck.positive(maximumStopSeconds, "stoppedVehicle.maximumStopSeconds", in: place)
    }
}
