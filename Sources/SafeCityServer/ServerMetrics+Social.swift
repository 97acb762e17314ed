import Prometheus

extension ServerMetrics {
    /// Counts feed items refused, by reason (malformed, not public, missing text…).
    func recordSocialRejected(reason: String, count: Int) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "social_posts_rejected", unitName: "total",
            helpText: "Social feed items refused, by reason"), labels: [("reason", reason)]).increment(by: Int64(count))
    }
}
