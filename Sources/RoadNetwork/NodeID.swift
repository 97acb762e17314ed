/// A node of a ``RoadGraph``: a 32-bit position in its node arrays.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The array position.
    public var rawValue: UInt32

    /// Wraps an array position.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Wraps an array position given as `Int`.
    ///
    /// - Warning: Traps if `index` does not fit in 32 bits.
    public init(_ index: Int) { self.rawValue = UInt32(index) }

    /// The array position as `Int`.
    public var index: Int { Int(rawValue) }

    /// The sentinel meaning "no node".
    public static let invalid = NodeID(UInt32.max)

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "n\(rawValue)" }
}

/// A directed edge of a ``RoadGraph``: a 32-bit position in its edge arrays.
public struct EdgeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The array position.
    public var rawValue: UInt32

    /// Wraps an array position.
    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Wraps an array position given as `Int`.
    ///
    /// - Warning: Traps if `index` does not fit in 32 bits.
    public init(_ index: Int) { self.rawValue = UInt32(index) }

    /// The array position as `Int`.
    public var index: Int { Int(rawValue) }

    /// The sentinel meaning "no edge".
    public static let invalid = EdgeID(UInt32.max)

    public static func < (lhs: EdgeID, rhs: EdgeID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "e\(rawValue)" }
}
