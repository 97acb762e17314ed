import Alerting
import Community
import Foundation
import Logging
import Mail
import SafeCityCore
import Storage

/// Tells reporters of their requests' steps: plans `report.notification` events into the notice outbox, then sends
/// each notice by email (SMTP or a pickup directory) or SMS (an HTTP gateway), retrying failures with backoff.
///
/// - Note: The outbox holds no addresses. The address is the reporter's contact as the report desk holds it in memory
///   (opened from the sealed submission) at the moment of sending; a contact erased meanwhile gives up the notice with
///   "contact erased". Without a sender for a channel its notices wait in the outbox, and go out once one is configured.
///   A restart resumes from the outbox; a notice may then be sent twice, with the same Message-ID (at-least-once).
public actor ReporterNoticeWorker {
    /// Senders and pacing.
    public struct Settings: Sendable {
        /// Where email goes; nil leaves email notices pending.
        public var mail: MailRelay?
        /// Where SMS goes; nil leaves SMS notices pending.
        public var sms: SMSGateway?
        public var backoff: DeliveryBackoff
        /// Prefix of the links in notices, e.g. `https://city.example`.
        public var publicBaseURL: String
        public var language: ReportNoticeText.Language
        /// Country code for phone numbers given without one (digits, e.g. `377`); nil refuses them.
        public var defaultCountryCode: String?
        /// Notices taken per pass.
        public var batchSize: Int
        public var idleMilliseconds: Int64
        public var smsTimeoutSeconds: Int64
        public var seed: UInt64
        /// This node's name in outbox claims.
        public var node: String
        /// How long a claim keeps other nodes off a notice: longer than one pass of sends.
        public var claimMilliseconds: Int64

        public init(mail: MailRelay? = nil, sms: SMSGateway? = nil, backoff: DeliveryBackoff = DeliveryBackoff(), publicBaseURL: String = "http://127.0.0.1:8080",
                    language: ReportNoticeText.Language = .english, defaultCountryCode: String? = nil, batchSize: Int = 64, idleMilliseconds: Int64 = 1_000,
                    smsTimeoutSeconds: Int64 = 10, seed: UInt64 = 0x5AFE_0311,
                    node: String = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))", claimMilliseconds: Int64 = 300_000) {
            self.mail = mail
            self.sms = sms
            self.backoff = backoff
            self.publicBaseURL = publicBaseURL
            self.language = language
            self.defaultCountryCode = defaultCountryCode
            self.batchSize = max(1, batchSize)
            self.idleMilliseconds = max(1, idleMilliseconds)
            self.smsTimeoutSeconds = smsTimeoutSeconds
            self.seed = seed
            self.node = node
            self.claimMilliseconds = claimMilliseconds
        }

        /// The channels that have a sender.
        public var channels: Set<String> {
            Set([mail.map { _ in "email" }, sms.map { _ in "sms" }].compactMap { $0 })
        }
    }

    /// The channels notices are sent on (push is planned nowhere: there is no push sender).
    public static let plannedChannels: Set<String> = ["email", "sms"]
    /// The reason given when the reporter's contact no longer opens.
    public static let contactErased = "contact erased"

    public let settings: Settings
    private let log: any EventLog
    private let outbox: any NoticeOutbox
    private let reports: ReportService
    private let clock: any WallClock
    private let metrics: ServerMetrics
    private let append: @Sendable ([NewEvent]) async throws -> [EventRecord]
    private let logger: Logger
    private var random: SplitMix64
    private var sms: SMSGatewaySender?
    private var task: Task<Void, Never>?

    public init(log: any EventLog, outbox: any NoticeOutbox, reports: ReportService, clock: any WallClock, settings: Settings, metrics: ServerMetrics,
                append: @escaping @Sendable ([NewEvent]) async throws -> [EventRecord], logger: Logger = Logger(label: "safecity.notices")) {
        self.log = log
        self.outbox = outbox
        self.reports = reports
        self.clock = clock
        self.settings = settings
        self.metrics = metrics
        self.append = append
        self.logger = logger
        random = SplitMix64(seed: settings.seed)
        metrics.recordNoticeSenders(settings.channels)
    }

    /// What each channel sends through, for `/readyz` (no credentials).
    public nonisolated var senders: [String: String] {
        ["email": settings.mail?.description ?? "no sender configured (notices wait in the outbox)",
         "sms": settings.sms?.description ?? "no sender configured (notices wait in the outbox)"]
    }

    /// Starts planning and sending in the background.
    public func start() {
        guard task == nil else { return }
        if let gateway = settings.sms, sms == nil { sms = SMSGatewaySender(gateway: gateway, timeoutSeconds: settings.smsTimeoutSeconds) }
        task = Task { await self.run() }
    }

    /// Stops after the sends in flight.
    public func stop() async {
        task?.cancel()
        await task?.value
        task = nil
        await sms?.shutdown()
        sms = nil
    }

    /// Plans new notification events into the outbox; returns how many notices were queued.
    @discardableResult
    public func planPending(batchSize: Int = 512) async throws -> Int {
        var position = try await outbox.plannedThrough()
        var queued = 0
        while true {
            let page = try await log.read(after: position, limit: batchSize, types: [ReportEvents.notification])
            guard page.scannedThrough > position else { return queued }
            let now = clock.now()
            var notices: [NoticeRecord] = []
            for record in page.records {
                guard let note = try? record.event.payload.decode(ReportEvents.Notification.self) else { continue }
                for channel in note.channels.sorted() where Self.plannedChannels.contains(channel) {
                    notices.append(NoticeRecord(eventSequence: record.sequence, requestID: note.requestID, reporterRequestID: note.reporterRequestID,
                                                channel: channel, nextAttemptAt: now, createdAt: now))
                }
            }
            try await outbox.enqueue(notices, plannedThrough: page.scannedThrough)
            queued += notices.count
            position = page.scannedThrough
        }
    }

    /// Plans, then sends everything due now on the configured channels; returns how many notices were attempted.
    @discardableResult
    public func drainOnce() async throws -> Int {
        try await planPending()
        let channels = settings.channels
        guard !channels.isEmpty else { return 0 }
        let now = clock.now()
        let due = try await outbox.claim(channels: channels, at: now, limit: settings.batchSize, owner: settings.node,
                                         until: now.adding(milliseconds: settings.claimMilliseconds))
        guard !due.isEmpty else { return 0 }
        var outcomes: [(NoticeRecord, NoticeOutcome)] = []
        var mails: [(NoticeRecord, MailMessage)] = []
        for notice in due {
            switch await prepare(notice) {
            case .done(let outcome): outcomes.append((notice, outcome))
            case .mail(let message): mails.append((notice, message))
            case let .sms(number, text):
                let result = await sms?.send(to: number, body: text, key: notice.key, unixSeconds: clock.now().millisecondsSince1970 / 1000)
                outcomes.append((notice, result ?? .retry("no SMS sender")))
            }
        }
        if let relay = settings.mail, !mails.isEmpty {
            let results = await MailSender(relay: relay).send(mails.map(\.1))
            outcomes += zip(mails.map(\.0), results).map { ($0, $1) }
        }
        try await store(outcomes)
        return due.count
    }

    /// A notice ready to go, or the outcome when it cannot go.
    private enum Prepared {
        case mail(MailMessage)
        case sms(number: String, text: String)
        case done(NoticeOutcome)
    }

    private func prepare(_ notice: NoticeRecord) async -> Prepared {
        let note: ReportEvents.Notification
        do {
            guard let record = try await log.read(after: notice.eventSequence - 1, limit: 1).first, record.sequence == notice.eventSequence,
                  let decoded = try? record.event.payload.decode(ReportEvents.Notification.self)
            else { return .done(.abandon("notification event \(notice.eventSequence) is not in the log")) }
            note = decoded
        } catch {
            return .done(.retry("reading the log: \(error)"))
        }
        guard let contact = await reports.reporterContact(requestID: notice.requestID, reporterRequestID: notice.reporterRequestID) else {
            return .done(.abandon(Self.contactErased))
        }
        let request = await reports.request(notice.requestID)
        let facts = ReportNoticeText.Facts(
            kind: ReportNotification.Kind(rawValue: note.kind) ?? .statusChanged, requestID: note.requestID, reporterRequestID: note.reporterRequestID,
            serviceName: note.serviceName ?? request?.serviceName ?? "service request", status: ReportStatus(rawValue: note.status) ?? .acknowledged,
            publicNote: note.publicNote)
        let text = ReportNoticeText(facts, language: settings.language, publicBaseURL: settings.publicBaseURL)
        switch notice.channel {
        case "email":
            guard let email = contact.email else { return .done(.abandon(Self.contactErased)) }
            guard let relay = settings.mail else { return .done(.retry("no mail sender")) }
            let to: MailAddress
            do throws(MailError) { to = try MailAddress(email) } catch { return .done(.abandon("\(error)")) }
            return .mail(MailMessage(
                from: relay.from, to: to, subject: text.subject, body: text.body, date: clock.now(),
                messageID: "notice-\(notice.key)@\(relay.from.domain)",
                extraHeaders: [("X-SafeCity-Request", notice.requestID), ("X-SafeCity-Notice", notice.key)]))
        case "sms":
            guard let phone = contact.phone else { return .done(.abandon(Self.contactErased)) }
            do {
                return .sms(number: try E164Number(phone, defaultCountryCode: settings.defaultCountryCode).text, text: text.sms)
            } catch {
                return .done(.abandon("phone number: \(error)"))
            }
        default:
            return .done(.abandon("no sender for channel \(notice.channel)"))
        }
    }

    /// Stores the outcomes, counts them, and audits each notice given up.
    private func store(_ outcomes: [(NoticeRecord, NoticeOutcome)]) async throws {
        let now = clock.now()
        var updated: [NoticeRecord] = []
        var abandoned: [NewEvent] = []
        for (notice, outcome) in outcomes {
            var record = notice
            record.attempts += 1
            switch outcome {
            case .sent:
                record.state = .delivered
                record.lastError = nil
                record.nextAttemptAt = now
                metrics.recordNotice(channel: notice.channel, outcome: "sent")
            case .retry(let reason):
                record.lastError = reason
                if now.millisecondsSince1970 - record.createdAt.millisecondsSince1970 >= settings.backoff.giveUpAfterMilliseconds {
                    record.state = .abandoned
                } else {
                    record.nextAttemptAt = now.adding(milliseconds: settings.backoff.delayMilliseconds(attempt: record.attempts, using: &random))
                    metrics.recordNotice(channel: notice.channel, outcome: "failed")
                }
            case .abandon(let reason):
                record.state = .abandoned
                record.lastError = reason
            }
            if record.state == .abandoned {
                metrics.recordNotice(channel: notice.channel, outcome: "abandoned")
                abandoned.append(NewEvent(
                    type: ReportEvents.noticeAbandoned, source: "service:report-notices", actor: "service:report-notices", occurredAt: now,
                    payload: try EventPayload(encoding: ReportEvents.NoticeAbandoned(
                        key: record.key, eventSequence: record.eventSequence, requestID: record.requestID, reporterRequestID: record.reporterRequestID,
                        channel: record.channel, attempts: record.attempts, reason: record.lastError ?? ""))))
            }
            updated.append(record)
        }
        try await outbox.update(updated)
        if !abandoned.isEmpty { _ = try await append(abandoned) }
    }

    private func run() async {
        var seen = (try? await log.lastSequence()) ?? 0
        while !Task.isCancelled {
            do {
                // The pass runs in a task of its own, which stop's cancellation does not reach: a pass cut off between
                // its claim and its outcomes would leave the notices claimed, and unsent, for a whole claim period.
                let pass = Task { try await self.drainOnce() }
                if try await pass.value > 0 { continue }
            } catch {
                if Task.isCancelled { return }
                logger.warning("report notice pass failed: \(error)")
            }
            var wait = settings.idleMilliseconds
            if let next = try? await outbox.nextDue(channels: settings.channels) {
                wait = min(wait, max(1, next.millisecondsSince1970 - clock.now().millisecondsSince1970))
            }
            seen = await log.headSignal.wait(beyond: seen, timeout: .milliseconds(wait))
        }
    }
}
