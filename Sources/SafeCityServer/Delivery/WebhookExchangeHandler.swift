import NIOCore
import NIOHTTP1

/// One POST written on a connection and the promise of its answer.
struct WebhookExchange: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer
    var promise: EventLoopPromise<WebhookAnswer>
    var timeout: TimeAmount
}

/// What a receiver answered: the status, and whether the connection may carry another request.
struct WebhookAnswer: Sendable {
    var status: HTTPResponseStatus
    var keepAlive: Bool
}

/// Why an exchange failed before an answer came.
public enum WebhookExchangeError: Error, CustomStringConvertible {
    /// The connection closed before the answer; on a reused connection the request may simply be sent again.
    case closedBeforeAnswer
    case timedOut(TimeAmount)
    /// A second request on a connection that is still waiting for an answer (a pool fault, never the receiver's).
    case busy

    public var description: String {
        switch self {
        case .closedBeforeAnswer: "connection closed before the answer"
        case let .timedOut(limit): "no answer within \(limit.nanoseconds / 1_000_000_000) s"
        case .busy: "connection busy"
        }
    }
}

/// Runs one HTTP/1.1 exchange at a time on its connection: writes the request, reads the answer's head and
/// end (the body is read and dropped), and fails the exchange when the connection closes or the time runs out.
final class WebhookExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = WebhookExchange
    typealias OutboundOut = HTTPClientRequestPart

    private var pending: EventLoopPromise<WebhookAnswer>?
    private var answer: WebhookAnswer?
    private var timer: Scheduled<Void>?

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil else {
            exchange.promise.fail(WebhookExchangeError.busy)
            promise?.fail(WebhookExchangeError.busy)
            return
        }
        pending = exchange.promise
        answer = nil
        let limit = exchange.timeout
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: limit) { [weak self] in
            self?.fail(WebhookExchangeError.timedOut(limit), context: context)
        }
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
        context.write(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            answer = WebhookAnswer(status: head.status, keepAlive: head.isKeepAlive)
        case .body:
            break
        case .end:
            guard let promise = pending, let answer else { return }
            pending = nil
            timer?.cancel()
            timer = nil
            if !answer.keepAlive { context.close(promise: nil) }
            promise.succeed(answer)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(WebhookExchangeError.closedBeforeAnswer, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(error, context: context)
    }

    private func fail(_ error: Error, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        if let promise = pending {
            pending = nil
            promise.fail(error)
        }
        context.close(promise: nil)
    }
}
