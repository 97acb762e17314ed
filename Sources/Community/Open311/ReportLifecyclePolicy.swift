/// The city's rules for a request's lifecycle that are settings rather than the spec's.
public struct ReportLifecyclePolicy: Hashable, Sendable, Codable {
    /// How long after closing a request may be reopened (default 14 days); later, residents file a new one.
    public var reopenWindowSeconds: Int64

    public init(reopenWindowSeconds: Int64 = 14 * 86_400) {
        self.reopenWindowSeconds = reopenWindowSeconds
    }
}
