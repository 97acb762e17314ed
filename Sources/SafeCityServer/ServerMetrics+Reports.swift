import Prometheus

extension ServerMetrics {
    /// Counts an Open311 submission by outcome: accepted, invalid or forbidden.
    func recordReport(outcome: String) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "open311_requests", unitName: "total",
            helpText: "Open311 service requests submitted, by outcome"), labels: [("outcome", outcome)]).increment()
    }
}
