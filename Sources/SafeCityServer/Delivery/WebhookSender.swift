import Alerting
import NIOCore
import NIOHTTP1

/// Sends one signed webhook POST over a shared ``WebhookClient`` (keep-alive connections pooled per receiver).
public struct WebhookSender: Sendable {
    private let client: WebhookClient

    /// A sender keeping up to `connectionsPerHost` connections to each receiver.
    public init(connectionsPerHost: Int, requestTimeoutSeconds: Int64) {
        // Only a TLS configuration that cannot load fails here, and the default one always loads.
        client = try! WebhookClient(settings: .init(connectionsPerOrigin: connectionsPerHost, requestTimeout: .seconds(requestTimeoutSeconds)))
    }

    /// POSTs `body` with its idempotency key and signature; nil when the receiver answered 2xx, else why not.
    public func send(body: [UInt8], key: String, to endpoint: WebhookEndpoint, unixSeconds: Int64) async -> String? {
        var headers = HTTPHeaders()
        headers.reserveCapacity(8)
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "User-Agent", value: "SafeCity-Alerts/1")
        headers.add(name: WebhookSignature.idempotencyHeaderName, value: key)
        headers.add(name: WebhookSignature.headerName, value: WebhookSignature.header(body: body, secret: endpoint.secret, unixSeconds: unixSeconds))
        do {
            let status = try await client.post(endpoint.url, headers: headers, body: ByteBuffer(bytes: body))
            return (200..<300).contains(status.code) ? nil : "HTTP \(status.code)"
        } catch {
            return "\(error)"
        }
    }

    /// Closes the connections; the sender cannot be used afterwards.
    public func shutdown() async {
        client.shutdown()
    }
}
