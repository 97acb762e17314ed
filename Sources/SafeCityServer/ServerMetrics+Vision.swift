import Prometheus

extension ServerMetrics {
    /// Counts a request's frames, detections and signals, and its refused frames by reason.
    func record(_ report: VisionIngestReport) {
        visionCounter("camera_frames_accepted", help: "Camera frames run through the tracker").increment(by: Int64(report.framesAccepted))
        visionCounter("camera_detections", help: "Detections in accepted camera frames").increment(by: Int64(report.detections))
        visionCounter("vision_signals", help: "Behaviour signals recorded").increment(by: Int64(report.signals))
        var byReason: [String: Int] = [:]
        for rejection in report.rejected { byReason[Self.frameReason(rejection.reason), default: 0] += 1 }
        for (reason, count) in byReason { recordFramesRejected(reason: reason, count: count) }
    }

    /// Counts refused frames (or unreadable bodies) under a reason label.
    func recordFramesRejected(reason: String, count: Int) {
        registry.makeCounter(descriptor: .init(
            namespace: "safecity", metricName: "camera_frames_rejected", unitName: "total",
            helpText: "Camera frames refused, by reason"), labels: [("reason", reason)]).increment(by: Int64(count))
    }

    private static func frameReason(_ reason: String) -> String {
        if reason.contains("arrived after") { return "out_of_order" }
        if reason.contains("box") { return "invalid_box" }
        return "malformed"
    }

    private func visionCounter(_ name: String, help: String) -> Counter {
        registry.makeCounter(descriptor: .init(namespace: "safecity", metricName: name, unitName: "total", helpText: help))
    }
}
