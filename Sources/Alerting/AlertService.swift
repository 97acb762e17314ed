import Foundation
import SafeCityCore

/// Drafts, approves, updates and cancels public alerts under the two-person rule,
/// checking each command against the ``AlertBook`` projection and appending `alert.*` events.
///
/// - Note: The identity that drafted an alert can never approve it. Commands on the same
///   alert are serialized: a second approval while one is being written is refused.
public actor AlertService {
    private let log: any EventLog
    private let book: ProjectionHost<AlertBook>
    private let clock: any WallClock
    /// The CAP `sender` of every alert issued.
    public let sender: String
    private var inFlight: Set<String> = []

    public init(log: any EventLog, book: ProjectionHost<AlertBook>, clock: any WallClock, sender: String = "alerts@safecity.example") {
        self.log = log
        self.book = book
        self.clock = clock
        self.sender = sender
    }

    /// Records a new draft (msgType Alert) by `actor`.
    public func draft(_ draft: AlertDraft, by actor: String) async throws(AlertError) -> AlertEntry {
        try await record(draft, msgType: .alert, references: nil, by: actor)
    }

    /// Drafts an update of an issued alert; with no draft given, a cancel reuses the original's wording.
    public func followUp(_ msgType: CAPAlert.MessageType, of originalID: String, draft: AlertDraft?, by actor: String) async throws(AlertError) -> AlertEntry {
        guard msgType == .update || msgType == .cancel else { throw .invalid(ValidationError(field: "msgType", reason: "must be Update or Cancel")) }
        let state = await book.snapshot().state
        guard let original = state.entries[originalID] else { throw .notFound(originalID) }
        guard original.status == .approved else { throw .conflict("alert \(originalID) has not been issued; edit the draft instead") }
        if state.chain(of: originalID).contains(where: { $0.msgType == .cancel && $0.status == .approved }) {
            throw .conflict("alert \(originalID) has already been cancelled")
        }
        return try await record(draft ?? original.draft, msgType: msgType, references: originalID, by: actor)
    }

    /// Approves a draft: a different identity than the drafter issues it as CAP.
    public func approve(_ id: String, by actor: String) async throws(AlertError) -> AlertEntry {
        let state = await book.snapshot().state
        guard let entry = state.entries[id] else { throw .notFound(id) }
        guard entry.status != .rejected else { throw .conflict("alert \(id) was rejected by \(entry.rejectedBy ?? "a supervisor") and can no longer be issued") }
        guard entry.status == .drafted, !inFlight.contains(id) else { throw .conflict("alert \(id) is already approved") }
        guard entry.draftedBy != actor else { throw .conflict("two-person rule: \(actor) drafted alert \(id) and cannot approve it") }
        let now = clock.now()
        guard entry.draft.expires > now else { throw .conflict("alert \(id) expired at \(entry.draft.expires) and can no longer be issued") }
        let references = entry.references.map { original in
            state.chain(of: original).filter { $0.status == .approved && $0.draftedAt <= entry.draftedAt }.compactMap { $0.cap?.referenceTriple }
                .joined(separator: " ")
        }
        let cap = entry.draft.compose(identifier: id, sender: sender, sent: now, msgType: entry.msgType, references: references)
        do {
            try CAPContentRules.check(cap)
            try IPAWSProfile.check(cap)
        } catch {
            throw .invalid(ValidationError(field: error.field, reason: error.reason))
        }
        return try await append(AlertEvents.approved, AlertEvents.Approved(alertID: id, cap: cap), id: id, by: actor, at: now)
    }

    /// Turns a draft down with a reason: it stays in the book, marked rejected, and can no longer be issued.
    public func reject(_ id: String, reason: String, by actor: String) async throws(AlertError) -> AlertEntry {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .invalid(ValidationError(field: "reason", reason: "is required: say why the draft is turned down")) }
        guard reason.count <= 1_000 else { throw .invalid(ValidationError(field: "reason", reason: "is longer than 1000 characters")) }
        let state = await book.snapshot().state
        guard let entry = state.entries[id] else { throw .notFound(id) }
        guard entry.status == .drafted, !inFlight.contains(id) else { throw .conflict("alert \(id) is already \(entry.status.rawValue)") }
        return try await append(AlertEvents.rejected, AlertEvents.Rejected(alertID: id, reason: reason), id: id, by: actor, at: clock.now())
    }

    /// The alert and the chain of messages it belongs to.
    public func chain(of id: String) async throws(AlertError) -> [AlertEntry] {
        let state = await book.snapshot().state
        guard state.entries[id] != nil else { throw .notFound(id) }
        return state.chain(of: id)
    }

    /// Every alert, newest draft first.
    public func all() async -> [AlertEntry] {
        let state = await book.snapshot().state
        return state.order.reversed().compactMap { state.entries[$0] }
    }

    /// The issued CAP messages, newest first.
    public func published() async -> [CAPAlert] {
        await book.snapshot().state.published
    }

    private func record(_ draft: AlertDraft, msgType: CAPAlert.MessageType, references: String?, by actor: String) async throws(AlertError) -> AlertEntry {
        let now = clock.now()
        do { try draft.validate(now: now) } catch { throw .invalid(error) }
        let id = "safecity-" + EventID().description
        let payload = AlertEvents.Drafted(alertID: id, msgType: msgType, references: references, draft: draft)
        return try await append(AlertEvents.drafted, payload, id: id, by: actor, at: now)
    }

    private func append(_ type: EventType, _ payload: some Encodable, id: String, by actor: String, at now: Timestamp) async throws(AlertError) -> AlertEntry {
        inFlight.insert(id)
        defer { inFlight.remove(id) }
        do {
            let event = NewEvent(type: type, source: "service:alerting", actor: actor, occurredAt: now, payload: try EventPayload(encoding: payload))
            let records = try await log.append([event])
            let written = records.last?.sequence ?? 0
            let (state, folded) = await book.snapshot(atLeast: written)
            guard folded >= written else { throw AlertError.unavailable("recorded as #\(written), but the alert book has not caught up yet") }
            guard let entry = state.entries[id] else { throw AlertError.notFound(id) }
            return entry
        } catch let error as AlertError {
            throw error
        } catch {
            throw .unavailable("\(error)")
        }
    }
}
