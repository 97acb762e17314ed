/// One CAP `<info>` block: the event described in one language.
public struct CAPInfo: Hashable, Sendable, Codable {
    /// `category` of the event.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue", fire = "Fire"
        case health = "Health", env = "Env", transport = "Transport", infra = "Infra", cbrne = "CBRNE", other = "Other"
    }
    /// `responseType`: what recipients are told to do.
    public enum ResponseType: String, Hashable, Sendable, Codable, CaseIterable {
        case shelter = "Shelter", evacuate = "Evacuate", prepare = "Prepare", execute = "Execute", avoid = "Avoid"
        case monitor = "Monitor", assess = "Assess", allClear = "AllClear", none = "None"
    }
    /// `urgency` of responsive action.
    public enum Urgency: String, Hashable, Sendable, Codable, CaseIterable { case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown" }
    /// `severity` of the threat.
    public enum Severity: String, Hashable, Sendable, Codable, CaseIterable { case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown" }
    /// `certainty` of the subject event.
    public enum Certainty: String, Hashable, Sendable, Codable, CaseIterable { case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown" }

    public var language: String?
    public var categories: [Category]
    public var event: String
    public var responseTypes: [ResponseType]
    public var urgency: Urgency
    public var severity: Severity
    public var certainty: Certainty
    public var audience: String?
    public var eventCodes: [CAPValuePair]
    public var effective: CAPTime?
    public var onset: CAPTime?
    public var expires: CAPTime?
    public var senderName: String?
    public var headline: String?
    public var description: String?
    public var instruction: String?
    public var web: String?
    public var contact: String?
    public var parameters: [CAPValuePair]
    public var resources: [CAPResource]
    public var areas: [CAPArea]

    public init(
        language: String? = nil, categories: [Category], event: String, responseTypes: [ResponseType] = [],
        urgency: Urgency, severity: Severity, certainty: Certainty, audience: String? = nil, eventCodes: [CAPValuePair] = [],
        effective: CAPTime? = nil, onset: CAPTime? = nil, expires: CAPTime? = nil, senderName: String? = nil,
        headline: String? = nil, description: String? = nil, instruction: String? = nil, web: String? = nil,
        contact: String? = nil, parameters: [CAPValuePair] = [], resources: [CAPResource] = [], areas: [CAPArea] = []
    ) {
        self.language = language
        self.categories = categories
        self.event = event
        self.responseTypes = responseTypes
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.audience = audience
        self.eventCodes = eventCodes
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.senderName = senderName
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.web = web
        self.contact = contact
        self.parameters = parameters
        self.resources = resources
        self.areas = areas
    }

    /// The first parameter with this name.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.valueName == name }?.value
    }
}
