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
                var body: [String: JSONValue] = [
                    "status": .string("ready"), "lastSequence": .number(Double(head)), "database": .string(platform.storage.kind),
                    "notices": .object(platform.notices.senders.mapValues(JSONValue.string)),
                ]
                if let pool = platform.storage.poolUsage {
                    body["pool"] = .object(["inUse": .number(Double(pool.inUse)), "operations": .number(Double(pool.operations)),
                                            "failures": .number(Double(pool.failures))])
                }
                return .json(JSONValue.object(body).canonicalBytes)
            } catch {
                throw SafeCityError(.serviceUnavailable, title: "Not ready", detail: "the database does not answer")
            }
        }
        catalog.secured(.get, "/metrics", action: .metricsRead) { _, _ in
            let detector = platform.sensingDetector
            platform.metrics.recordDetectorSources(fromFeed: await detector.recordsFromFeed, fromLog: await detector.recordsFromLog,
                                                   feedDropped: detector.feed.droppedEntries)
            platform.metrics.recordStorage(pool: platform.storage.poolUsage, maximumConnections: platform.storage.maximumConnections,
                                           dispatchRetries: await platform.dispatch.conflictRetries)
            if let counts = try? await platform.storage.notices.counts() {
                platform.metrics.recordNoticeCounts(counts.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value) }) })
            }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: platform.metrics.exposition())))
        }
    }
}
