import NIOCore
import NIOHTTP1
import NIOPosix

/// A minimal keep-alive HTTP/1.1 client for load generation against our own server:
/// one connection, one request at a time, no redirects, no TLS.
///
/// - Note: Unchecked `Sendable` so that a load generator can hand each client to its own task;
///   a client must only ever be used by one task.
final class LoopbackHTTPClient: @unchecked Sendable {
    struct Response {
        var status: Int
        var body: ByteBuffer
    }

    let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
    let host: String
    // A NIO inbound stream allows one iterator for its whole life.
    var responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator

    private init(channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>, host: String) {
        self.channel = channel
        self.host = host
        self.responses = channel.inbound.makeAsyncIterator()
    }

    static func connect(host: String, port: Int) async throws -> LoopbackHTTPClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return LoopbackHTTPClient(channel: channel, host: "\(host):\(port)")
    }

    /// Sends one request and waits for the whole response.
    func send(method: HTTPMethod, path: String, headers: [(String, String)], body: ByteBuffer?) async throws -> Response {
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: host)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        if let body { head.headers.add(name: "Content-Length", value: String(body.readableBytes)) }
        try await channel.channel.writeAndFlush(HTTPClientRequestPart.head(head)).get()
        if let body { try await channel.channel.writeAndFlush(HTTPClientRequestPart.body(.byteBuffer(body))).get() }
        try await channel.channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        return try await readResponse()
    }

    private func readResponse() async throws -> Response {
        var status = 0
        var body = ByteBuffer()
        while let part = try await responses.next() {
            switch part {
            case let .head(head): status = Int(head.status.code)
            case var .body(buffer): body.writeBuffer(&buffer)
            case .end: return Response(status: status, body: body)
            }
        }
        throw CLIError("the server closed the connection")
    }

    func close() async {
        try? await channel.channel.close()
    }
}

extension LoopbackHTTPClient {
    /// Sends a GET and yields the response body as it arrives (Server-Sent Events); the client is spent afterwards.
    func stream(path: String, headers: [(String, String)]) async throws -> AsyncThrowingStream<ByteBuffer, Error> {
        var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path)
        head.headers.add(name: "Host", value: host)
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        try await channel.channel.writeAndFlush(HTTPClientRequestPart.head(head)).get()
        try await channel.channel.writeAndFlush(HTTPClientRequestPart.end(nil)).get()
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, Error>.makeStream()
        let task = Task {
            do {
                while let part = try await responses.next() {
                    switch part {
                    case let .head(head) where head.status.code != 200:
                        throw CLIError("stream answered HTTP \(head.status.code)")
                    case let .body(buffer): continuation.yield(buffer)
                    case .end: continuation.finish()
                    default: break
                    }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
