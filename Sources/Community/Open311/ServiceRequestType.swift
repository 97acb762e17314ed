/// How a service answers a POST: Open311's `type` of a service.
public enum ServiceRequestType: String, Hashable, Sendable, Codable, CaseIterable {
    /// The service_request_id is returned at once.
    case realtime
    /// A token is returned; the id is looked up later at `tokens/{token}`.
    case batch
    /// Nothing that identifies the request is returned.
    case blackbox
}
