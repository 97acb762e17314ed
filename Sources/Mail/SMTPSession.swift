import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP conversation with a relay (RFC 5321): greeting, EHLO (HELO if refused), STARTTLS, AUTH, then any number
/// of messages, each MAIL FROM / RCPT TO / DATA, and QUIT.
///
/// - Note: A 4xx or 5xx refusal of one message is that message's outcome (the session goes on after RSET); a lost
///   connection, a timeout or a reply that is not SMTP ends the session, and later sends fail as transient.
public final class SMTPSession: Sendable {
    private let channel: Channel
    private let handler: SMTPReplyHandler
    private let relay: MailRelay
    private let timeout: TimeAmount

    private init(channel: Channel, handler: SMTPReplyHandler, relay: MailRelay) {
        self.channel = channel
        self.handler = handler
        self.relay = relay
        self.timeout = .seconds(relay.timeoutSeconds)
    }

    /// Connects, greets, protects and logs in; a 5xx greeting or refused login is permanent, the rest transient.
    public static func open(_ relay: MailRelay, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws(MailError) -> SMTPSession {
        guard case let .server(host, port, security) = relay.destination else { throw .permanent("not an SMTP relay: \(relay)") }
        let tls: NIOSSLContext?
        do { tls = try makeTLS(relay) } catch { throw .permanent("TLS set-up: \(error)") }
        // The handler comes out of the initializer: looked up after the connect, it may already be gone from a
        // pipeline that a garbled greeting closed.
        let channel: Channel
        let handler: SMTPReplyHandler
        do {
            (channel, handler) = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(relay.timeoutSeconds))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if security == .implicitTLS, let tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)))
                        }
                        let replies = SMTPReplyHandler()
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder()))
                        try channel.pipeline.syncOperations.addHandler(replies)
                        return (channel, replies)
                    }
                }
        } catch {
            throw .transient("cannot connect to \(host):\(port): \(error)")
        }
        let session = SMTPSession(channel: channel, handler: handler, relay: relay)
        do {
            try await session.start(host: host, security: security, tls: tls)
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return session
    }

    /// Sends one message to its `to` address; returns when the server has taken it (250 after the data).
    public func send(_ message: MailMessage) async throws(MailError) {
        let refused: SMTPReply
        do {
            var reply = try await command("MAIL FROM:<\(relay.from.text)>")
            if reply.isPositiveCompletion {
                reply = try await command("RCPT TO:<\(message.to.text)>")
                if reply.isPositiveCompletion {
                    reply = try await command("DATA")
                    if reply.isPositiveIntermediate {
                        reply = try await exchange(SMTPData.encode(message.rendered()))
                        if reply.isPositiveCompletion { return }
                        throw Self.failure(reply, during: "end of data")
                    }
                }
            }
            refused = reply
        }
        // The transaction is left open on a refusal: reset it so the next message starts clean.
        let reset = try await command("RSET")
        guard reset.isPositiveCompletion else { throw Self.failure(reset, during: "RSET") }
        throw Self.failure(refused, during: "sending the message")
    }

    /// Whether the connection is still up (a refused message leaves it so; a timeout or a reply that is not SMTP closes it).
    public var isActive: Bool { channel.isActive }

    /// Says QUIT and closes (errors ignored: the messages are already taken).
    public func close() async {
        _ = try? await command("QUIT")
        try? await channel.close().get()
    }

    private func start(host: String, security: MailRelay.Security, tls: NIOSSLContext?) async throws(MailError) {
        let greeting = try await reply()
        guard greeting.isPositiveCompletion else { throw Self.failure(greeting, during: "greeting") }
        var hello = try await greet()
        if security == .startTLSRequired || security == .opportunistic {
            let offered = hello.extensions["STARTTLS"] != nil
            if security == .startTLSRequired, !offered { throw .permanent("the SMTP server does not offer STARTTLS, which the URL requires") }
            if offered, let tls {
                let answer = try await command("STARTTLS")
                guard answer.isPositiveCompletion else { throw Self.failure(answer, during: "STARTTLS") }
                do {
                    try await channel.eventLoop.submit { [channel] in
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: Self.sniName(host)), position: .first)
                    }.get()
                } catch { throw .transient("STARTTLS: \(error)") }
                hello = try await greet()  // RFC 3207 §4.2: forget what was said before TLS
            }
        }
        if let user = relay.username, let password = relay.password {
            let methods = hello.extensions["AUTH"] ?? []
            if methods.contains("PLAIN") || !methods.contains("LOGIN") {
                let answer = try await command("AUTH PLAIN " + Base64.encode([0] + Array(user.utf8) + [0] + Array(password.utf8)), secret: true)
                guard answer.isPositiveCompletion else { throw Self.failure(answer, during: "AUTH PLAIN") }
            } else {
                var answer = try await command("AUTH LOGIN")
                guard answer.isPositiveIntermediate else { throw Self.failure(answer, during: "AUTH LOGIN") }
                answer = try await command(Base64.encode(Array(user.utf8)), secret: true)
                guard answer.isPositiveIntermediate else { throw Self.failure(answer, during: "AUTH LOGIN user") }
                answer = try await command(Base64.encode(Array(password.utf8)), secret: true)
                guard answer.isPositiveCompletion else { throw Self.failure(answer, during: "AUTH LOGIN password") }
            }
        }
    }

    /// EHLO, or HELO when the server does not know EHLO (RFC 5321 §4.1.4).
    private func greet() async throws(MailError) -> SMTPReply {
        let ehlo = try await command("EHLO \(relay.heloName)")
        if ehlo.isPositiveCompletion { return ehlo }
        guard ehlo.isPermanentFailure else { throw Self.failure(ehlo, during: "EHLO") }
        let helo = try await command("HELO \(relay.heloName)")
        guard helo.isPositiveCompletion else { throw Self.failure(helo, during: "HELO") }
        return SMTPReply(code: helo.code, lines: [helo.lines.first ?? ""])
    }

    private func command(_ line: String, secret: Bool = false) async throws(MailError) -> SMTPReply {
        try await exchange(Array((line + "\r\n").utf8))
    }

    private func exchange(_ bytes: [UInt8]) async throws(MailError) -> SMTPReply {
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
        } catch {
            throw .transient("SMTP write failed: \(error)")
        }
        return try await reply()
    }

    private func reply() async throws(MailError) -> SMTPReply {
        let handler = handler, channel = channel, timeout = timeout
        do {
            return try await channel.eventLoop.flatSubmit { handler.nextReply(on: channel.eventLoop, timeout: timeout, channel: channel) }.get()
        } catch let error as MailError {
            throw error
        } catch {
            throw .transient("SMTP: \(error)")
        }
    }

    /// A reply class as an outcome: 4xx transient, anything else unexpected permanent.
    static func failure(_ reply: SMTPReply, during step: String) -> MailError {
        reply.isTransientFailure ? .transient("\(step): \(reply)") : reply.isPermanentFailure ? .permanent("\(step): \(reply)")
            : .transient("\(step): unexpected reply \(reply)")
    }

    private static func makeTLS(_ relay: MailRelay) throws -> NIOSSLContext? {
        guard case let .server(_, _, security) = relay.destination, security != .plain else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let path = relay.trustRootsPath { configuration.additionalTrustRoots = [.file(path)] }
        return try NIOSSLContext(configuration: configuration)
    }

    /// SNI takes names, not IP literals (RFC 6066 §3).
    private static func sniName(_ host: String) -> String? {
        host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) ? nil : host
    }
}
