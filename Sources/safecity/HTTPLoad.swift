import Foundation
import NIOCore
import Synchronization

/// Producers posting pre-built event batches to one or more nodes over keep-alive connections, each
/// request's latency recorded: the load of the cluster and soak benches.
struct HTTPLoad: Sendable {
    /// What a stretch of load achieved.
    struct Outcome: Sendable {
        var events = 0
        var requests = 0
        var failures = 0
        var latenciesSeconds: [Double] = []
        var seconds = 0.0
    }

    let ports: [Int]
    let token: String
    let connections: Int

    /// Posts `bodies` (each `batch` events) until they run out or `seconds` pass; with `ratePerSecond`, paces
    /// the batches to that many events per second in all.
    /// With `cycle`, the bodies are sent round and round (they must then carry no event ids).
    func run(_ bodies: [ByteBuffer], batch: Int, seconds: Double, ratePerSecond: Double? = nil, cycle: Bool = false) async throws -> Outcome {
        let next = BatchCursor()
        var opened: [LoopbackHTTPClient] = []
        for index in 0..<connections { opened.append(try await LoopbackHTTPClient.connect(host: "127.0.0.1", port: ports[index % ports.count])) }
        let clients = opened
        let headers = [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")]
        let start = ContinuousClock.now
        let deadline = start + .milliseconds(Int64(seconds * 1000))
        // With a rate, batch i is due at start + i × interval, whichever producer sends it.
        let interval = ratePerSecond.map { Duration.nanoseconds(Int64(Double(batch) / $0 * 1e9)) }
        let outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
            for client in clients {
                group.addTask {
                    var own = Outcome()
                    while ContinuousClock.now < deadline {
                        let index = next.take()
                        guard cycle || index < bodies.count else { break }
                        if let interval {
                            let due = start + interval * index
                            if due > deadline { break }
                            if due > ContinuousClock.now { try await Task.sleep(until: due) }
                        }
                        let sent = ContinuousClock.now
                        let response = try await client.send(method: .POST, path: "/v1/events", headers: headers, body: bodies[index % bodies.count])
                        own.latenciesSeconds.append((ContinuousClock.now - sent).seconds)
                        own.requests += 1
                        if response.status == 201 { own.events += batch } else { own.failures += 1 }
                    }
                    return own
                }
            }
            var total = Outcome()
            for try await part in group {
                total.events += part.events
                total.requests += part.requests
                total.failures += part.failures
                total.latenciesSeconds += part.latenciesSeconds
            }
            return total
        }
        var result = outcome
        result.seconds = (ContinuousClock.now - start).seconds
        for client in clients { await client.close() }
        return result
    }
}

/// Hands out batch numbers to the producers, each once.
final class BatchCursor: Sendable {
    private let value = Mutex(0)

    func take() -> Int { value.withLock { $0 += 1; return $0 - 1 } }
}
