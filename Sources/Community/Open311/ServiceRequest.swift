import Geo
import SafeCityCore

/// A service request as SafeCity keeps it: the public Open311 record, its lifecycle and its (private) reporters.
///
/// - Note: Public output (``GeoReportFormat``) reads only the public fields; `reporters` and the
///   attribute answers stay inside the city.
public struct ServiceRequest: Hashable, Sendable, Codable {
    /// Open311's `service_request_id`.
    public var id: String
    /// Open311's `service_code`.
    public var serviceCode: String
    /// Open311's `service_name`.
    public var serviceName: String
    /// Open311's `description`.
    public var description: String?
    /// The queue handling it; its name is Open311's `agency_responsible`.
    public var agency: AgencyQueue
    /// Open311's `service_notice`.
    public var serviceNotice: String?
    /// Open311's `requested_datetime`.
    public var requestedAt: Timestamp
    /// Open311's `expected_datetime`.
    public var expectedAt: Timestamp?
    /// Open311's `address` (the submitted `address_string`, or one the city geocoded).
    public var address: String?
    /// Open311's `address_id`.
    public var addressID: String?
    /// Open311's `zipcode`, when the city knows it.
    public var zipcode: String?
    /// Open311's `lat`/`long`.
    public var location: GeoPoint?
    /// Open311's `media_url`.
    public var mediaURL: String?
    /// The checked attribute answers (not part of Open311's request output).
    public var attributes: [SubmittedAttribute]
    /// Whether dispatch should see it as a suggested incident (from the service).
    public var suggestsIncident: Bool
    /// The lifecycle so far; never empty, the first step is `acknowledged` at `requestedAt`.
    public private(set) var steps: [ReportStep]
    /// The primary request this one was merged into, when it was closed as a duplicate.
    public private(set) var duplicateOf: String?
    /// Requests merged into this one, in merge order.
    public private(set) var mergedRequestIDs: [String]
    /// Everyone who reported this problem (private); the first is the original reporter.
    public private(set) var reporters: [Reporter]

    /// Opens a request from a checked submission; returns it with the "received" notice for the reporter.
    public static func open(
        id: String, submission: ServiceRequestSubmission, service: Open311Service, at receivedAt: Timestamp
    ) -> (request: ServiceRequest, notifications: [ReportNotification]) {
        let request = ServiceRequest(id: id, submission: submission, service: service, receivedAt: receivedAt)
        return (request, request.notify(.received))
    }

    /// Creates the record of a new request; ``open(id:submission:service:at:)`` also gives the notices.
    public init(id: String, submission: ServiceRequestSubmission, service: Open311Service, receivedAt: Timestamp) {
        self.id = id
        self.serviceCode = service.code
        self.serviceName = service.name
        self.description = submission.description
        self.agency = service.agency
        self.serviceNotice = service.serviceNotice
        self.requestedAt = receivedAt
        self.expectedAt = service.targetResolutionSeconds.map { receivedAt.adding(milliseconds: $0 * 1000) }
        self.address = submission.location.addressString
        self.addressID = submission.location.addressID
        self.zipcode = nil
        self.location = submission.location.point
        self.mediaURL = submission.mediaURL
        self.attributes = submission.attributes
        self.suggestsIncident = service.suggestsIncident
        self.steps = [ReportStep(status: .acknowledged, publicNote: nil, at: receivedAt)]
        self.duplicateOf = nil
        self.mergedRequestIDs = []
        self.reporters = [Reporter(requestID: id, contact: submission.contact, reportedAt: receivedAt)]
    }

    /// The current lifecycle status.
    public var reportStatus: ReportStatus { steps[steps.count - 1].status }
    /// Open311's `status`.
    public var status: Open311Status { reportStatus.open311Status }
    /// Open311's `status_notes`: the public note of the last step.
    public var statusNotes: String? { steps[steps.count - 1].publicNote }
    /// Open311's `updated_datetime`: when the last step was taken (the closing time when closed).
    public var updatedAt: Timestamp { steps[steps.count - 1].at }
    /// The latest time anyone reported this problem (the original or a merged duplicate).
    public var lastReportedAt: Timestamp { reporters.map(\.reportedAt).max() ?? requestedAt }

    /// One notice per reachable reporter about the current step.
    func notify(_ kind: ReportNotification.Kind) -> [ReportNotification] {
        let step = steps[steps.count - 1]
        return reporters.filter(\.contact.isReachable).map { reporter in
            ReportNotification(
                kind: kind, requestID: id, reporterRequestID: reporter.requestID, contact: reporter.contact,
                serviceName: serviceName, status: step.status, publicNote: step.publicNote, at: step.at)
        }
    }

    mutating func append(_ step: ReportStep) { steps.append(step) }
    mutating func markDuplicate(of primaryID: String) { duplicateOf = primaryID }
    mutating func absorb(_ duplicate: ServiceRequest) {
        mergedRequestIDs.append(duplicate.id)
        reporters.append(contentsOf: duplicate.reporters)
    }
}
