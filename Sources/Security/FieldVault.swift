import Crypto
import Foundation
import SafeCityCore
import Storage
import Synchronization

/// Envelope encryption of personal fields: each field is sealed (AES-256-GCM) with a data key for its
/// kind and month; data keys are stored wrapped by the field key (the key-encryption key).
///
/// Sealed text names its data key, `k1:<key id>:<base64 nonce‖ciphertext‖tag>`, so rotating the field key
/// only re-wraps the data keys, and deleting a data key (crypto-shredding) makes every field it sealed
/// unreadable without touching the append-only log. Text in the old format (base64 under the field key
/// itself) still opens, with the legacy data key kept for it.
///
/// - Note: Thread-safe. Unwrapped data keys are cached in memory; another node's shredding reaches this
///   cache at the next ``refresh()``.
public final class FieldVault: Sendable {
    /// What readers show instead of a field whose data key was shredded.
    public static let shreddedText = "[shredded]"
    /// What readers show instead of a field that cannot be opened for another reason (altered, wrong key).
    public static let unreadableText = "[unreadable]"
    /// The prefix of text sealed with a data key.
    public static let prefix = "k1:"

    /// Why a sealed field could not be opened.
    public enum OpenError: Error, Equatable, CustomStringConvertible, Sendable {
        /// Its data key was deleted on retention expiry.
        case shredded(keyID: String)
        /// The text is malformed, altered or sealed under a key this vault does not know.
        case unreadable(String)

        public var description: String {
            switch self {
            case let .shredded(keyID): "the data key \(keyID) was shredded"
            case let .unreadable(reason): "the sealed field cannot be opened: \(reason)"
            }
        }
    }

    private struct DataKey: Sendable {
        var record: FieldKeyRecord
        var key: SymmetricKey
    }

    private struct State: Sendable {
        var kek: FieldCipher
        /// The new key-encryption key while a rotation runs: new data keys are wrapped with it.
        var nextKEK: FieldCipher?
        var keys: [String: DataKey] = [:]
        var byKindPeriod: [String: String] = [:]
        var loaded = false
    }

    private let store: any FieldKeyStore
    private let state: Mutex<State>

    /// A vault over a key store; `nextKEK` is the new field key of an unfinished rotation.
    public init(kek: FieldCipher, nextKEK: FieldCipher? = nil, store: any FieldKeyStore) {
        self.store = store
        state = Mutex(State(kek: kek, nextKEK: nextKEK))
    }

    /// A vault with a random field key and keys in memory (tests, benchmarks, throwaway demos).
    public static func ephemeral() -> FieldVault {
        FieldVault(kek: .random(), store: InMemoryFieldKeyStore())
    }

    /// The current key-encryption key (also the root of derived secrets such as the audit signing key).
    public var kek: FieldCipher { state.withLock { $0.kek } }

    /// The new key-encryption key while a rotation is under way.
    public var nextKEK: FieldCipher? { state.withLock { $0.nextKEK } }

    /// A secret derived from the field key for another purpose (see ``FieldCipher/derivedSecret(label:byteCount:)``).
    public func derivedSecret(label: String, byteCount: Int = 32) -> [UInt8] { kek.derivedSecret(label: label, byteCount: byteCount) }

    /// Reads every data key and, on first use (no key stored yet), keeps the current field key as the legacy data key, so that fields
    /// sealed before envelope encryption still open after the field key is rotated. Call once at start.
    public func load(now: Timestamp) async throws {
        try await refresh()
        let (hasLegacy, kek, wrapping) = state.withLock { state in
            (state.byKindPeriod.keys.contains { $0.hasPrefix(PersonalDataKind.legacy.rawValue + "/") }, state.kek, state.nextKEK ?? state.kek)
        }
        if !hasLegacy && state.withLock({ $0.keys.isEmpty }) {
            _ = try await store(key: SymmetricKey(data: kek.keyBytes), kind: .legacy, period: Self.period(of: now, kind: .monthOnly), wrapping: wrapping, now: now)
        }
    }

    /// Re-reads the data keys from the store: keys shredded elsewhere leave the cache, new ones join it.
    public func refresh() async throws {
        let records = try await store.all()
        let (kek, next) = state.withLock { ($0.kek, $0.nextKEK) }
        var keys: [String: DataKey] = [:]
        for record in records {
            keys[record.id] = DataKey(record: record, key: try Self.unwrap(record, kek: kek, next: next))
        }
        state.withLock { state in
            state.keys = keys
            state.byKindPeriod = Dictionary(keys.values.map { ("\($0.record.kind)/\($0.record.period)", $0.record.id) }, uniquingKeysWith: { a, _ in a })
            state.loaded = true
        }
    }

