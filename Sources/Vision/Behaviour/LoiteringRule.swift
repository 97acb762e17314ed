/// Settings for loitering: staying in a zone longer than ``dwellSeconds``.
public struct LoiteringRule: Hashable, Sendable, Codable {
    /// Classes that can loiter.
    public var objectClasses: Set<ObjectClass>
    /// Dwell that triggers the event, in seconds.
    public var dwellSeconds: Double
    /// Time outside the zone that does not restart the clock, in seconds.
    public var graceSeconds: Double

    /// Creates a rule.
    public init(objectClasses: Set<ObjectClass> = [.person], dwellSeconds: Double = 120, graceSeconds: Double = 10) {
        self.objectClasses = objectClasses
        self.dwellSeconds = dwellSeconds
        self.graceSeconds = graceSeconds
    }

    func validate(in place: String) throws(VisionError) {
        try RuleCheck.classes(objectClasses, in: place)
        try RuleCheck.positive(dwellSeconds, "loitering.dwellSeconds", in: place)
        try RuleCheck.nonNegative(graceSeconds, "loitering.graceSeconds", in: place)
    }
}
