import SafeCityCore

/// A data key for personal fields, stored wrapped (AES-GCM) by the key-encryption key, never in the clear.
public struct FieldKeyRecord: Sendable, Equatable {
    /// The key's id, named in every field it sealed (`k1:<id>:…`).
    public var id: String
    /// The kind of personal data it seals (e.g. `caller`, `contact`).
    public var kind: String
    /// The period its fields belong to: a calendar month `YYYY-MM`, or `live` for data kept while in use.
    public var period: String
    /// The key sealed by the key-encryption key (nonce, ciphertext, tag).
    public var wrappedKey: [UInt8]
    /// Which key-encryption key wrapped it (a fingerprint, never the key).
    public var kekID: String
    public var createdAt: Timestamp

    public init(id: String, kind: String, period: String, wrappedKey: [UInt8], kekID: String, createdAt: Timestamp) {
        (self.id, self.kind, self.period, self.wrappedKey, self.kekID, self.createdAt) = (id, kind, period, wrappedKey, kekID, createdAt)
    }
}

/// Where wrapped data keys are kept (SQLite now; PostgreSQL can implement the same protocol).
///
/// - Note: (kind, period) is unique: two nodes creating the key of one month at once end up with one.
public protocol FieldKeyStore: Sendable {
    /// Every stored key.
    func all() async throws -> [FieldKeyRecord]
    /// Stores a new key unless one exists for its (kind, period); returns the key that stands.
    func insert(_ record: FieldKeyRecord) async throws -> FieldKeyRecord
    /// Replaces a key's wrapping (key rotation); false when the key is gone.
    func rewrap(id: String, wrappedKey: [UInt8], kekID: String) async throws -> Bool
    /// Deletes keys (crypto-shredding); returns how many were deleted.
    func delete(ids: [String]) async throws -> Int
}

/// Wrapped data keys in memory: throwaway platforms, tests and benchmarks.
public actor InMemoryFieldKeyStore: FieldKeyStore {
    private var records: [FieldKeyRecord] = []

    public init() {}

    public func all() -> [FieldKeyRecord] { records }

    public func insert(_ record: FieldKeyRecord) -> FieldKeyRecord {
        if let existing = records.first(where: { $0.kind == record.kind && $0.period == record.period }) { return existing }
        records.append(record)
        return record
    }

    public func rewrap(id: String, wrappedKey: [UInt8], kekID: String) -> Bool {
        guard let index = records.firstIndex(where: { $0.id == id }) else { return false }
        records[index].wrappedKey = wrappedKey
        records[index].kekID = kekID
        return true
    }

    public func delete(ids: [String]) -> Int {
        let before = records.count
        records.removeAll { ids.contains($0.id) }
        return before - records.count
    }
}
