/// The durable, append-only, hash-chained record of everything that happens.
///
/// - Note: An append returns only after its records are committed; a crash after
///   the return loses none of them. Sequence numbers are gap-free and strictly increasing.
public protocol EventLog: Sendable {
    /// Appends a batch atomically (all or none) and returns the sealed records in order.
    func append(_ events: [NewEvent]) async throws -> [EventRecord]

    /// Appends a batch atomically only if no record of `types` was committed after `sequence`, else throws
    /// ``EventLogError/conflict(types:after:)`` and appends nothing: a writer that decided on the state as of
    /// `sequence` (e.g. a unit is available) cannot commit over a change another node made meanwhile.
    func append(_ events: [NewEvent], unlessAnyOf types: Set<EventType>, after sequence: Int64) async throws -> [EventRecord]

    /// Appends, atomically, those events whose ids are not in the log yet, and returns their records: writers
    /// on several nodes that derive an event's id from what it records (a detector's signal key) record it once.
    func appendNew(_ events: [NewEvent]) async throws -> [EventRecord]

    /// Up to `limit` records with a sequence number greater than `sequence`, in order.
    func read(after sequence: Int64, limit: Int) async throws -> [EventRecord]

    /// Up to `limit` records of the given types after `sequence`, in order, and how far the read looked,
    /// so that a reader interested in a few types skips the rest without decoding it.
    func read(after sequence: Int64, limit: Int, types: Set<EventType>) async throws -> EventPage

    /// One page for a reader following the head of the log: every record (`types` nil) or those of some
    /// types, with how far it looked. A log may answer from the records it committed lately rather than
    /// from storage; checks of what is stored (``ChainVerifier``) use the `read` methods.
    func page(after sequence: Int64, limit: Int, types: Set<EventType>?) async throws -> EventPage

    /// The last committed sequence number, 0 when the log is empty.
    func lastSequence() async throws -> Int64

    /// Wakes tail readers when new records are committed.
    var headSignal: HeadSignal { get }
}

/// Records of some types from a stretch of the log.
public struct EventPage: Sendable {
    public var records: [EventRecord]
    /// The last sequence number the read covered, matching or not: the next read starts after it.
    public var scannedThrough: Int64

    public init(records: [EventRecord], scannedThrough: Int64) {
        self.records = records
        self.scannedThrough = scannedThrough
    }
}

extension EventLog {
    /// One page of every record (`types` nil) or of some types from ``read(after:limit:types:)``.
    public func page(after sequence: Int64, limit: Int, types: Set<EventType>?) async throws -> EventPage {
        guard let types else {
            let records = try await read(after: sequence, limit: limit)
            return EventPage(records: records, scannedThrough: records.last?.sequence ?? sequence)
        }
        return try await read(after: sequence, limit: limit, types: types)
    }

    /// Hands every record of some types, up to the current head, to `body` in order, reading a page at a time
    /// (registries and replays at start-up).
    public func forEachRecord(ofTypes types: Set<EventType>, pageSize: Int = 1_000, isolation: isolated (any Actor)? = #isolation,
                              _ body: (EventRecord) throws -> Void) async throws {
        var cursor: Int64 = 0
        while true {
            let page = try await read(after: cursor, limit: pageSize, types: types)
            for record in page.records { try body(record) }
            if page.scannedThrough <= cursor { return }
            cursor = page.scannedThrough
        }
    }

    /// Filters one unfiltered page; logs that can filter where they store records do better.
    public func read(after sequence: Int64, limit: Int, types: Set<EventType>) async throws -> EventPage {
        let page = try await read(after: sequence, limit: limit)
        return EventPage(records: page.filter { types.contains($0.event.type) }, scannedThrough: page.last?.sequence ?? sequence)
    }
}

/// Errors the log reports to its callers.
public enum EventLogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An event with this id is already in the log.
    case duplicateEventID(EventID, existingSequence: Int64)
    /// The storage could not be read or written.
    case storage(String)
    /// A conditional append found records of the watched types after the writer's position.
    case conflict(after: Int64)

    public var description: String {
        switch self {
        case let .duplicateEventID(id, sequence): "event \(id) is already recorded at sequence \(sequence)"
        case let .storage(message): "storage error: \(message)"
        case let .conflict(sequence): "the log changed after sequence \(sequence)"
        }
    }
}
