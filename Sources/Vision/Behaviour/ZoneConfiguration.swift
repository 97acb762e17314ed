/// A zone and the behaviours watched in it; a rule left nil is switched off.
public struct ZoneConfiguration: Hashable, Sendable, Codable {
    /// The zone.
    public var zone: Zone
    /// Loitering settings.
    public var loitering: LoiteringRule?
    /// Abandoned-object settings.
    public var abandonedObject: AbandonedObjectRule?
    /// Wrong-way settings.
    public var wrongWay: WrongWayRule?
    /// Crowding settings.
    public var crowding: CrowdingRule?
    /// Unusual-motion settings.
    public var unusualMotion: UnusualMotionRule?
    /// No-stopping settings.
    public var stoppedVehicle: StoppedVehicleRule?

    /// Creates a zone configuration.
    public init(zone: Zone, loitering: LoiteringRule? = nil, abandonedObject: AbandonedObjectRule? = nil,
                wrongWay: WrongWayRule? = nil, crowding: CrowdingRule? = nil,
                unusualMotion: UnusualMotionRule? = nil, stoppedVehicle: StoppedVehicleRule? = nil) {
        self.zone = zone
        self.loitering = loitering
        self.abandonedObject = abandonedObject
        self.wrongWay = wrongWay
        self.crowding = crowding
        self.unusualMotion = unusualMotion
        self.stoppedVehicle = stoppedVehicle
    }

    func validate() throws(VisionError) {
        let place = "zone '\(zone.name)'"
        try loitering?.validate(in: place)
        try abandonedObject?.validate(in: place)
        try wrongWay?.validate(in: place)
        try crowding?.validate(in: place)
        try unusualMotion?.validate(in: place)
        try stoppedVehicle?.validate(in: place)
    }
}
