/// A read model folded from the log: a pure function from records to state.
///
/// - Note: `apply` must be deterministic and must not do I/O, so that rebuilding from
///   the log always gives the same state. Bump ``version`` when `apply` changes meaning;
///   a stored checkpoint with another version is discarded and the state rebuilt.
public protocol Projection: Sendable {
    associatedtype State: Codable & Sendable
    /// A stable name, the key of the projection's checkpoint.
    static var name: String { get }
    /// The meaning of `apply`; a checkpoint from another version is not reused.
    static var version: Int { get }
    /// The state before any record.
    static func initialState() -> State
    /// Folds one record into the state.
    static func apply(_ record: EventRecord, to state: inout State)
    /// The event types `apply` looks at, so that the others are skipped unread; nil for every type.
    static var eventTypes: Set<EventType>? { get }
}

extension Projection {
    public static var eventTypes: Set<EventType>? { nil }
}

/// A projection's saved state and the last sequence number folded into it.
public struct ProjectionCheckpoint: Sendable, Equatable {
    public var name: String
    public var version: Int
    public var sequence: Int64
    public var state: [UInt8]

    public init(name: String, version: Int, sequence: Int64, state: [UInt8]) {
        self.name = name
        self.version = version
        self.sequence = sequence
        self.state = state
    }
}

/// Where projection checkpoints are kept.
public protocol CheckpointStore: Sendable {
    func loadCheckpoint(name: String) async throws -> ProjectionCheckpoint?
    func saveCheckpoint(_ checkpoint: ProjectionCheckpoint) async throws
}
