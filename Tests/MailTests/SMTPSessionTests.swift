import Mail
import NIOCore
import NIOPosix
import SafeCityCore
import Testing

/// The client against servers that misbehave, on 127.0.0.1: one that answers with something other than SMTP, one that
/// never answers, and a port nobody listens on. Every case is a transient error, never a crash or a hang.
@Suite(.timeLimit(.minutes(5))) struct SMTPSessionTests {
    /// A TCP server that writes `greeting` to each connection and then stays silent.
    final class Speaker: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let greeting: String
        init(greeting: String) { self.greeting = greeting }
        func channelActive(context: ChannelHandlerContext) {
            if !greeting.isEmpty { context.writeAndFlush(NIOAny(ByteBuffer(string: greeting)), promise: nil) }
        }
    }

    static func listen(greeting: String) async throws -> Channel {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Speaker(greeting: greeting)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    static func relay(port: Int, timeoutSeconds: Int = 30) throws -> MailRelay {
        try MailRelay(url: "smtp://127.0.0.1:\(port)?from=noreply@city.example&starttls=off&timeout=\(timeoutSeconds)")
    }

    @Test func aServerSpeakingHTTPIsATransientProtocolError() async throws {
        let server = try await Self.listen(greeting: "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
        defer { server.close(promise: nil) }
        await #expect(throws: MailError.transient("not an SMTP reply: \"HTTP/1.1 400 Bad Request\"")) {
            _ = try await SMTPSession.open(Self.relay(port: server.localAddress!.port!))
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await Self.listen(greeting: "")
        defer { server.close(promise: nil) }
        await #expect(throws: MailError.transient("no SMTP reply within 1 s")) {
            _ = try await SMTPSession.open(Self.relay(port: server.localAddress!.port!, timeoutSeconds: 1))
        }
    }

    @Test func aRefusedGreetingIsPermanentAndABusyOneTransient() async throws {
        let refusing = try await Self.listen(greeting: "554 no SMTP service here\r\n")
        defer { refusing.close(promise: nil) }
        await #expect(throws: MailError.permanent("greeting: 554 no SMTP service here")) {
            _ = try await SMTPSession.open(Self.relay(port: refusing.localAddress!.port!))
        }
        let busy = try await Self.listen(greeting: "421 busy, try later\r\n")
        defer { busy.close(promise: nil) }
        await #expect(throws: MailError.transient("greeting: 421 busy, try later")) {
            _ = try await SMTPSession.open(Self.relay(port: busy.localAddress!.port!))
        }
    }

    @Test func nobodyListeningIsTransient() async throws {
        let server = try await Self.listen(greeting: "")
        let port = server.localAddress!.port!
        try await server.close()
        let relay = try Self.relay(port: port)
        do {
            _ = try await SMTPSession.open(relay)
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.isTransient && error.description.hasPrefix("cannot connect to 127.0.0.1:\(port)"), "\(error)")
        }
    }
}
