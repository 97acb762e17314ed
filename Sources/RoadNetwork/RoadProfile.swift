/// How one vehicle type may use the roads: which ways, which directions, how fast, which barriers stop it.
///
/// The rules are pure functions of OSM tags; see <doc:Profiles> for the full rule set.
public struct RoadProfile: Hashable, Sendable {
    /// The vehicle types with built-in rules.
    public enum Vehicle: String, Hashable, Sendable, CaseIterable {
        /// An ordinary private car obeying access restrictions.
        case car
        /// A police car, fire engine or ambulance on a response.
        case emergency
    }

    /// Which rule set applies.
    public var vehicle: Vehicle

    /// Creates a profile for a vehicle type.
    public init(vehicle: Vehicle) {
        self.vehicle = vehicle
    }

    /// The ordinary car profile.
    public static let car = RoadProfile(vehicle: .car)
    /// The emergency-vehicle profile: wider access and faster on major roads.
    public static let emergency = RoadProfile(vehicle: .emergency)

    /// The multiplier on car speed for emergency vehicles on motorway, trunk and primary roads (and links).
    public static let emergencyMajorRoadFactor = 1.2
    /// The multiplier on car speed for emergency vehicles on secondary and tertiary roads (and links).
    public static let emergencyMinorRoadFactor = 1.1
    /// Emergency speed boosts never raise speed above this, in km/h (a faster tagged limit is kept as is).
    public static let emergencySpeedCapKmh = 140.0

    static let majorHighways: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
    ]
    static let minorHighways: Set<String> = ["secondary", "secondary_link", "tertiary", "tertiary_link"]
    static let carDeniedAccess: Set<String> = [
        "no", "private", "agricultural", "forestry", "delivery", "emergency", "psv", "bus", "military",
        "permit", "customers_only",
    ]
    static let emergencyDeniedAccess: Set<String> = ["no", "agricultural", "forestry", "military"]
    static let grantingAccess: Set<String> = ["yes", "designated", "permissive", "official"]
    static let passableBarriers: Set<String> = [
        "cattle_grid", "border_control", "toll_booth", "sally_port", "gate", "lift_gate", "swing_gate",
        "no", "entrance", "height_restrictor", "arch", "kerb", "speed_bump", "hump",
    ]
    static let emergencyPassableBarriers: Set<String> = ["bollard", "chain", "barrier_board"]

    /// How a way may be driven, or nil when this vehicle may not use it at all.
    public func attributes(of tags: OSMTags) -> WayAttributes? {
        guard let highway = tags["highway"], var carSpeed = SpeedTable.defaultSpeedKmh[highway] else { return nil }
        if tags["area"] == "yes" { return nil }
        if highway == "busway", vehicle == .car { return nil }
        guard isAccessible(tags) else { return nil }
        guard let (forward, backward) = directions(tags, highway: highway) else { return nil }
        if let tagged = tags["maxspeed"].flatMap(SpeedTable.parseMaxspeed) {
            carSpeed = tagged
        } else if highway == "service", let kind = tags["service"],
                  ["parking_aisle", "driveway", "drive-through"].contains(kind) {
            carSpeed = 10
        }
        return WayAttributes(highway: highway, forward: forward, backward: backward,
                             speedKmh: speed(carSpeedKmh: carSpeed, highway: highway))
    }

    /// The speed for this vehicle on a way where a car would go `carSpeedKmh`.
    ///
    /// Emergency: ×``emergencyMajorRoadFactor`` on motorway/trunk/primary, ×``emergencyMinorRoadFactor`` on
    /// secondary/tertiary, capped at ``emergencySpeedCapKmh`` but never below the car speed; else the car speed.
    public func speed(carSpeedKmh: Double, highway: String) -> Double {
        switch vehicle {
        case .car:
            return carSpeedKmh
        case .emergency:
            let factor = Self.majorHighways.contains(highway) ? Self.emergencyMajorRoadFactor
                : Self.minorHighways.contains(highway) ? Self.emergencyMinorRoadFactor : 1
            return max(carSpeedKmh, min(carSpeedKmh * factor, Self.emergencySpeedCapKmh))
        }
    }

    /// Whether a node's tags (a barrier, typically) stop this vehicle from passing through it.
    public func isBlocked(nodeTags tags: OSMTags) -> Bool {
        guard let barrier = tags["barrier"] else { return false }
        let access = Self.mostSpecificAccess(tags)
        switch vehicle {
        case .car:
            if let access { return Self.carDeniedAccess.contains(access) }
            return !Self.passableBarriers.contains(barrier)
        case .emergency:
            if let emergency = tags["emergency"] { return !Self.grantingAccess.contains(emergency) }
            if Self.passableBarriers.contains(barrier) || Self.emergencyPassableBarriers.contains(barrier) {
                return false
            }
            if let access { return Self.emergencyDeniedAccess.contains(access) }
            return true
        }
    }

    /// The first of `motorcar`, `motor_vehicle`, `vehicle`, `access` that is tagged.
    static func mostSpecificAccess(_ tags: OSMTags) -> String? {
        tags["motorcar"] ?? tags["motor_vehicle"] ?? tags["vehicle"] ?? tags["access"]
    }

    private func isAccessible(_ tags: OSMTags) -> Bool {
        let access = Self.mostSpecificAccess(tags)
        switch vehicle {
        case .car:
            return access.map { !Self.carDeniedAccess.contains($0) } ?? true
        case .emergency:
            if let emergency = tags["emergency"] { return Self.grantingAccess.contains(emergency) }
            if let psv = tags["psv"] ?? tags["bus"], Self.grantingAccess.contains(psv) { return true }
            return access.map { !Self.emergencyDeniedAccess.contains($0) } ?? true
        }
    }

    private func directions(_ tags: OSMTags, highway: String) -> (Bool, Bool)? {
        if vehicle == .emergency, let oneway = tags["oneway:psv"] ?? tags["oneway:bus"], oneway == "no" {
            return (true, true)
        }
        switch tags["oneway"] {
        case "yes", "1", "true": return (true, false)
        case "-1", "reverse": return (false, true)
        case "no", "false", "0": return (true, true)
        case "reversible", "alternating": return vehicle == .emergency ? (true, true) : nil
        default: break
        }
        if let junction = tags["junction"], junction == "roundabout" || junction == "circular" { return (true, false) }
        if highway == "motorway" || highway == "motorway_link" { return (true, false) }
        return (true, true)
    }
}

/// How a vehicle may use one way.
public struct WayAttributes: Hashable, Sendable {
    /// The way's `highway` class.
    public var highway: String
    /// Whether it may be driven in the direction of its node order.
    public var forward: Bool
    /// Whether it may be driven against its node order.
    public var backward: Bool
    /// Travel speed in km/h.
    public var speedKmh: Double

    /// Creates attributes.
    public init(highway: String, forward: Bool, backward: Bool, speedKmh: Double) {
        self.highway = highway
        self.forward = forward
        self.backward = backward
        self.speedKmh = speedKmh
    }
}
