import Alerting
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// POSTs webhooks over HTTP/1.1 keep-alive connections, pooled per origin: one request per connection at a
/// time, no redirects followed, and a name that resolves to a private address refused at every connection.
///
/// - Note: Made for one thing, fanning a message out to many receivers fast: a request is a few writes on
///   an open connection and one promise, about a third of the work of a general-purpose client per POST.
public final class WebhookClient: Sendable {
    /// Limits and the name resolver.
    public struct Settings: Sendable {
        public var connectionsPerOrigin: Int
        public var connectTimeout: TimeAmount
        public var requestTimeout: TimeAmount
        /// Resolves a host name to the address to connect to; the system resolver (getaddrinfo) unless given.
        public var resolve: (@Sendable (_ host: String, _ port: Int) async throws -> SocketAddress)?

        public init(connectionsPerOrigin: Int, connectTimeout: TimeAmount = .seconds(2), requestTimeout: TimeAmount,
                    resolve: (@Sendable (_ host: String, _ port: Int) async throws -> SocketAddress)? = nil) {
            self.connectionsPerOrigin = connectionsPerOrigin
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.resolve = resolve
        }
    }

    /// Why a POST could not be made at all (as opposed to an answer that was not 2xx).
    public enum Failure: Error, CustomStringConvertible {
        case invalidURL
        case privateAddress(host: String, address: String)
        case unresolvable(host: String)

        public var description: String {
            switch self {
            case .invalidURL: "not an http(s) URL"
            case let .privateAddress(host, address): "\(host) resolves to \(address), a loopback, private or link-local address"
            case let .unresolvable(host): "\(host) does not resolve"
            }
        }
    }

    private let settings: Settings
    private let group: any EventLoopGroup
    private let tls: NIOSSLContext
    private let pools = Mutex<[WebhookOrigin: WebhookConnectionPool]>([:])

    public init(settings: Settings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.settings = settings
        self.group = group
        tls = try NIOSSLContext(configuration: .makeClientConfiguration())
    }

    /// POSTs `body` to `url` with `headers` (Host, Content-Length and Connection are set here); returns the status.
    public func post(_ url: String, headers: HTTPHeaders, body: ByteBuffer) async throws -> HTTPResponseStatus {
        guard let (origin, target) = WebhookOrigin.parse(url) else { throw Failure.invalidURL }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target, headers: headers)
        head.headers.replaceOrAdd(name: "Host", value: origin.hostHeader)
        head.headers.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes))
        head.headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        let pool = pool(for: origin)
        var retried = false
        while true {
            let lease = try await pool.lease()
            var channel: (any Channel)?
            var reused = false
            do {
                switch lease {
                case let .reuse(open):
                    channel = open
                    reused = true
                case .connect:
                    channel = try await connect(to: origin)
                }
                let answer = try await exchange(on: channel!, head: head, body: body)
                pool.release(channel, reusable: answer.keepAlive)
                return answer.status
            } catch WebhookExchangeError.closedBeforeAnswer where reused && !retried {
                // The receiver closed an idle keep-alive connection as we used it: once more on a new one
                // (the idempotency key makes a repeat harmless should it have arrived after all).
                pool.release(channel, reusable: false)
                retried = true
            } catch {
                pool.release(channel, reusable: false)
                throw error
            }
        }
    }

    /// Closes every pooled connection.
    public func shutdown() {
        let all = pools.withLock { pools in
            defer { pools = [:] }
            return Array(pools.values)
        }
        for pool in all { pool.shutdown() }
    }

    private func pool(for origin: WebhookOrigin) -> WebhookConnectionPool {
        pools.withLock { pools in
            if let pool = pools[origin] { return pool }
            let pool = WebhookConnectionPool(limit: settings.connectionsPerOrigin)
            pools[origin] = pool
            return pool
        }
    }

    private func exchange(on channel: any Channel, head: HTTPRequestHead, body: ByteBuffer) async throws -> WebhookAnswer {
        let promise = channel.eventLoop.makePromise(of: WebhookAnswer.self)
        // A write that never reaches the handler (the channel closed meanwhile) fails the exchange too.
        channel.writeAndFlush(WebhookExchange(head: head, body: body, promise: promise, timeout: settings.requestTimeout))
            .whenFailure { promise.fail($0) }
        return try await promise.futureResult.get()
    }

    private func connect(to origin: WebhookOrigin) async throws -> any Channel {
        let address = try await resolve(origin)
        let tls = self.tls
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(settings.connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    if origin.secure {
                        try pipeline.addHandler(NIOSSLClientHandler(context: tls, serverHostname: origin.isAddressLiteral ? nil : origin.host))
                    }
                    try pipeline.addHTTPClientHandlers()
                    try pipeline.addHandler(WebhookExchangeHandler())
                }
            }
        return try await bootstrap.connect(to: address).get()
    }

    /// The address to connect to. An IP literal was checked when the subscription was made (staff may admit
    /// private ones); a name is resolved here, each time a connection opens, and refused if it lands on a private
    /// address, so that a public-looking name cannot lead the sender into the city's own network.
    private func resolve(_ origin: WebhookOrigin) async throws -> SocketAddress {
        if origin.isAddressLiteral { return try SocketAddress(ipAddress: origin.host, port: origin.port) }
        let address: SocketAddress
        do {
            if let resolve = settings.resolve {
                address = try await resolve(origin.host, origin.port)
            } else {
                address = try await NIOThreadPool.singleton.runIfActive { try SocketAddress.makeAddressResolvingHost(origin.host, port: origin.port) }
            }
        } catch {
            throw Failure.unresolvable(host: origin.host)
        }
        // Names that are private in themselves (`localhost`) could only have been admitted by staff.
        if let ip = address.ipAddress, SubscriptionRequest.isPrivate(host: ip), !SubscriptionRequest.isPrivate(host: origin.host) {
            throw Failure.privateAddress(host: origin.host, address: ip)
        }
        return address
    }
}
