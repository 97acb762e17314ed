import Hummingbird
import SafeCityCore
import ServiceLifecycle

/// `GET /v1/stream`: Server-Sent Events live tail of the log.
///
/// A reconnecting client sends `Last-Event-ID` (browsers do so by themselves) and
/// receives everything after it, so it misses nothing. Without it the stream starts at
/// the current head, or at `?after=N`. `?types=a,b` filters by event type.
enum StreamRoutes {
    static func register(in catalog: RouteCatalog, platform: Platform) {
        catalog.secured(.get, "/v1/stream", action: .streamRead) { request, _ in
            let start = try await startSequence(of: request, log: platform.log)
            let types = request.uri.queryParameters.get("types").map { Set($0.split(separator: ",").map(String.init)) }
            return eventStream(log: platform.log, metrics: platform.metrics, after: start, types: types.map { Set($0.map { EventType($0) }) }) { record in
                if let types, !types.contains(record.event.type.name) { return nil }
                var data: [UInt8] = []
                record.writeJSON(into: &data)
                return (record.event.type.name, data)
            }
        }
    }

    /// Where a stream starts: after `Last-Event-ID`, else after `?after=N`, else at the current head.
    static func startSequence(of request: Request, log: any EventLog) async throws -> Int64 {
        if let lastEventID = request.headers[.init("Last-Event-ID")!] {
            guard let value = Int64(lastEventID), value >= 0 else {
                throw SafeCityError.invalid(ValidationError(field: "Last-Event-ID", reason: "must be a sequence number, got \"\(lastEventID)\""))
            }
            return value
        } else if request.uri.queryParameters.get("after") != nil {
            return try request.uri.queryParameters.integer("after", default: 0, range: 0...Int64.max)
        }
        return try await log.lastSequence()
    }

    /// A Server-Sent Events tail of the log after `start`; `frame` names and renders a record, or skips it with nil.
    static func eventStream(log: any EventLog, metrics: ServerMetrics, after start: Int64, types: Set<EventType>? = nil,
                            frame: @escaping @Sendable (EventRecord) -> (event: String, data: [UInt8])?) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", .init("X-Accel-Buffering")!: "no"],
            body: .init { writer in
                metrics.subscriberOpened()
                defer { metrics.subscriberClosed() }
                try await writer.write(ByteBuffer(string: "retry: 2000\n: stream from sequence \(start)\n\n"))
                // Open streams must not hold up a graceful shutdown.
                try await withGracefulShutdownHandler {
                    for try await item in log.tail(after: start, types: types) {
                        switch item {
                        case let .record(record):
                            guard let (event, data) = frame(record) else { continue }
                            var bytes: [UInt8] = Array("id: \(record.sequence)\nevent: \(event)\ndata: ".utf8)
                            bytes += data
                            bytes.append(contentsOf: "\n\n".utf8)
                            try await writer.write(ByteBuffer(bytes: bytes))
                        case .idle:
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        case .progress:
                            continue
                        }
                    }
                } onGracefulShutdown: {
                    Task { await log.headSignal.close() }
                }
                try await writer.finish(nil)
            })
    }
}
