import Alerting
import Community
import Foundation
import SafeCityCore
import SafeCityDispatch
import Security
import Storage

/// The privacy desk: field-key rotation, retention purges (crypto-shredding) and residents' exports of
/// their own reports. Every rotation step, purge and export is an event in the log.
public actor PrivacyService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    /// A purge retention would make (or made).
    public struct Purge: Sendable, Equatable, Codable {
        public var kind: String
        public var period: String
        public var dataKeys: Int
        public var count: Int
        public var retentionDays: Int
    }

    /// Where a rotation stands.
    public struct RotationStatus: Sendable, Equatable, Codable {
        public var running: Bool
        public var fromKey: String
        public var toKey: String?
        public var rewrapped: Int
        public var remaining: Int
        public var resealed: Int
        public var error: String?
    }

    /// Why a privacy command was refused.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let vault: FieldVault
    public let retention: RetentionSettings
    private let log: any EventLog
    private let accounts: AccountService
    private let subscriptions: SubscriptionService
    private let reports: ReportService
    private let clock: any WallClock
    private let append: Append
    /// Where the new field key waits during a rotation, and the current key file (nil when keys come from the environment).
    private let keyFiles: (current: String, next: String)?
    private var rotation: RotationStatus?
    /// Whether the field key lives in files (a rotation can then put the new key in place itself).
    public nonisolated var usesKeyFiles: Bool { keyFiles != nil }

    public init(vault: FieldVault, retention: RetentionSettings, log: any EventLog, accounts: AccountService, subscriptions: SubscriptionService,
                reports: ReportService, clock: any WallClock, keyFiles: (current: String, next: String)?, append: @escaping Append) {
        self.vault = vault
        self.retention = retention
        self.log = log
        self.accounts = accounts
        self.subscriptions = subscriptions
        self.reports = reports
        self.clock = clock
        self.keyFiles = keyFiles
        self.append = append
    }

    // MARK: Retention

    /// The purges due now, without making them.
    public func duePurges() async throws -> [Purge] {
        let now = clock.now()
        let due = vault.records().filter { record in
            PersonalDataKind(rawValue: record.kind).map { retention.isExpired(kind: $0, period: record.period, now: now) } ?? false
        }
        // Counting sealed fields reads the whole log: only when some key is due (the hourly check mostly finds none).
        guard !due.isEmpty else { return [] }
        let counts = try await sealedFieldCounts()
        return due.map { record in
            Purge(kind: record.kind, period: record.period, dataKeys: 1, count: counts[record.id, default: 0],
                  retentionDays: PersonalDataKind(rawValue: record.kind).flatMap(retention.days(for:)) ?? 0)
        }
    }

    /// Shreds every data key past its retention and deletes ended sessions past theirs; each purge is logged.
    public func applyRetention() async throws -> [Purge] {
        var purges = try await duePurges()
        let now = clock.now()
        if !purges.isEmpty {
            // Stored fields still in the old format go under a data key first, so shredding the legacy key spares them.
            if purges.contains(where: { $0.kind == PersonalDataKind.legacy.rawValue }) { _ = try await resealStoredFields(batchSize: .max) }
            let due = vault.records().filter { record in purges.contains { $0.kind == record.kind && $0.period == record.period } }
            _ = try await vault.shred(keyIDs: due.map(\.id))
        }
        let cutoff = now.adding(milliseconds: -Int64(retention.sessionDays) * 86_400_000)
        let sessions = try await accounts.store.deleteSessions(endedBefore: cutoff)
        if sessions > 0 {
            let date = CivilDate(daysSinceEpoch: Int(cutoff.millisecondsSince1970 / 86_400_000))
            purges.append(Purge(kind: "sessions", period: "before \(date)", dataKeys: 0, count: sessions, retentionDays: retention.sessionDays))
        }
        guard !purges.isEmpty else { return [] }
        _ = try await append(try purges.map { purge in
            NewEvent(type: PrivacyEvents.purged, source: "privacy", actor: "system:retention", occurredAt: now, payload: try EventPayload(encoding: PrivacyEvents.Purged(
                kind: purge.kind, period: purge.period, dataKeys: purge.dataKeys, count: purge.count, retentionDays: purge.retentionDays)))
        })
        if purges.contains(where: { $0.dataKeys > 0 }) { try await reports.rebuild() }
        return purges
    }

    /// How many sealed fields in the log each data key holds (the legacy key counts the old-format ones).
    private func sealedFieldCounts() async throws -> [String: Int] {
        let legacyID = vault.records().first { $0.kind == PersonalDataKind.legacy.rawValue }?.id
        var counts: [String: Int] = [:]
        try await log.forEachRecord(ofTypes: [DispatchEvents.incidentOpened, ReportEvents.submitted]) { record in
            let sealed: String? = record.event.type == ReportEvents.submitted
                ? (try? record.event.payload.decode(ReportEvents.Submitted.self))?.sealedContact
                : (try? record.event.payload.decode(DispatchEvents.IncidentOpened.self))?.callerSealed
            guard let sealed, let id = FieldVault.keyID(of: sealed) ?? legacyID else { return }
            counts[id, default: 0] += 1
        }
        return counts
    }

    // MARK: Rotation

    /// Rotates the field key: every data key is re-wrapped with `next` and stored fields still in the old
    /// format are re-sealed, in batches, each batch logged; then `next` becomes the field key (its file
    /// replaces the old one). Safe to run again after a crash: it carries on where it stopped.
    /// `stopAfterBatches` ends the run early, as a crash would (tests).
    @discardableResult
    public func rotateFieldKey(to next: FieldCipher, batchSize: Int = 100, stopAfterBatches: Int? = nil) async throws -> RotationStatus {
        guard batchSize > 0 else { throw Refusal(description: "batch size must be positive") }
        if rotation?.running == true { throw Refusal(description: "a field-key rotation is already running") }
        let from = vault.kek
        if let pending = vault.nextKEK, pending.keyID != next.keyID {
            throw Refusal(description: "a rotation to key \(pending.keyID) is unfinished; finish it before rotating to \(next.keyID)")
        }
        guard from.keyID != next.keyID else { throw Refusal(description: "the new field key is the current one") }
        if let keyFiles, !FileManager.default.fileExists(atPath: keyFiles.next) { try Self.write(next, to: keyFiles.next) }
        vault.beginRotation(to: next)
        let all = vault.records()
        var todo = all.filter { $0.kekID != next.keyID }.map(\.id)
        var status = RotationStatus(running: true, fromKey: from.keyID, toKey: next.keyID, rewrapped: 0, remaining: todo.count, resealed: 0)
        rotation = status
        do {
            try await record(PrivacyEvents.rotationStarted, status, resumed: todo.count < all.count)
            var batches = 0
            // A stop after n batches stands for a crash there: nothing after it is written.
            func stopped() -> Bool { stopAfterBatches.map { batches >= $0 } ?? false }
            while !todo.isEmpty {
                if stopped() { return stop(status) }
                let batch = todo.prefix(batchSize)
                todo.removeFirst(batch.count)
                for id in batch where try await vault.rewrap(keyID: id) { status.rewrapped += 1 }
                status.remaining = todo.count
                batches += 1
                rotation = status
                try await record(PrivacyEvents.rotationProgress, status, resumed: false)
            }
            while true {
                if stopped() { return stop(status) }
                let resealed = try await resealStoredFields(batchSize: batchSize)
                if resealed == 0 { break }
                batches += 1
                status.resealed += resealed
                rotation = status
                try await record(PrivacyEvents.rotationProgress, status, resumed: false)
            }
            try vault.finishRotation()
            if let keyFiles { try Self.install(next: keyFiles.next, over: keyFiles.current) }
            status.running = false
            rotation = status
            try await record(PrivacyEvents.rotationCompleted, status, resumed: false)
            return status
        } catch {
            status.running = false
            status.error = "\(error)"
            rotation = status
            throw error
        }
    }

    private func stop(_ status: RotationStatus) -> RotationStatus {
        var status = status
        status.running = false
        rotation = status
        return status
    }

    /// The current or last rotation of this process, nil when none ran.
    public func rotationStatus() -> RotationStatus? { rotation }

    /// Re-seals up to `batchSize` stored fields of each store still in the old format; returns how many.
    private func resealStoredFields(batchSize: Int) async throws -> Int {
        try await subscriptions.resealLegacy(limit: batchSize) + accounts.resealLegacy(limit: batchSize)
    }

    private func record(_ type: EventType, _ status: RotationStatus, resumed: Bool) async throws {
        let payload = PrivacyEvents.Rotation(fromKey: status.fromKey, toKey: status.toKey ?? "", rewrapped: status.rewrapped, remaining: status.remaining,
                                             resealed: status.resealed, resumed: resumed)
        _ = try await append([NewEvent(type: type, source: "privacy", actor: "system:key-rotation", occurredAt: clock.now(), payload: try EventPayload(encoding: payload))])
    }

    /// Writes a key file readable by its owner only.
    static func write(_ cipher: FieldCipher, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data((cipher.exportedKeyBase64 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Refusal(description: "cannot write the new field key file \(path)")
        }
    }

    /// Puts the new key file in place of the old one in one rename (atomic on POSIX), so no crash leaves neither.
    static func install(next: String, over current: String) throws {
        guard rename(next, current) == 0 else { throw Refusal(description: "cannot move \(next) over \(current): errno \(errno)") }
    }

    // MARK: Export

    /// A person's own reports: those whose reporter gave `contact`; with `filedBy`, only those that actor filed.
    /// Logged as ``PrivacyEvents/exported`` (the request ids, never the contact).
    public func export(contact: ContactQuery, filedBy: String?, actor: String, reason: String?) async throws -> [ServiceRequest] {
        let found = await reports.requests(matching: contact, filedBy: filedBy)
        let payload = PrivacyEvents.Exported(requestedBy: filedBy == nil ? "officer" : "self", requestIDs: found.map(\.id), reason: reason)
        _ = try await append([NewEvent(type: PrivacyEvents.exported, source: "privacy", actor: actor, occurredAt: clock.now(), payload: try EventPayload(encoding: payload))])
        return found
    }
}

extension PrivacyService {
    /// An officer's export as JSON text (`{"requests": […]}`), logged like ``export(contact:filedBy:actor:reason:)``.
    public func exportJSON(contact: ContactQuery, actor: String, reason: String) async throws -> String {
        let found = try await export(contact: contact, filedBy: nil, actor: actor, reason: reason)
        return String(decoding: JSONValue.object(["requests": PrivacyExport.json(found)]).canonicalBytes, as: UTF8.self)
    }
}
