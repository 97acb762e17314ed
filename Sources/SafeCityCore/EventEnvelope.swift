import Geo

/// An event as a producer submits it, before the log gives it a place.
public struct NewEvent: Sendable, Hashable {
    /// Producer-chosen identity; a second event with the same id is refused.
    public var id: EventID
    public var type: EventType
    /// The device, feed or service the event came from, e.g. `sensor:aq-12`.
    public var source: String
    /// Who caused the write: a key id, a user, or `system:<service>`.
    public var actor: String
    public var occurredAt: Timestamp
    public var location: GeoPoint?
    public var schemaVersion: Int
    public var payload: EventPayload

    public init(
        id: EventID = EventID(), type: EventType, source: String, actor: String,
        occurredAt: Timestamp, location: GeoPoint? = nil, schemaVersion: Int = 1, payload: EventPayload
    ) {
        self.id = id
        self.type = type
        self.source = source
        self.actor = actor
        self.occurredAt = occurredAt
        self.location = location
        self.schemaVersion = schemaVersion
        self.payload = payload
    }
}

/// An event as the log stores it: the producer's event plus its sequence number,
/// the time it was recorded, and its link in the hash chain.
public struct EventRecord: Sendable, Hashable {
    /// Position in the log, starting at 1, gap-free and strictly increasing.
    public var sequence: Int64
    public var recordedAt: Timestamp
    public var event: NewEvent
    /// The previous record's ``hash`` (32 zero bytes for the first record).
    public var previousHash: [UInt8]
    /// SHA-256 over ``previousHash`` and this record's canonical bytes.
    public var hash: [UInt8]

    public init(sequence: Int64, recordedAt: Timestamp, event: NewEvent, previousHash: [UInt8], hash: [UInt8]) {
        self.sequence = sequence
        self.recordedAt = recordedAt
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Seals an event at a position: computes its hash from the previous one.
    public static func seal(_ event: NewEvent, sequence: Int64, recordedAt: Timestamp, previousHash: [UInt8]) -> EventRecord {
        let hash = HashChain.hash(previous: previousHash, sequence: sequence, recordedAt: recordedAt, event: event)
        return EventRecord(sequence: sequence, recordedAt: recordedAt, event: event, previousHash: previousHash, hash: hash)
    }
}
