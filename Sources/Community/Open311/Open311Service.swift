/// A kind of report residents can make: one entry of Open311's service list, with SafeCity's routing.
public struct Open311Service: Hashable, Sendable, Codable {
    /// Open311's `service_code`, unique in the catalog.
    public var code: String
    /// Open311's `service_name`.
    public var name: String
    /// Open311's `description`.
    public var description: String
    /// Open311's `type`.
    public var type: ServiceRequestType
    /// Open311's `keywords` (written comma-separated).
    public var keywords: [String]
    /// Open311's `group`.
    public var group: String
    /// The extra fields, when the service has any (Open311's `metadata` is true exactly then).
    public var definition: ServiceDefinition?
    /// The queue new requests go to; its name is the request's `agency_responsible`.
    public var agency: AgencyQueue
    /// Open311's `service_notice` given back on submission: what will happen next.
    public var serviceNotice: String?
    /// How long the agency aims to take; sets `expected_datetime`. Nil when it gives no target.
    public var targetResolutionSeconds: Int64?
    /// Whether a new request should be shown to dispatch as a suggested incident.
    ///
    /// - Note: A suggestion only; a dispatcher decides whether to open an incident.
    public var suggestsIncident: Bool

    public init(
        code: String, name: String, description: String, type: ServiceRequestType = .realtime,
        keywords: [String] = [], group: String, definition: ServiceDefinition? = nil, agency: AgencyQueue,
        serviceNotice: String? = nil, targetResolutionSeconds: Int64? = nil, suggestsIncident: Bool = false
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.type = type
        self.keywords = keywords
        self.group = group
        self.definition = definition
        self.agency = agency
        self.serviceNotice = serviceNotice
        self.targetResolutionSeconds = targetResolutionSeconds
        self.suggestsIncident = suggestsIncident
    }

    /// Open311's `metadata`: whether clients must fetch the service definition.
    public var metadata: Bool { definition.map { !$0.attributes.isEmpty } ?? false }
}
