import Alerting
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import SafeCityCore

/// A reference webhook receiver on 127.0.0.1: checks each `SafeCity-Signature`, keeps the first
/// copy of every idempotency key and drops repeats. Used by the delivery tests and `safecity bench alerting`.
///
/// Each subscriber is a path `/hook/{name}`; register its secret with ``register(_:secret:)`` so that
/// signatures are verified. With `failFirstAttempt`, the first arrival of each key is answered 500
/// after being recorded, as when an acknowledgement is lost, so the sender must repeat it.
public actor WebhookReceiver {
    /// One accepted message.
    public struct Arrival: Sendable {
        public var subscriber: String
        public var key: String
        public var body: [UInt8]
        public var at: ContinuousClock.Instant
    }

    private var secrets: [String: String] = [:]
    private var failFirstAttempt: Bool
    /// First copy of each key, per subscriber.
    public private(set) var arrivals: [String: [String: Arrival]] = [:]
    /// Distinct messages accepted, over all subscribers.
    public private(set) var accepted = 0
    /// Copies that arrived again with a key already seen, and were dropped.
    public private(set) var repeatsDropped = 0
    /// Messages refused because their signature did not verify.
    public private(set) var badSignatures = 0
    private var task: Task<Void, Error>?

    public init(failFirstAttempt: Bool = false) {
        self.failFirstAttempt = failFirstAttempt
    }

    /// The secret that signs messages to `/hook/{subscriber}`.
    public func register(_ subscriber: String, secret: String) { secrets[subscriber] = secret }

    /// Listens on 127.0.0.1 (`port` 0 picks a free one) and returns the port.
    public func start(port: Int = 0) async throws -> Int {
        let router = Router()
        router.post("/hook/{name}") { request, context -> Response in
            var request = request
            let name = try context.parameters.require("name")
            let body = try await request.collectBody(upTo: 1 << 20)
            let status = await self.receive(subscriber: name, key: request.headers[HTTPField.Name(WebhookSignature.idempotencyHeaderName)!],
                                            signature: request.headers[HTTPField.Name(WebhookSignature.headerName)!],
                                            body: Array(body.readableBytesView))
            return Response(status: status)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "safecity.webhook-receiver")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? port); continuation.finish() },
                              logger: logger)
        task = Task { try await app.runService(gracefulShutdownSignals: []) }
        for await bound in stream { return bound }
        throw CancellationError()
    }

    /// Stops listening; a later ``start(port:)`` may listen again on the same port.
    public func stop() async {
        task?.cancel()
        _ = try? await task?.value
        task = nil
    }

    /// Whether every subscriber named has the keys given.
    public func hasReceived(_ expected: [String: Set<String>]) -> Bool {
        expected.allSatisfy { subscriber, keys in keys.isSubset(of: arrivals[subscriber].map { Set($0.keys) } ?? []) }
    }

    private func receive(subscriber: String, key: String?, signature: String?, body: [UInt8]) -> HTTPResponse.Status {
        guard let key else { return .badRequest }
        if let secret = secrets[subscriber] {
            let now = Int64(Date().timeIntervalSince1970)
            guard let signature, WebhookSignature.verify(header: signature, body: body, secret: secret, nowUnixSeconds: now) else {
                badSignatures += 1
                return .unauthorized
            }
        }
        if arrivals[subscriber]?[key] != nil {
            repeatsDropped += 1
            return .ok
        }
        arrivals[subscriber, default: [:]][key] = Arrival(subscriber: subscriber, key: key, body: body, at: .now)
        accepted += 1
        return failFirstAttempt ? .internalServerError : .ok
    }
}
