import Prometheus

extension ServerMetrics {
    /// Counts one attempt at a reporter notice by channel and outcome: sent, failed (to be retried) or abandoned.
    func recordNotice(channel: String, outcome: String) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "report_notices", unitName: "total",
            helpText: "Notices to reporters attempted, by channel and outcome (sent, failed and retried, abandoned)"),
            labels: [("channel", channel), ("outcome", outcome)]).increment()
    }

    /// Whether each channel has a sender (1) or its notices wait in the outbox (0).
    func recordNoticeSenders(_ configured: Set<String>) {
        for channel in ["email", "sms"] {
            registry.makeGauge(descriptor: .init(
                namespace: "safecity", metricName: "report_notice_sender_configured", unitName: "",
                helpText: "1 when the channel has a sender; 0 when its notices wait in the outbox"),
                labels: [("channel", channel)]).set(Int64(configured.contains(channel) ? 1 : 0))
        }
    }

    /// The notices in the outbox, by channel and state (set when metrics are read).
    func recordNoticeCounts(_ counts: [String: [String: Int]]) {
        for (channel, states) in counts {
            for (state, count) in states {
                registry.makeGauge(descriptor: .init(
                    namespace: "safecity", metricName: "report_notices_queued", unitName: "",
                    helpText: "Notices to reporters in the outbox, by channel and state"),
                    labels: [("channel", channel), ("state", state)]).set(Double(count))
            }
        }
    }
}
