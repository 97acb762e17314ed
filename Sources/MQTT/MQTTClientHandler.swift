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
    /// Whether the broker has answered CONNECT: a PINGREQ before that is a protocol error and the broker drops us.
    private var connackReceived = false

    /// CONNECT, written as soon as the TCP connection is up, on the event loop: a client whose tasks are
    /// slow to be scheduled must not leave the broker waiting for it.
    private let connect: MQTTPacket

    init(events: AsyncStream<Event>.Continuation, keepAliveSeconds: UInt16, connect: MQTTPacket) {
        self.events = events
        self.keepAliveSeconds = keepAliveSeconds
        self.connect = connect
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(Self.wrapOutboundOut(connect), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let packet = Self.unwrapInboundIn(data)
        if case .connack = packet { connackReceived = true }
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
        // Until CONNACK the client's connect timeout watches the connection; a starved client may not have sent CONNECT yet.
        guard connackReceived, pingTimeout == nil else { return }
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
