import NIOCore

/// Turns lines into replies and hands them to whoever waits, one at a time.
///
/// - Warning: Touched only on its channel's event loop (hence `@unchecked Sendable`): ``SMTPSession`` reaches it
///   through `eventLoop.flatSubmit`.
final class SMTPReplyHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = String

    private var parser = SMTPReplyParser()
    private var ready: [Result<SMTPReply, MailError>] = []
    private var waiter: EventLoopPromise<SMTPReply>?
    private var timeout: Scheduled<Void>?
    private var ended: MailError?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        do {
            if let reply = try parser.add(line: unwrapInboundIn(data)) { deliver(.success(reply)) }
        } catch {
            finish(error, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.transient("the SMTP server closed the connection"), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        finish((error as? MailError) ?? .transient("SMTP connection failed: \(error)"), context: context)
    }

    /// The next reply, failing after `timeout` (the connection is then useless, and is closed).
    func nextReply(on eventLoop: EventLoop, timeout amount: TimeAmount, channel: Channel) -> EventLoopFuture<SMTPReply> {
        if !ready.isEmpty {
            switch ready.removeFirst() {
            case .success(let reply): return eventLoop.makeSucceededFuture(reply)
            case .failure(let error): return eventLoop.makeFailedFuture(error)
            }
        }
        if let ended { return eventLoop.makeFailedFuture(ended) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiter = promise
        timeout = eventLoop.scheduleTask(in: amount) { [self] in
            guard let waiting = waiter else { return }
            waiter = nil
            ended = .transient("no SMTP reply within \(amount.nanoseconds / 1_000_000_000) s")
            waiting.fail(ended!)
            channel.close(promise: nil)
        }
        return promise.futureResult
    }

    private func deliver(_ result: Result<SMTPReply, MailError>) {
        if let waiting = waiter {
            waiter = nil
            timeout?.cancel()
            waiting.completeWith(result.mapError { $0 as any Error })
        } else {
            ready.append(result)
        }
    }

    private func finish(_ error: MailError, context: ChannelHandlerContext) {
        guard ended == nil else { return }
        ended = error
        deliver(.failure(error))
        context.close(promise: nil)
    }
}
