import SafeCityCore

/// The durable queue of alert deliveries, with the position in the log up to which approvals were planned.
///
/// - Note: ``enqueue(_:plannedThrough:)`` is atomic: the items and the new position are stored together,
///   so a restart neither loses nor repeats the planning of an approval. Keys are unique; enqueueing a key
///   again changes nothing.
public protocol DeliveryOutbox: Sendable {
    /// The log sequence through which approvals have been turned into deliveries.
    func plannedThrough() async throws -> Int64
    /// Stores new deliveries and advances the planned position, all or nothing; returns the keys stored by this call
    /// (a key already there, e.g. planned by another node, is left as it is). With `claim`, the stored deliveries
    /// are claimed as by ``claim(at:limit:owner:until:)``, so the planning node can send them without reading them back.
    @discardableResult
    func enqueue(_ records: [OutboxRecord], plannedThrough sequence: Int64, claim: OutboxClaim?) async throws -> Set<String>
    /// Pending deliveries due at or before `now`, earliest first.
    func due(at now: Timestamp, limit: Int) async throws -> [OutboxRecord]
    /// Takes up to `limit` due deliveries for `owner` until `until`: no other claimant gets them before then
    /// unless their outcome is stored first, so that several nodes draining one outbox send each once; a node
    /// that dies mid-send leaves its claims to expire and be taken again (at-least-once, by idempotency key).
    func claim(at now: Timestamp, limit: Int, owner: String, until: Timestamp) async throws -> [OutboxRecord]
    /// The earliest next attempt among pending deliveries.
    func nextDue() async throws -> Timestamp?
    /// Stores attempts' outcomes (state, attempts, next attempt, last error) of the given keys, in one transaction.
    func update(_ records: [OutboxRecord]) async throws
    /// Deliveries of an alert (all states).
    func deliveries(ofAlert alertID: String) async throws -> [OutboxRecord]
    /// How many deliveries are in each state.
    func counts() async throws -> [OutboxRecord.State: Int]
    /// Deletes delivered and abandoned deliveries whose last attempt was before `time` (their bodies are the bulk of
    /// the store; abandonments stay in the log as events); returns how many went.
    @discardableResult
    func prune(finishedBefore time: Timestamp) async throws -> Int
}

/// Who holds freshly planned deliveries, and until when.
public struct OutboxClaim: Sendable, Equatable {
    public var owner: String
    public var until: Timestamp

    public init(owner: String, until: Timestamp) {
        self.owner = owner
        self.until = until
    }
}

extension DeliveryOutbox {
    /// Stores new deliveries unclaimed and advances the planned position, all or nothing.
    public func enqueue(_ records: [OutboxRecord], plannedThrough sequence: Int64) async throws {
        try await enqueue(records, plannedThrough: sequence, claim: nil)
    }

    /// A store that only one process drains needs no claims: the due deliveries are its own.
    public func claim(at now: Timestamp, limit: Int, owner: String, until: Timestamp) async throws -> [OutboxRecord] {
        try await due(at: now, limit: limit)
    }
}