    /// Seals `plaintext` as personal data of `kind` recorded at `time` (its month picks the data key).
    public func seal(_ plaintext: String, kind: PersonalDataKind, at time: Timestamp) async throws -> String {
        let period = Self.period(of: time, kind: kind.isLive ? .live : .monthOnly)
        let cached = state.withLock { state in state.byKindPeriod["\(kind.rawValue)/\(period)"].flatMap { state.keys[$0] } }
        let dataKey: DataKey
        if let cached {
            dataKey = cached
        } else {
            let wrapping = state.withLock { $0.nextKEK ?? $0.kek }
            dataKey = try await store(key: SymmetricKey(size: .bits256), kind: kind, period: period, wrapping: wrapping, now: time)
        }
        let id = dataKey.record.id
        guard let combined = try AES.GCM.seal(Array(plaintext.utf8), using: dataKey.key, authenticating: Array((Self.prefix + id).utf8)).combined else {
            throw FieldCipher.Failure(description: "AES-GCM produced no combined box")
        }
        return Self.prefix + id + ":" + combined.base64EncodedString()
    }

    /// Opens a sealed field, looking in the store once when its data key is not cached (another node made it).
    public func open(_ sealed: String) async throws(OpenError) -> String {
        do {
            return try openCached(sealed)
        } catch .shredded {
            do { try await refresh() } catch { throw .unreadable("the key store cannot be read: \(error)") }
            return try openCached(sealed)
        }
    }

