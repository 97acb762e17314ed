import Alerting
import AsyncHTTPClient
import Foundation
import NIOCore

/// A generic HTTP SMS gateway: `POST <url>` with JSON `{"to": "+E164", "body": "…"}`, `Authorization: Bearer <token>`
/// and a `SafeCity-Signature` HMAC of the body keyed with the token (as alert webhooks are signed).
///
/// - Warning: Holds the token; ``description`` never shows it.
public struct SMSGateway: Sendable, Equatable, CustomStringConvertible {
    public var url: String
    public var token: String

    /// Checks the gateway URL (http or https with a host); the token comes from `SAFECITY_SMS_TOKEN`.
    public init(url: String, token: String) throws(SafeCityConfigurationError) {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = parsed.host, !host.isEmpty
        else { throw SafeCityConfigurationError("bad --sms-gateway URL: expected http(s)://host[:port]/path, got \"\(url)\"") }
        guard !token.isEmpty else { throw SafeCityConfigurationError("--sms-gateway needs SAFECITY_SMS_TOKEN (the gateway's bearer token)") }
        self.url = url
        self.token = token
    }

    /// Host and port for logs and `/readyz`, never the token.
    public var description: String {
        let parsed = URLComponents(string: url)
        return "sms: \(parsed?.host ?? "?")\(parsed?.port.map { ":\($0)" } ?? "") configured"
    }
}

/// A configuration value that cannot be used; the message names the option and the reason.
public struct SafeCityConfigurationError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Posts SMS notices to the gateway over one pooled HTTP client.
struct SMSGatewaySender: Sendable {
    let gateway: SMSGateway
    private let client: HTTPClient
    private let timeout: TimeAmount

    init(gateway: SMSGateway, timeoutSeconds: Int64) {
        self.gateway = gateway
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(timeoutSeconds))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        timeout = .seconds(timeoutSeconds)
    }

    /// Sends one text: nil when the gateway answered 2xx; a 4xx is permanent, anything else worth a retry.
    func send(to number: String, body text: String, key: String, unixSeconds: Int64) async -> NoticeOutcome {
        let body = (try? JSONSerialization.data(withJSONObject: ["to": number, "body": text], options: [.sortedKeys])).map { Array($0) } ?? []
        var request = HTTPClientRequest(url: gateway.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "SafeCity-Notices/1")
        request.headers.add(name: "Authorization", value: "Bearer \(gateway.token)")
        request.headers.add(name: WebhookSignature.idempotencyHeaderName, value: key)
        request.headers.add(name: WebhookSignature.headerName, value: WebhookSignature.header(body: body, secret: gateway.token, unixSeconds: unixSeconds))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: timeout)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            switch response.status.code {
            case 200..<300: return .sent
            case 400..<500 where response.status.code != 408 && response.status.code != 429: return .abandon("SMS gateway HTTP \(response.status.code)")
            default: return .retry("SMS gateway HTTP \(response.status.code)")
            }
        } catch {
            return .retry("SMS gateway: \(error)")
        }
    }

    func shutdown() async { try? await client.shutdown() }
}

/// What became of one attempt to send a notice.
enum NoticeOutcome: Sendable, Equatable {
    case sent
    /// Failed for now; try again after a backoff.
    case retry(String)
    /// Will not succeed; give it up (and audit that).
    case abandon(String)
}
