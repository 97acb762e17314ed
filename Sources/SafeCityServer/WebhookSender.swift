import Alerting
import AsyncHTTPClient
import NIOCore

/// Sends one signed webhook POST over a shared HTTP client (connection pooling per host).
public struct WebhookSender: Sendable {
    private let client: HTTPClient
    private let timeout: TimeAmount

    /// A sender keeping up to `connectionsPerHost` connections to each receiver.
    public init(connectionsPerHost: Int, requestTimeoutSeconds: Int64) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(requestTimeoutSeconds))
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        timeout = .seconds(requestTimeoutSeconds)
    }

    /// POSTs `body` with its idempotency key and signature; nil when the receiver answered 2xx, else why not.
    public func send(body: [UInt8], key: String, to endpoint: WebhookEndpoint, unixSeconds: Int64) async -> String? {
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "SafeCity-Alerts/1")
        request.headers.add(name: WebhookSignature.idempotencyHeaderName, value: key)
        request.headers.add(name: WebhookSignature.headerName, value: WebhookSignature.header(body: body, secret: endpoint.secret, unixSeconds: unixSeconds))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return (200..<300).contains(response.status.code) ? nil : "HTTP \(response.status.code)"
        } catch {
            return "\(error)"
        }
    }

    /// Closes the connections; the sender cannot be used afterwards.
    public func shutdown() async {
        try? await client.shutdown()
    }
}
