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
            let start: Int64
            if let lastEventID = request.headers[.init("Last-Event-ID")!] {
                guard let value = Int64(lastEventID), value >= 0 else {
                    throw SafeCityError.invalid(ValidationError(field: "Last-Event-ID", reason: "must be a sequence number, got \"\(lastEventID)\""))
                }
                start = value
            } else if request.uri.queryParameters.get("after") != nil {
                start = try request.uri.queryParameters.integer("after", default: 0, range: 0...Int64.max)
            } else {
                start = try await platform.log.lastSequence()
            }
            let types = request.uri.queryParameters.get("types").map { Set($0.split(separator: ",").map(String.init)) }
            let log = platform.log
            let metrics = platform.metrics
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-cache", .init("X-Accel-Buffering")!: "no"],
                body: .init { writer in
                    metrics.subscriberOpened()
                    defer { metrics.subscriberClosed() }
                    try await writer.write(ByteBuffer(string: "retry: 2000\n: stream from sequence \(start)\n\n"))
                    // Open streams must not hold up a graceful shutdown.
                    try await withGracefulShutdownHandler {
                    for try await item in log.tail(after: start) {
                        switch item {
                        case let .record(record):
                            if let types, !types.contains(record.event.type.name) { continue }
                            var frame: [UInt8] = Array("id: \(record.sequence)\nevent: \(record.event.type.name)\ndata: ".utf8)
                            record.writeJSON(into: &frame)
                            frame.append(contentsOf: "\n\n".utf8)
                            try await writer.write(ByteBuffer(bytes: frame))
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
}
