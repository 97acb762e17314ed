import Hummingbird
import SafeCityCore

/// `/healthz` (the process answers), `/readyz` (the database answers), `/metrics`.
enum HealthRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.publicRoute(.get, "/healthz") { _, _ in
            .json(JSONValue.object(["status": .string("ok")]).canonicalBytes)
        }
        catalog.publicRoute(.get, "/readyz") { _, _ in
            do {
                let head = try await platform.log.lastSequence()
                return .json(JSONValue.object(["status": .string("ready"), "lastSequence": .number(Double(head))]).canonicalBytes)
            } catch {
                throw SafeCityError(.serviceUnavailable, title: "Not ready", detail: "the database does not answer")
            }
        }
        catalog.secured(.get, "/metrics", action: .metricsRead) { _, _ in
            let detector = platform.sensingDetector
            platform.metrics.recordDetectorSources(fromFeed: await detector.recordsFromFeed, fromLog: await detector.recordsFromLog,
                                                   feedDropped: detector.feed.droppedEntries)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: platform.metrics.exposition())))
        }
    }
}
