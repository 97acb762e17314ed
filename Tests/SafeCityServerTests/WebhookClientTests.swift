import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import SafeCityServer
import Testing

/// The webhook client against real servers on 127.0.0.1: keep-alive reuse, receivers that close connections,
/// never answer or redirect, and names that resolve into private networks.
@Suite(.timeLimit(.minutes(2))) struct WebhookClientTests {
    /// A Hummingbird server counting requests and the connections they came on; `/close` answers with
    /// `Connection: close`, `/moved` redirects, everything else is 204.
    actor Receiver {
        private(set) var requests = 0
        private(set) var bodies: [String] = []
        private var task: Task<Void, any Error>?

        func record(_ body: String) { requests += 1; bodies.append(body) }

        func start(port: Int = 0) async throws -> Int {
            let router = Router()
            router.post("/close") { request, _ -> Response in
                await self.record(String(buffer: try await request.body.collect(upTo: 1 << 16)))
                return Response(status: .ok, headers: [.connection: "close"])
            }
            router.post("/moved") { _, _ -> Response in Response(status: .found, headers: [.location: "http://127.0.0.1:9/elsewhere"]) }
            router.post("/hook/{name}") { request, _ -> Response in
                await self.record(String(buffer: try await request.body.collect(upTo: 1 << 16)))
                return Response(status: .noContent)
            }
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
            var logger = Logger(label: "test.receiver")
            logger.logLevel = .critical
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                                  onServerRunning: { continuation.yield($0.localAddress?.port ?? port); continuation.finish() }, logger: logger)
            task = Task { try await app.runService(gracefulShutdownSignals: []) }
            for await bound in stream { return bound }
            throw CancellationError()
        }

        func stop() async {
            task?.cancel()
            _ = try? await task?.value
            task = nil
        }
    }

    /// A client; the default timeout is long because it only guards against a hang: with the whole suite running in
    /// parallel, a receiver in this process may wait its turn for seconds (the timeout test sets its own).
    static func client(connections: Int = 4, timeout: TimeAmount = .seconds(120),
                       resolve: (@Sendable (String, Int) async throws -> SocketAddress)? = nil) throws -> WebhookClient {
        try WebhookClient(settings: .init(connectionsPerOrigin: connections, requestTimeout: timeout, resolve: resolve))
    }

    static func json(_ text: String) -> (HTTPHeaders, ByteBuffer) {
        (["Content-Type": "application/json"], ByteBuffer(string: text))
    }

    @Test func manyPostsOverAFewConnectionsAllArriveWithTheirBodies() async throws {
        let receiver = Receiver()
        let port = try await receiver.start()
        let client = try Self.client(connections: 3)
        let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
            for i in 0..<200 {
                group.addTask {
                    let (headers, body) = Self.json(#"{"n":\#(i)}"#)
                    return try await client.post("http://127.0.0.1:\(port)/hook/s\(i)?q=1", headers: headers, body: body)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 200 && statuses.allSatisfy { $0 == .noContent })
        #expect(await receiver.requests == 200)
        #expect(Set(await receiver.bodies) == Set((0..<200).map { #"{"n":\#($0)}"# }))
        client.shutdown()
        await receiver.stop()
    }

    @Test func receiversThatCloseConnectionsAreFollowedOnNewOnes() async throws {
        let receiver = Receiver()
        let port = try await receiver.start()
        let client = try Self.client(connections: 1)
        let (headers, body) = Self.json("{}")
        // `Connection: close` on every answer: each POST needs a new connection, and gets one.
        for _ in 0..<5 { #expect(try await client.post("http://127.0.0.1:\(port)/close", headers: headers, body: body) == .ok) }
        // The receiver restarts: the pooled keep-alive connection is dead, the next POST goes out on a new one.
        #expect(try await client.post("http://127.0.0.1:\(port)/hook/a", headers: headers, body: body) == .noContent)
        await receiver.stop()
        _ = try await receiver.start(port: port)
        #expect(try await client.post("http://127.0.0.1:\(port)/hook/a", headers: headers, body: body) == .noContent)
        #expect(await receiver.requests == 7, "every POST arrived once")
        client.shutdown()
        await receiver.stop()
    }

    @Test func redirectsAreAnswersNotFollowed() async throws {
        let receiver = Receiver()
        let port = try await receiver.start()
        let client = try Self.client()
        let (headers, body) = Self.json("{}")
        #expect(try await client.post("http://127.0.0.1:\(port)/moved", headers: headers, body: body) == .found)
        client.shutdown()
        await receiver.stop()
    }

    @Test func aReceiverThatNeverAnswersTimesOut() async throws {
        // Accepts connections and reads nothing back: no handlers at all.
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let client = try Self.client(timeout: .milliseconds(300))
        let (headers, body) = Self.json("{}")
        await #expect(throws: WebhookExchangeError.self) {
            _ = try await client.post("http://127.0.0.1:\(silent.localAddress!.port!)/hook", headers: headers, body: body)
        }
        client.shutdown()
        try await silent.close()
    }

    @Test func namesResolvingIntoPrivateNetworksAreRefusedButLiteralsAndLocalhostAreNot() async throws {
        let receiver = Receiver()
        let port = try await receiver.start()
        let client = try Self.client(resolve: { host, port in
            // "hooks.example.org" pretends to be public and points at loopback (DNS rebinding).
            try SocketAddress(ipAddress: "127.0.0.1", port: port)
        })
        let (headers, body) = Self.json("{}")
        do {
            _ = try await client.post("http://hooks.example.org:\(port)/hook/x", headers: headers, body: body)
            Issue.record("a public name resolving to 127.0.0.1 was let through")
        } catch let failure as WebhookClient.Failure {
            #expect(failure.description.contains("127.0.0.1"))
        }
        #expect(await receiver.requests == 0)
        // A literal was judged when the subscription was made; `localhost` is private in itself (staff only).
        #expect(try await client.post("http://127.0.0.1:\(port)/hook/x", headers: headers, body: body) == .noContent)
        #expect(try await client.post("http://localhost:\(port)/hook/x", headers: headers, body: body) == .noContent)
        await #expect(throws: WebhookClient.Failure.self) {
            _ = try await client.post("ftp://127.0.0.1/x", headers: headers, body: body)
        }
        client.shutdown()
        await receiver.stop()
    }
}
