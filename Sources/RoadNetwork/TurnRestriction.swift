/// A turn restriction relation: from a way, via a node, to a way.
///
/// - Note: ``RoadGraph/build(from:profile:components:turnRestrictions:progress:)`` honours them by splitting via
///   nodes (see ``RoadGraph/canonicalNode``); only restrictions with a via node are supported.
public struct TurnRestriction: Hashable, Sendable {
    /// Whether the turn is forbidden (`no_*`) or the only one allowed (`only_*`).
    public enum Kind: Hashable, Sendable {
        /// `no_left_turn`, `no_u_turn`, …: this turn is forbidden.
        case prohibitive
        /// `only_straight_on`, …: every other turn from the `from` way at the via node is forbidden.
        case mandatory
    }

    /// The relation's OSM id.
    public var relationID: Int64
    /// Forbidden or mandatory.
    public var kind: Kind
    /// The raw `restriction` value, e.g. `no_left_turn`.
    public var value: String
    /// The way the turn starts on.
    public var fromWay: Int64
    /// The node where the turn happens.
    public var viaNode: Int64
    /// The way the turn ends on.
    public var toWay: Int64
    /// Vehicle types the restriction does not bind (the `except` tag), e.g. `psv`, `emergency`.
    public var exceptions: Set<String>

    /// Creates a restriction.
    public init(relationID: Int64, kind: Kind, value: String, fromWay: Int64, viaNode: Int64, toWay: Int64,
                exceptions: Set<String> = []) {
        self.relationID = relationID
        self.kind = kind
        self.value = value
        self.fromWay = fromWay
        self.viaNode = viaNode
        self.toWay = toWay
        self.exceptions = exceptions
    }

    /// Whether the restriction binds a profile: cars unless `except` lists motorcar or motor_vehicle;
    /// emergency vehicles unless it lists emergency, psv or bus.
    public func applies(to profile: RoadProfile) -> Bool {
        switch profile.vehicle {
        case .car: exceptions.isDisjoint(with: ["motorcar", "motor_vehicle"])
        case .emergency: exceptions.isDisjoint(with: ["emergency", "psv", "bus"])
        }
    }

    /// Parses a `type=restriction` relation with one from way, one via node and one to way; nil otherwise.
    ///
    /// Reads `restriction`, or `restriction:motorcar` / `restriction:motor_vehicle` when `restriction` is absent.
    /// Restrictions with a via way are not supported and give nil.
    public init?(relation: OSMRelation) {
        guard relation.tags["type"] == "restriction" else { return nil }
        guard let value = relation.tags["restriction"] ?? relation.tags["restriction:motorcar"]
            ?? relation.tags["restriction:motor_vehicle"] else { return nil }
        let kind: Kind
        if value.hasPrefix("no_") { kind = .prohibitive } else if value.hasPrefix("only_") { kind = .mandatory } else {
            return nil
        }
        let froms = relation.members.filter { $0.role == "from" && $0.type == .way }
        let vias = relation.members.filter { $0.role == "via" }
        let tos = relation.members.filter { $0.role == "to" && $0.type == .way }
        guard froms.count == 1, tos.count == 1, vias.count == 1, vias[0].type == .node else { return nil }
        let exceptions = (relation.tags["except"] ?? "").split(separator: ";").map { $0.trimmingWhitespace() }
        self.init(relationID: relation.id, kind: kind, value: value,
                  fromWay: froms[0].ref, viaNode: vias[0].ref, toWay: tos[0].ref,
                  exceptions: Set(exceptions.filter { !$0.isEmpty }))
    }
}