    /// Opens a sealed field with the cached data keys only (synchronous readers such as projections).
    public func openCached(_ sealed: String) throws(OpenError) -> String {
        guard sealed.hasPrefix(Self.prefix) else { return try openLegacy(sealed) }
        let rest = sealed.dropFirst(Self.prefix.count)
        guard let colon = rest.firstIndex(of: ":") else { throw .unreadable("no key id") }
        let id = String(rest[..<colon])
        guard let key = state.withLock({ $0.keys[id]?.key }) else { throw .shredded(keyID: id) }
        guard let data = Data(base64Encoded: String(rest[rest.index(after: colon)...])) else { throw .unreadable("not base64") }
        do {
            let plain = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key, authenticating: Array((Self.prefix + id).utf8))
            return String(decoding: plain, as: UTF8.self)
        } catch { throw .unreadable("altered or sealed under another key") }
    }

    /// The field's text, or ``shreddedText`` / ``unreadableText``: for readers that must never fail on it.
    public func readable(_ sealed: String) async -> String {
        do { return try await open(sealed) } catch .shredded { return Self.shreddedText } catch { return Self.unreadableText }
    }

    /// The data key id a sealed field names, nil for the old format.
    public static func keyID(of sealed: String) -> String? {
        guard sealed.hasPrefix(prefix) else { return nil }
        return sealed.dropFirst(prefix.count).split(separator: ":", maxSplits: 1).first.map(String.init)
    }

    /// Whether a field is in the old format (sealed under the field key itself), to be re-sealed with a data key.
    public static func isLegacyFormat(_ sealed: String) -> Bool { !sealed.hasPrefix(prefix) }

    // MARK: Rotation and shredding

    /// The stored data keys, as records (wrapped; for rotation and retention).
    public func records() -> [FieldKeyRecord] {
        state.withLock { $0.keys.values.map(\.record).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }

    /// Starts wrapping new data keys with `next` while existing ones are re-wrapped; both keys open them meanwhile.
    public func beginRotation(to next: FieldCipher) {
        state.withLock { $0.nextKEK = next }
    }

    /// Re-wraps one data key with the new field key; false when it was shredded meanwhile or already done.
    public func rewrap(keyID id: String) async throws -> Bool {
        guard let (dataKey, next) = state.withLock({ state in state.keys[id].flatMap { key in state.nextKEK.map { (key, $0) } } }),
              dataKey.record.kekID != next.keyID else { return false }
        let wrapped = try next.seal(bytes: dataKey.key.withUnsafeBytes { Array($0) }, context: Self.wrapContext(dataKey.record))
        guard try await store.rewrap(id: id, wrappedKey: wrapped, kekID: next.keyID) else { return false }
        state.withLock { state in
            state.keys[id]?.record.wrappedKey = wrapped
            state.keys[id]?.record.kekID = next.keyID
        }
        return true
    }

    /// Makes the new field key the only one, once no data key is wrapped by the old one.
    public func finishRotation() throws {
        try state.withLock { state in
            guard let next = state.nextKEK else { return }
            if let left = state.keys.values.first(where: { $0.record.kekID != next.keyID }) {
                throw FieldCipher.Failure(description: "data key \(left.record.id) is still wrapped by the old field key")
            }
            state.kek = next
            state.nextKEK = nil
        }
    }

    /// Deletes data keys (crypto-shredding): every field they sealed becomes unreadable. Returns how many went.
    public func shred(keyIDs: [String]) async throws -> Int {
        let deleted = try await store.delete(ids: keyIDs)
        state.withLock { state in
            for id in keyIDs {
                if let record = state.keys.removeValue(forKey: id)?.record { state.byKindPeriod["\(record.kind)/\(record.period)"] = nil }
            }
        }
        return deleted
    }

    // MARK: Internals

    private enum PeriodStyle { case monthOnly, live }

    /// `YYYY-MM` (UTC) of an instant, or `live`.
    private static func period(of time: Timestamp, kind style: PeriodStyle) -> String {
        guard style == .monthOnly else { return "live" }
        let days = Int((time.millisecondsSince1970 - (time.millisecondsSince1970 % 86_400_000 + 86_400_000) % 86_400_000) / 86_400_000)
        let date = CivilDate(daysSinceEpoch: days)
        return String(format: "%04d-%02d", date.year, date.month)
    }

    private func store(key: SymmetricKey, kind: PersonalDataKind, period: String, wrapping: FieldCipher, now: Timestamp) async throws -> DataKey {
        let id = (0..<6).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        var record = FieldKeyRecord(id: id, kind: kind.rawValue, period: period, wrappedKey: [], kekID: wrapping.keyID, createdAt: now)
        record.wrappedKey = try wrapping.seal(bytes: key.withUnsafeBytes { Array($0) }, context: Self.wrapContext(record))
        let stored = try await store.insert(record)
        let (kek, next) = state.withLock { ($0.kek, $0.nextKEK) }
        let dataKey = DataKey(record: stored, key: stored.id == id ? key : try Self.unwrap(stored, kek: kek, next: next))
        state.withLock { state in
            state.keys[stored.id] = dataKey
            state.byKindPeriod["\(stored.kind)/\(stored.period)"] = stored.id
        }
        return dataKey
    }

    /// What a wrapped data key is bound to, so that a wrapped key cannot be moved to another id, kind or period.
    private static func wrapContext(_ record: FieldKeyRecord) -> String { "safecity-dek|\(record.id)|\(record.kind)|\(record.period)" }

    private static func unwrap(_ record: FieldKeyRecord, kek: FieldCipher, next: FieldCipher?) throws -> SymmetricKey {
        let wrapper: FieldCipher
        if record.kekID == kek.keyID {
            wrapper = kek
        } else if let next, record.kekID == next.keyID {
            wrapper = next
        } else {
            throw FieldCipher.Failure(description: "data key \(record.id) is wrapped by field key \(record.kekID), which is not loaded (current \(kek.keyID))")
        }
        return SymmetricKey(data: try wrapper.open(bytes: record.wrappedKey, context: wrapContext(record)))
    }

    private func openLegacy(_ sealed: String) throws(OpenError) -> String {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data) else { throw .unreadable("not a sealed field") }
        let (legacy, kek, loaded) = state.withLock { state in
            (state.byKindPeriod.first { $0.key.hasPrefix(PersonalDataKind.legacy.rawValue + "/") }.flatMap { state.keys[$0.value] }, state.kek, state.loaded)
        }
        // A loaded vault without the legacy key has shredded it; an unloaded one (throwaway) opens with the field key.
        if loaded && legacy == nil { throw .shredded(keyID: PersonalDataKind.legacy.rawValue) }
        guard let plain = try? AES.GCM.open(box, using: legacy?.key ?? SymmetricKey(data: kek.keyBytes)) else {
            throw .unreadable("altered or sealed under another key")
        }
        return String(decoding: plain, as: UTF8.self)
    }
}
