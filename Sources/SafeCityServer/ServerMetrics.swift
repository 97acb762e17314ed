import Prometheus

/// The server's Prometheus metrics: requests, latencies, appends, log size, subscribers.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let eventsAppended: Counter
    private let logHead: Gauge
    private let subscribers: Gauge

    public init() {
        eventsAppended = registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "events_appended", unitName: "total", helpText: "Events appended to the log"))
        logHead = registry.makeGauge(descriptor: .init(
            namespace: "safecity", metricName: "event_log_size", unitName: "events", helpText: "Records in the event log"))
        subscribers = registry.makeGauge(descriptor: .init(
            namespace: "safecity", metricName: "stream_subscribers", unitName: "", helpText: "Open live-stream connections"))
    }

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let labels = [("method", method), ("route", route), ("status", String(status))]
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "http_requests", unitName: "total", helpText: "HTTP requests served"), labels: labels)
            .increment()
        registry.makeDurationHistogram(descriptor: .init(
            namespace: "safecity", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request latency"),
            labels: [("method", method), ("route", route)],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(50), .milliseconds(100),
                      .milliseconds(500), .seconds(1), .seconds(5)])
            .record(duration)
    }

    func recordAuthFailure(reason: String) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "auth_failures", unitName: "total", helpText: "Requests refused by authentication or authorisation"),
            labels: [("reason", reason)]).increment()
    }

    func recordRateLimited(scope: String) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "rate_limited", unitName: "total", helpText: "Requests refused with 429 by a rate limit (per address, or per credential for credential-reads and credential-writes)"),
            labels: [("scope", scope)]).increment()
    }

    func recordAppended(count: Int, head: Int64) {
        eventsAppended.increment(by: Int64(count))
        logHead.set(Double(head))
    }

    func setLogSize(_ head: Int64) { logHead.set(Double(head)) }
    func subscriberOpened() { subscribers.increment() }
    func subscriberClosed() { subscribers.decrement() }

    /// The Prometheus text exposition.
    public func exposition() -> [UInt8] { registry.emitToBuffer() }
}
