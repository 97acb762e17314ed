/// The behaviours ``SceneAnalyser`` recognises.
public enum BehaviourKind: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    /// A person stays in a zone longer than allowed.
    case loitering
    /// A bag or suitcase lies still while its owner is away.
    case abandonedObject
    /// An object crosses a trip line (instant).
    case lineCrossing
    /// An object moves against a zone's allowed heading over some distance.
    case wrongWay
    /// Too many people per square metre in a zone.
    case crowdDensity
    /// People gather in a zone faster than a set rate.
    case crowdGrowth
    /// An object moves far faster than the zone's learned normal (running).
    case unusualSpeed
    /// An object moves in a direction the zone rarely sees.
    case unusualHeading
    /// Several tracks speed up away from a common centre.
    case crowdScattering
    /// A vehicle stands still in a no-stopping zone.
    case stoppedVehicle
}
