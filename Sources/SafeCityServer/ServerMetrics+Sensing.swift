import Prometheus
import Sensing

extension ServerMetrics {
    /// Counts a batch's outcome: observations recorded, duplicates dropped, and refusals by reason.
    func record(_ report: IngestReport) {
        observationCounter("observations_accepted", help: "Sensor observations recorded").increment(by: Int64(report.accepted))
        observationCounter("observations_duplicate", help: "Sensor observations dropped as already recorded").increment(by: Int64(report.duplicates))
        var byReason: [String: Int] = [:]
        for rejection in report.rejected { byReason[rejection.error.reasonLabel, default: 0] += 1 }
        for (reason, count) in byReason { recordObservationsRejected(reason: reason, count: count) }
    }

    /// Counts refused observations (or unreadable bodies and MQTT payloads) under a reason label.
    func recordObservationsRejected(reason: String, count: Int) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "observations_rejected", unitName: "total",
            helpText: "Sensor observations refused, by reason"), labels: [("reason", reason)]).increment(by: Int64(count))
    }

    private func observationCounter(_ name: String, help: String) -> Counter {
        registry.makeCounter(descriptor: .init(namespace: "safecity", metricName: name, unitName: "total", helpText: help))
    }
}

extension ServerMetrics {
    /// How the sensing detector got its records — in memory from the intake, or read back from the log — and
    /// how many intake entries the in-memory feed dropped because the detector was too far behind.
    func recordDetectorSources(fromFeed: Int, fromLog: Int, feedDropped: Int) {
        func gauge(_ name: String, _ help: String) -> Gauge {
            registry.makeGauge(descriptor: .init(namespace: "safecity", metricName: name, unitName: "total", helpText: help))
        }
        gauge("sensing_records_from_feed", "Records the sensing detector took in memory from the intake").set(Double(fromFeed))
        gauge("sensing_records_from_log", "Records the sensing detector read back from the log").set(Double(fromLog))
        gauge("sensing_feed_dropped", "Intake entries the in-memory feed dropped while the detector was behind").set(Double(feedDropped))
    }
}

