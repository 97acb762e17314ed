/// A checked POST to `requests`: everything a new service request needs, already validated.
///
/// The `api_key` is checked during parsing and not kept: it is a credential, not part of the report.
public struct ServiceRequestSubmission: Hashable, Sendable, Codable {
    /// Open311's `service_code`, known to the catalog.
    public var serviceCode: String
    /// At least one of point, address string, address id.
    public var location: SubmissionLocation
    /// Answers to the service's variable attributes, in the definition's order.
    public var attributes: [SubmittedAttribute]
    /// Open311's `description`: plain text, at most 4,000 characters.
    public var description: String?
    /// Open311's `media_url`: an http or https URL.
    public var mediaURL: String?
    /// The reporter's contact details (private).
    public var contact: ReporterContact

    public init(
        serviceCode: String, location: SubmissionLocation, attributes: [SubmittedAttribute] = [],
        description: String? = nil, mediaURL: String? = nil, contact: ReporterContact = ReporterContact()
    ) {
        self.serviceCode = serviceCode
        self.location = location
        self.attributes = attributes
        self.description = description
        self.mediaURL = mediaURL
        self.contact = contact
    }

    /// The answer given to an attribute, or nil.
    public func answer(_ code: String) -> AttributeAnswer? {
        attributes.first { $0.code == code }?.answer
    }
}
