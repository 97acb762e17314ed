import NIOCore

/// The last handler of a client channel: hands decoded packets to the client in order and keeps the connection alive.
///
/// Sends PINGREQ when nothing was written for the keep-alive interval (signalled by an `IdleStateHandler`
/// in front of it) and closes the channel if no PINGRESP follows within the same interval.
/// - Note: Event-loop bound; create one per channel inside the channel initializer.
final class MQTTClientHandler: ChannelInboundHandler {
    typealias InboundIn = MQTTPacket
    typealias OutboundOut = MQTTPacket

    /// What the handler reports to the client, in wire order.
    enum Event: Sendable {
        /// A packet other than PINGRESP arrived.
        case packet(MQTTPacket)
        /// The channel closed; `error` says why when it was not a clean close.
        case closed(error: (any Error)?)
    }

    private let events: AsyncStream<Event>.Continuation
    private let keepAliveSeconds: UInt16
    private var pingTimeout: Scheduled<Void>?
    private var closeError: (any Error)?

    init(events: AsyncStream<Event>.Continuation, keepAliveSeconds: UInt16) {
        self.events = events
        self.keepAliveSeconds = keepAliveSeconds
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = Self.unwrapInboundIn(data)
        if case .pingresp = packet {
            pingTimeout?.cancel()
            pingTimeout = nil
            return
        }
        events.yield(.packet(packet))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let idle = event as? IdleStateHandler.IdleStateEvent, idle == .write else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard pingTimeout == nil else { return }
        context.writeAndFlush(Self.wrapOutboundOut(.pingreq), promise: nil)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        pingTimeout = context.eventLoop.scheduleTask(in: .seconds(Int64(keepAliveSeconds))) {
            let (handler, context) = loopBound.value
            handler.pingTimeout = nil
            handler.closeError = handler.closeError ?? MQTTError.timeout(waitingFor: "PINGRESP")
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if closeError == nil { closeError = error }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        pingTimeout?.cancel()
        pingTimeout = nil
        events.yield(.closed(error: closeError))
        events.finish()
        context.fireChannelInactive()
    }
}
