import Community
import Foundation
import SafeCityCore
import Security

/// The residents' report desk behind Open311: submissions, duplicates, the lifecycle and who to tell.
///
/// Every change is an event; on start the service replays them through the same engine, so the
/// requests in memory are exactly what the log says. Contacts are sealed with the field key in the
/// log and opened only in memory, to address notifications.
public actor ReportService {
    public typealias Append = @Sendable ([NewEvent]) async throws -> [EventRecord]

    public let catalog: ServiceCatalog
    private let log: any EventLog
    private let clock: any WallClock
    private let vault: FieldVault
    private let append: Append
    private var requests: [String: ServiceRequest] = [:]
    private var order: [String] = []
    private var duplicates = DuplicateFinder()
    private var nextNumber = 1
    /// Who filed each request (the submitting identity's actor name), for residents' own exports.
    private var filers: [String: String] = [:]

    public init(log: any EventLog, clock: any WallClock, vault: FieldVault, catalog: ServiceCatalog = .safeCity, append: @escaping Append) {
        self.log = log
        self.clock = clock
        self.vault = vault
        self.catalog = catalog
        self.append = append
    }

    /// Rebuilds every request from the log.
    public func start() async throws {
        var records: [EventRecord] = []
        try await log.forEachRecord(ofTypes: [ReportEvents.submitted, ReportEvents.statusChanged]) { records.append($0) }
        for record in records { try? await fold(record) }
    }

    /// Takes a checked submission: a new request, or a duplicate joined to an open one. Returns the request the resident gets.
    public func submit(_ submission: ServiceRequestSubmission, actor: String) async throws -> ServiceRequest {
        let now = clock.now()
        let id = String(format: "%06d", nextNumber)
        let primary = duplicates.duplicate(of: submission, reportedAt: now)
        var publicSubmission = submission
        publicSubmission.contact = ReporterContact()
        let sealed = submission.contact == ReporterContact() ? nil
            : try await vault.seal(String(decoding: try JSONEncoder().encode(submission.contact), as: UTF8.self), kind: .reporterContact, at: now)
        let payload = ReportEvents.Submitted(requestID: id, submission: publicSubmission, sealedContact: sealed, mergedInto: primary)
        var events = [NewEvent(type: ReportEvents.submitted, source: "open311", actor: actor, occurredAt: now, location: submission.location.point,
                               payload: try EventPayload(encoding: payload))]
        // Dry-run the fold to learn who is told and whether the desk should look, before anything is written.
        var preview = self.snapshot
        let notifications = try preview.apply(payload, contact: submission.contact, catalog: catalog, at: now)
        events += try notificationEvents(notifications, actor: actor, at: now)
        if primary == nil, let service = catalog.service(submission.serviceCode), service.suggestsIncident {
            let summary = "\(service.name) reported" + (submission.description.map { ": \($0.prefix(200))" } ?? "")
            events.append(NewEvent(type: ReportEvents.signal, source: "open311", actor: actor, occurredAt: now, location: submission.location.point,
                                   payload: try EventPayload(encoding: ReportEvents.Signal(requestID: id, serviceCode: service.code, summary: summary))))
        }
        _ = try await append(events)
        restore(preview)
        filers[id] = actor
        return requests[primary ?? id] ?? requests[id]!
    }

    /// Moves a request along its lifecycle (a staff step); the reporters are told.
    public func move(_ requestID: String, to status: ReportStatus, publicNote: String?, agencyID: String?, actor: String) async throws -> ServiceRequest {
        guard requests[requestID] != nil else { throw CommunityError.notFound("service_request_id \"\(requestID)\"") }
        let now = clock.now()
        let payload = ReportEvents.StatusChanged(requestID: requestID, status: status, publicNote: publicNote, agencyID: agencyID)
        var preview = self.snapshot
        let notifications = try preview.apply(payload, catalog: catalog, at: now)
        let events = [NewEvent(type: ReportEvents.statusChanged, source: "open311", actor: actor, occurredAt: now, payload: try EventPayload(encoding: payload))]
            + (try notificationEvents(notifications, actor: actor, at: now))
        _ = try await append(events)
        restore(preview)
        return requests[requestID]!
    }

    /// Requests in submission order (duplicates included, closed as such).
    public func all() -> [ServiceRequest] { order.compactMap { requests[$0] } }

    public func request(_ id: String) -> ServiceRequest? { requests[id] }

    /// Requests whose reporter gave this email or phone (compared normalised), in submission order;
    /// with `filedBy`, only those filed by that actor. Contacts whose data key was shredded match nothing.
    public func requests(matching contact: ContactQuery, filedBy actor: String? = nil) -> [ServiceRequest] {
        order.compactMap { requests[$0] }.filter { request in
            (actor == nil || filers[request.id] == actor) && contact.matches(request.reporters.first { $0.requestID == request.id }?.contact)
        }
    }

    /// How to reach the person who filed `reporterRequestID` (followed into `requestID` after a merge); nil when there is
    /// no such reporter or their contact was erased (its data key shredded and the desk rebuilt).
    public func reporterContact(requestID: String, reporterRequestID: String) -> ReporterContact? {
        for id in [requestID, reporterRequestID] {
            if let reporter = requests[id]?.reporters.first(where: { $0.requestID == reporterRequestID }), reporter.contact.isReachable {
                return reporter.contact
            }
        }
        return nil
    }

    /// Rebuilds every request from the log afresh, e.g. after data keys were shredded: contacts that no longer
    /// open are forgotten in memory too.
    public func rebuild() async throws {
        restore(ReportBook(requests: [:], order: [], duplicates: DuplicateFinder(), nextNumber: 1))
        filers = [:]
        try await start()
    }

    private func notificationEvents(_ notifications: [ReportNotification], actor: String, at now: Timestamp) throws -> [NewEvent] {
        try notifications.map { note in
            let channels = [note.contact.email.map { _ in "email" }, note.contact.phone.map { _ in "sms" }, note.contact.deviceID.map { _ in "push" }].compactMap { $0 }
            return NewEvent(type: ReportEvents.notification, source: "open311", actor: actor, occurredAt: now, payload: try EventPayload(encoding: ReportEvents.Notification(
                requestID: note.requestID, reporterRequestID: note.reporterRequestID, kind: note.kind.rawValue, status: note.status.rawValue, channels: channels,
                serviceName: note.serviceName, publicNote: note.publicNote)))
        }
    }

    private func fold(_ record: EventRecord) async throws {
        var state = snapshot
        if record.event.type == ReportEvents.submitted {
            let payload = try record.event.payload.decode(ReportEvents.Submitted.self)
            let contact = await openContact(payload.sealedContact)
            filers[payload.requestID] = record.event.actor
            _ = try state.apply(payload, contact: contact, catalog: catalog, at: record.event.occurredAt)
        } else {
            _ = try state.apply(try record.event.payload.decode(ReportEvents.StatusChanged.self), catalog: catalog, at: record.event.occurredAt)
        }
        restore(state)
    }

    /// The reporter's contact; empty when there was none or its data key was shredded (the request stays).
    private func openContact(_ sealed: String?) async -> ReporterContact {
        guard let sealed, let text = try? await vault.open(sealed),
              let contact = try? JSONDecoder().decode(ReporterContact.self, from: Data(text.utf8)) else { return ReporterContact() }
        return contact
    }

    private var snapshot: ReportBook { ReportBook(requests: requests, order: order, duplicates: duplicates, nextNumber: nextNumber) }

    private func restore(_ book: ReportBook) {
        requests = book.requests
        order = book.order
        duplicates = book.duplicates
        nextNumber = book.nextNumber
    }
}

