/// Errors about a road graph: a broken invariant, or a graph file that cannot be read.
public enum RoadGraphError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An invariant of ``RoadGraph`` does not hold; the text names it.
    case invariantViolated(String)
    /// The file does not start with the graph file magic.
    case notAGraphFile
    /// The file was written by a format version this code cannot read.
    case unsupportedVersion(UInt32)
    /// The file ends before its declared contents.
    case truncated
    /// The file's checksum does not match its contents.
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// A node id is outside the graph.
    case nodeOutOfRange(NodeID)
    /// A weight array has the wrong length.
    case weightCountMismatch(expected: Int, actual: Int)
    /// Reading or writing the file failed.
    case io(String)
    /// A live-traffic speed factor is negative or not a number.
    case invalidSpeedFactor(Double)
    /// An edge id is outside the graph.
    case edgeOutOfRange(EdgeID)

    public var description: String {
        switch self {
        case let .invariantViolated(what): "road graph invariant violated: \(what)"
        case .notAGraphFile: "not a SafeCity road graph file (bad magic)"
        case let .unsupportedVersion(version): "unsupported road graph file version \(version)"
        case .truncated: "road graph file is truncated"
        case let .checksumMismatch(stored, computed):
            "road graph file is corrupt (checksum \(stored) stored, \(computed) computed)"
        case let .nodeOutOfRange(node): "node \(node) is not in the road graph"
        case let .weightCountMismatch(expected, actual): "expected \(expected) edge weights, got \(actual)"
        case let .io(reason): "road graph file I/O failed: \(reason)"
        case let .invalidSpeedFactor(factor): "speed factor \(factor) must be a finite number ≥ 0"
        case let .edgeOutOfRange(edge): "edge \(edge) is not in the road graph"
        }
    }
}

extension RoadGraph {
    /// `weights` when there is one per edge, else the mismatch.
    func checked(weights: [UInt32]) throws(RoadGraphError) -> [UInt32] {
        guard weights.count == edgeCount else { throw .weightCountMismatch(expected: edgeCount, actual: weights.count) }
        return weights
    }
}
