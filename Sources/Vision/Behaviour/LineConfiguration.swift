/// A trip line and what it counts.
public struct LineConfiguration: Hashable, Sendable, Codable {
    /// The line.
    public var line: TripLine
    /// Classes counted.
    public var objectClasses: Set<ObjectClass>
    /// A track must get this far past the line before a crossing counts, in metres, so that a
    /// track jittering on the line counts once; 0 counts every sign change.
    public var hysteresisMetres: Double

    /// Creates a line configuration.
    public init(line: TripLine, objectClasses: Set<ObjectClass> = [.person], hysteresisMetres: Double = 0) {
        self.line = line
        self.objectClasses = objectClasses
        self.hysteresisMetres = hysteresisMetres
    }

    func validate() throws(VisionError) {
        let place = "trip line '\(line.name)'"
        try RuleCheck.classes(objectClasses, in: place)
        try RuleCheck.nonNegative(hysteresisMetres, "hysteresisMetres", in: place)
    }
}
