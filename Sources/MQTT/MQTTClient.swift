import NIOCore
import NIOPosix

/// An MQTT 3.1.1 client over TCP: connect, subscribe, publish at QoS 0 or 1, receive on `messages`.
///
/// Incoming messages arrive on `messages` in the order the broker sent them. A QoS 1 message is
/// acknowledged (PUBACK) only after it has been yielded into `messages`, which gives at-least-once
/// delivery up to the stream's buffer: the broker re-sends what it has not seen acknowledged, so a
/// consumer may see duplicates and should be idempotent.
///
/// After a successful `connect`, a lost connection is re-established with capped exponential backoff and
/// every subscription is renewed; `events` reports each step.
///
/// - Note: Messages buffered in `messages` but not yet consumed are lost if the process dies, even though
///   they were acknowledged. The buffer is unbounded: a consumer that stops reading grows memory.
/// - Note: A QoS 1 `publish` in flight when the connection drops fails with `MQTTError.connectionClosed`;
///   it is not re-sent after reconnecting.
public actor MQTTClient {
    /// Every application message received, in arrival order; finishes on `shutdown()`.
    public nonisolated let messages: AsyncStream<MQTTMessage>
    /// Connection changes (connected, lost, reconnecting); keeps the newest 64 unread; finishes on `shutdown()`.
    public nonisolated let events: AsyncStream<MQTTClientEvent>

    enum State { case idle, connecting, connected, reconnecting, shutDown }

    struct Target {
        var host: String
        var port: Int
        var connect: MQTTConnect
    }

    struct Pending {
        var generation: Int
        var continuation: CheckedContinuation<MQTTPacket, any Error>
    }

    let group: any EventLoopGroup
    let configuration: MQTTClientConfiguration
    let messagesContinuation: AsyncStream<MQTTMessage>.Continuation
    let eventsContinuation: AsyncStream<MQTTClientEvent>.Continuation

    var state = State.idle
    var target: Target?
    var channel: (any Channel)?
    /// Counts channels opened, so events from a closed channel are told apart from the current one's.
    var generation = 0
    var pendingConnAck: (generation: Int, continuation: CheckedContinuation<MQTTConnAck, any Error>)?
    var pending: [UInt16: Pending] = [:]
    var nextPacketID: UInt16 = 1
    var subscriptions: [String: MQTTQoS] = [:]
    var reconnectTask: Task<Void, Never>?

    /// Creates a disconnected client on `eventLoopGroup`, which the caller owns and shuts down.
    public init(
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        configuration: MQTTClientConfiguration = MQTTClientConfiguration()
    ) {
        self.group = eventLoopGroup
        self.configuration = configuration
        (messages, messagesContinuation) = AsyncStream.makeStream(of: MQTTMessage.self)
        (events, eventsContinuation) = AsyncStream.makeStream(of: MQTTClientEvent.self, bufferingPolicy: .bufferingNewest(64))
    }

    deinit {
        messagesContinuation.finish()
        eventsContinuation.finish()
    }

    /// Whether the client currently holds an accepted connection.
    public var isConnected: Bool { state == .connected }

    /// The filters the client is subscribed to (and renews after a reconnect), with their requested QoS.
    public var activeSubscriptions: [String: MQTTQoS] { subscriptions }

    /// Opens a TCP connection to `host:port`, sends CONNECT and waits for CONNACK.
    ///
    /// - Parameters:
    ///   - keepAliveSeconds: the longest silence promised to the broker; a PINGREQ is sent when the client
    ///     has written nothing for that long, and the connection is dropped if no PINGRESP comes within it. 0 turns it off.
    ///   - cleanSession: whether the broker starts a fresh session (subscriptions are renewed by the client either way).
    /// - Throws: `MQTTError.connectionRefused` with the broker's reason (bad user name or password, not authorised, …),
    ///   `MQTTError.timeout`, a NIO connection error, or `MQTTError.alreadyConnected`. A failed first connect is not retried.
    public func connect(
        host: String,
        port: Int,
        clientID: String,
        keepAliveSeconds: UInt16 = 60,
        credentials: MQTTCredentials? = nil,
        cleanSession: Bool = true
    ) async throws {
        switch state {
        case .idle: break
        case .shutDown: throw MQTTError.shutDown
        case .connecting, .connected, .reconnecting: throw MQTTError.alreadyConnected
        }
        let connect = MQTTConnect(clientID: clientID, cleanSession: cleanSession, keepAliveSeconds: keepAliveSeconds, credentials: credentials)
        var probe = ByteBuffer()
        try MQTTPacket.connect(connect).encode(into: &probe)
        let target = Target(host: host, port: port, connect: connect)
        self.target = target
        state = .connecting
        do {
            let connack = try await establish(target)
            guard state == .connecting else {
                closeChannel()
                throw state == .shutDown ? MQTTError.shutDown : MQTTError.connectionClosed
            }
            state = .connected
            eventsContinuation.yield(.connected(sessionPresent: connack.sessionPresent))
        } catch {
            if state == .connecting { state = .idle }
            throw error
        }
    }

    /// Subscribes to each filter with its requested QoS (0 or 1) and remembers them for reconnects.
    ///
    /// - Returns: the QoS the broker granted per filter (it may grant less than requested).
    /// - Throws: `MQTTError.invalidTopicFilter`, `MQTTError.unsupportedQoS` for QoS 2, `MQTTError.notConnected`, or
    ///   `MQTTError.subscriptionFailed` naming the filters the broker refused (0x80); the others stay subscribed.
    @discardableResult
    public func subscribe(_ filters: [String: MQTTQoS]) async throws -> [String: MQTTQoS] {
        let requests = try filters.keys.sorted().map { filter in
            let qos = filters[filter]!
            _ = try TopicFilter(filter)
            guard qos != .exactlyOnce else { throw MQTTError.unsupportedQoS(qos) }
            return MQTTSubscription(filter: filter, qos: qos)
        }
        guard !requests.isEmpty else { return [:] }
        guard state == .connected else { throw MQTTError.notConnected }
        let (granted, refused) = try await sendSubscribe(requests)
        guard refused.isEmpty else { throw MQTTError.subscriptionFailed(filters: refused) }
        return granted
    }

    /// Subscribes to one filter; see `subscribe(_:)`.
    @discardableResult
    public func subscribe(_ filter: String, qos: MQTTQoS) async throws -> MQTTQoS {
        try await subscribe([filter: qos])[filter] ?? qos
    }

    /// Removes subscriptions and waits for UNSUBACK.
    ///
    /// - Throws: `MQTTError.notConnected` or `MQTTError.connectionClosed`.
    public func unsubscribe(_ filters: [String]) async throws {
        guard !filters.isEmpty else { return }
        for filter in filters { _ = try TopicFilter(filter) }
        guard state == .connected, let channel else { throw MQTTError.notConnected }
        let packetID = try allocatePacketID()
        _ = try await request(.unsubscribe(MQTTUnsubscribe(packetID: packetID, filters: filters)), packetID: packetID, on: channel)
        for filter in filters { subscriptions[filter] = nil }
    }

    /// Publishes a message. QoS 0 returns once written to the socket; QoS 1 returns once the broker's PUBACK arrives.
    ///
    /// - Throws: `MQTTError.invalidTopicName`, `MQTTError.unsupportedQoS` for QoS 2, `MQTTError.valueTooLong`,
    ///   `MQTTError.notConnected` (also while reconnecting), or `MQTTError.connectionClosed` if the connection drops first.
    public func publish(topic: String, payload: [UInt8], qos: MQTTQoS = .atMostOnce, retain: Bool = false) async throws {
        try TopicFilter.validateTopicName(topic)
        guard qos != .exactlyOnce else { throw MQTTError.unsupportedQoS(qos) }
        let size = 2 + topic.utf8.count + 2 + payload.count
        guard size <= MQTTRemainingLength.maxValue else {
            throw MQTTError.valueTooLong(field: "PUBLISH packet", bytes: size, limit: MQTTRemainingLength.maxValue)
        }
        guard state == .connected, let channel else { throw MQTTError.notConnected }
        if qos == .atMostOnce {
            try await channel.writeAndFlush(MQTTPacket.publish(MQTTPublish(topic: topic, payload: payload, qos: qos, retain: retain))).get()
            return
        }
        let packetID = try allocatePacketID()
        let publish = MQTTPublish(topic: topic, payload: payload, qos: qos, retain: retain, packetID: packetID)
        _ = try await request(.publish(publish), packetID: packetID, on: channel)
    }

    /// Sends DISCONNECT, closes the connection and stops reconnecting; `connect` may be called again.
    ///
    /// Operations waiting for the broker fail with `MQTTError.connectionClosed`. Subscriptions are forgotten.
    public func disconnect() async {
        reconnectTask?.cancel()
        reconnectTask = nil
        let wasOpen = state == .connected || state == .connecting || state == .reconnecting
        if state != .shutDown { state = .idle }
        subscriptions = [:]
        failPending(with: MQTTError.connectionClosed)
        if let channel {
            self.channel = nil
            try? await channel.writeAndFlush(MQTTPacket.disconnect).get()
            try? await channel.close().get()
        }
        if wasOpen { eventsContinuation.yield(.disconnected(reason: nil)) }
    }

    /// Disconnects and finishes `messages` and `events`; the client cannot be used afterwards.
    ///
    /// - Note: Does not shut down the event loop group, which belongs to the caller.
    public func shutdown() async {
        await disconnect()
        state = .shutDown
        messagesContinuation.finish()
        eventsContinuation.finish()
    }
}