/// The report desk's state and how each event changes it; the same code serves live commands and replay.
struct ReportBook: Sendable {
    var requests: [String: ServiceRequest]
    var order: [String]
    var duplicates: DuplicateFinder
    var nextNumber: Int

    mutating func apply(_ payload: ReportEvents.Submitted, contact: ReporterContact, catalog: ServiceCatalog, at time: Timestamp) throws -> [ReportNotification] {
        guard let service = catalog.service(payload.submission.serviceCode) else { throw CommunityError.notFound("service_code \"\(payload.submission.serviceCode)\"") }
        var submission = payload.submission
        submission.contact = contact
        var (request, notifications) = ServiceRequest.open(id: payload.requestID, submission: submission, service: service, at: time)
        nextNumber = max(nextNumber, (Int(payload.requestID) ?? 0) + 1)
        if let primaryID = payload.mergedInto, var primary = requests[primaryID] {
            notifications = try ServiceRequest.merge(&request, into: &primary, at: time)
            requests[primaryID] = primary
            duplicates.update(with: primary)
        } else {
            duplicates.update(with: request)
        }
        requests[request.id] = request
        order.append(request.id)
        return notifications
    }

    mutating func apply(_ payload: ReportEvents.StatusChanged, catalog: ServiceCatalog, at time: Timestamp) throws -> [ReportNotification] {
        guard var request = requests[payload.requestID] else { throw CommunityError.notFound("service_request_id \"\(payload.requestID)\"") }
        let agency = payload.agencyID.flatMap { id in catalog.services.first { $0.agency.id == id }?.agency }
        let notifications = try request.move(to: payload.status, publicNote: payload.publicNote, at: time, agency: agency)
        requests[request.id] = request
        if request.status == .closed { duplicates.remove(requestID: request.id) } else { duplicates.update(with: request) }
        return notifications
    }
}
