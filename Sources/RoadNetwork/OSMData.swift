import Geo

/// OpenStreetMap tags of one element, key to value.
public typealias OSMTags = [String: String]

/// An OpenStreetMap node: a position with optional tags.
public struct OSMNode: Hashable, Sendable {
    /// The OSM node id.
    public var id: Int64
    /// Latitude in degrees.
    public var latitude: Double
    /// Longitude in degrees.
    public var longitude: Double
    /// Tags; empty for most nodes.
    public var tags: OSMTags

    /// Creates a node.
    public init(id: Int64, latitude: Double, longitude: Double, tags: OSMTags = [:]) {
        self.id = id
        self.latitude = latitude
        self.longitude = longitude
        self.tags = tags
    }
}

/// An OpenStreetMap way: an ordered list of node ids with tags.
public struct OSMWay: Hashable, Sendable {
    /// The OSM way id.
    public var id: Int64
    /// The node ids in order.
    public var nodeIDs: [Int64]
    /// Tags.
    public var tags: OSMTags

    /// Creates a way.
    public init(id: Int64, nodeIDs: [Int64], tags: OSMTags = [:]) {
        self.id = id
        self.nodeIDs = nodeIDs
        self.tags = tags
    }
}

/// The kind of element a relation member refers to.
public enum OSMMemberType: Int, Hashable, Sendable {
    case node = 0, way = 1, relation = 2
}

/// One member of an OpenStreetMap relation.
public struct OSMMember: Hashable, Sendable {
    /// What the member is.
    public var type: OSMMemberType
    /// The member's OSM id.
    public var ref: Int64
    /// The member's role, e.g. "from", "via", "to".
    public var role: String

    /// Creates a member.
    public init(type: OSMMemberType, ref: Int64, role: String) {
        self.type = type
        self.ref = ref
        self.role = role
    }
}

/// An OpenStreetMap relation: tagged, ordered members.
public struct OSMRelation: Hashable, Sendable {
    /// The OSM relation id.
    public var id: Int64
    /// The members in order.
    public var members: [OSMMember]
    /// Tags.
    public var tags: OSMTags

    /// Creates a relation.
    public init(id: Int64, members: [OSMMember], tags: OSMTags = [:]) {
        self.id = id
        self.members = members
        self.tags = tags
    }
}

/// Everything read from one OSM file: nodes, ways and relations in file order.
public struct OSMData: Hashable, Sendable {
    /// All nodes.
    public var nodes: [OSMNode]
    /// All ways (possibly filtered by the reader's way filter).
    public var ways: [OSMWay]
    /// All relations.
    public var relations: [OSMRelation]
    /// The bounding box the file declares, if any.
    public var declaredBounds: BoundingBox?

    /// Creates a data set.
    public init(nodes: [OSMNode] = [], ways: [OSMWay] = [], relations: [OSMRelation] = [],
                declaredBounds: BoundingBox? = nil) {
        self.nodes = nodes
        self.ways = ways
        self.relations = relations
        self.declaredBounds = declaredBounds
    }

    /// The turn restrictions among the relations (`type=restriction` with from way, via node, to way).
    public var turnRestrictions: [TurnRestriction] {
        relations.compactMap(TurnRestriction.init(relation:))
    }
}
