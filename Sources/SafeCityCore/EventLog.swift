/// The durable, append-only, hash-chained record of everything that happens.
///
/// - Note: An append returns only after its records are committed; a crash after
///   the return loses none of them. Sequence numbers are gap-free and strictly increasing.
public protocol EventLog: Sendable {
    /// Appends a batch atomically (all or none) and returns the sealed records in order.
    func append(_ events: [NewEvent]) async throws -> [EventRecord]

    /// Up to `limit` records with a sequence number greater than `sequence`, in order.
    func read(after sequence: Int64, limit: Int) async throws -> [EventRecord]

    /// The last committed sequence number, 0 when the log is empty.
    func lastSequence() async throws -> Int64

    /// Wakes tail readers when new records are committed.
    var headSignal: HeadSignal { get }
}

/// Errors the log reports to its callers.
public enum EventLogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An event with this id is already in the log.
    case duplicateEventID(EventID, existingSequence: Int64)
    /// The storage could not be read or written.
    case storage(String)

    public var description: String {
        switch self {
        case let .duplicateEventID(id, sequence): "event \(id) is already recorded at sequence \(sequence)"
        case let .storage(message): "storage error: \(message)"
        }
    }
}
