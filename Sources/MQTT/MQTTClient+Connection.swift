import NIOCore
import NIOPosix

extension MQTTClient {
    /// Opens a channel, starts reading it, sends CONNECT and waits for an accepting CONNACK.
    func establish(_ target: Target) async throws -> MQTTConnAck {
        let (stream, continuation) = AsyncStream.makeStream(of: MQTTClientHandler.Event.self)
        let maxPacketBytes = configuration.maxPacketBytes
        let keepAliveSeconds = target.connect.keepAliveSeconds
        let connect = MQTTPacket.connect(target.connect)
        let timeout = TimeAmount.milliseconds(Int64(configuration.connectTimeoutSeconds * 1000))
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(ByteToMessageHandler(MQTTPacketDecoder(maxPacketBytes: maxPacketBytes)))
                    try pipeline.addHandler(MessageToByteHandler(MQTTPacketEncoder()))
                    if keepAliveSeconds > 0 {
                        // 90 % of the interval, so the PINGREQ lands before the broker's deadline.
                        try pipeline.addHandler(IdleStateHandler(writeTimeout: .milliseconds(Int64(keepAliveSeconds) * 900)))
                    }
                    try pipeline.addHandler(MQTTClientHandler(events: continuation, keepAliveSeconds: keepAliveSeconds, connect: connect))
                }
            }
            .connect(host: target.host, port: target.port)
            .get()
        self.generation += 1
        let generation = self.generation
        self.channel = channel
        Task { [stream] in
            for await event in stream {
                self.handle(event, generation: generation)
            }
        }
        let timeoutTask = Task {
            try await Task.sleep(for: .milliseconds(Int(configuration.connectTimeoutSeconds * 1000)))
            self.failConnAck(generation: generation, with: MQTTError.timeout(waitingFor: "CONNACK"))
        }
        defer { timeoutTask.cancel() }
        // The handler has sent CONNECT already; its CONNACK waits in the event stream until this is set.
        let connack = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<MQTTConnAck, any Error>) in
            pendingConnAck = (generation, continuation)
        }
        guard connack.returnCode == .accepted else {
            channel.close(promise: nil)
            throw MQTTError.connectionRefused(connack.returnCode)
        }
        return connack
    }

    /// Applies one event from the channel of `generation`, in wire order.
    func handle(_ event: MQTTClientHandler.Event, generation: Int) {
        guard generation == self.generation else { return }
        switch event {
        case let .packet(packet):
            handle(packet)
        case let .closed(error):
            channel = nil
            let reason = error.map { String(describing: $0) }
            failConnAck(generation: generation, with: error ?? MQTTError.connectionClosed)
            failPending(with: MQTTError.connectionClosed)
            guard state == .connected else { return }
            eventsContinuation.yield(.disconnected(reason: reason ?? "the broker closed the connection"))
            if configuration.reconnects, target != nil {
                state = .reconnecting
                reconnectTask = Task { await self.reconnectLoop() }
            } else {
                state = .idle
            }
        }
    }

    private func handle(_ packet: MQTTPacket) {
        switch packet {
        case let .connack(connack):
            guard let pendingConnAck, pendingConnAck.generation == generation else {
                return protocolViolation("CONNACK outside the connection handshake")
            }
            self.pendingConnAck = nil
            pendingConnAck.continuation.resume(returning: connack)
        case let .publish(publish):
            guard publish.qos != .exactlyOnce else {
                return protocolViolation("QoS 2 PUBLISH, which this client never subscribes to")
            }
            messagesContinuation.yield(MQTTMessage(topic: publish.topic, payload: publish.payload, qos: publish.qos, retain: publish.retain))
            // Acknowledge only once the message is in the stream: at-least-once.
            if publish.qos == .atLeastOnce, let packetID = publish.packetID {
                channel?.writeAndFlush(MQTTPacket.puback(packetID: packetID), promise: nil)
            }
        case let .puback(packetID), let .unsuback(packetID):
            pending.removeValue(forKey: packetID)?.continuation.resume(returning: packet)
        case let .suback(suback):
            pending.removeValue(forKey: suback.packetID)?.continuation.resume(returning: packet)
        case .connect, .subscribe, .unsubscribe, .pingreq, .pingresp, .disconnect:
            protocolViolation("\(MQTTPacket.packetName(packet.typeCode)) sent by the broker")
        }
    }

    private func protocolViolation(_ what: String) {
        channel?.pipeline.fireErrorCaught(MQTTError.unexpectedPacket(what))
    }

    func failConnAck(generation: Int, with error: any Error) {
        guard let pendingConnAck, pendingConnAck.generation == generation else { return }
        self.pendingConnAck = nil
        pendingConnAck.continuation.resume(throwing: error)
        if generation == self.generation { channel?.close(promise: nil) }
    }

    func failPending(with error: any Error) {
        let failed = pending
        pending = [:]
        for entry in failed.values { entry.continuation.resume(throwing: error) }
        if let pendingConnAck {
            self.pendingConnAck = nil
            pendingConnAck.continuation.resume(throwing: error)
        }
    }

    func closeChannel() {
        channel?.close(promise: nil)
        channel = nil
    }

    /// Retries with backoff until connected and resubscribed, or until `disconnect()`.
    private func reconnectLoop() async {
        var attempt = 0
        while state == .reconnecting, let target, !Task.isCancelled {
            let delaySeconds = configuration.backoff.delaySeconds(attempt: attempt)
            attempt += 1
            eventsContinuation.yield(.reconnecting(attempt: attempt, delaySeconds: delaySeconds))
            do {
                try await Task.sleep(for: .milliseconds(Int(delaySeconds * 1000)))
            } catch {
                break
            }
            guard state == .reconnecting else { break }
            do {
                let connack = try await establish(target)
                let requests = subscriptions.keys.sorted().map { MQTTSubscription(filter: $0, qos: subscriptions[$0]!) }
                let refused = requests.isEmpty ? [] : try await sendSubscribe(requests).refused
                guard state == .reconnecting else {
                    closeChannel()
                    break
                }
                state = .connected
                if !refused.isEmpty { eventsContinuation.yield(.resubscribeFailed(filters: refused)) }
                eventsContinuation.yield(.connected(sessionPresent: connack.sessionPresent))
                break
            } catch {
                if state == .reconnecting { closeChannel() }
                eventsContinuation.yield(.reconnectFailed(attempt: attempt, reason: String(describing: error)))
            }
        }
        reconnectTask = nil
    }

    /// Sends one SUBSCRIBE, records the accepted filters and returns granted and refused ones.
    func sendSubscribe(_ requests: [MQTTSubscription]) async throws -> (granted: [String: MQTTQoS], refused: [String]) {
        guard let channel else { throw MQTTError.notConnected }
        let packetID = try allocatePacketID()
        let reply = try await request(.subscribe(MQTTSubscribe(packetID: packetID, subscriptions: requests)), packetID: packetID, on: channel)
        guard case let .suback(suback) = reply, suback.grantedQoS.count == requests.count else {
            throw MQTTError.unexpectedPacket("SUBACK with a different number of results than filters requested")
        }
        var granted: [String: MQTTQoS] = [:]
        var refused: [String] = []
        for (request, result) in zip(requests, suback.grantedQoS) {
            if let qos = result {
                granted[request.filter] = qos
                subscriptions[request.filter] = request.qos
            } else {
                refused.append(request.filter)
                subscriptions[request.filter] = nil
            }
        }
        return (granted, refused)
    }

    /// Sends `packet` and waits for the acknowledgement carrying `packetID`.
    func request(_ packet: MQTTPacket, packetID: UInt16, on channel: any Channel) async throws -> MQTTPacket {
        let generation = self.generation
        return try await withCheckedThrowingContinuation { continuation in
            pending[packetID] = Pending(generation: generation, continuation: continuation)
            channel.writeAndFlush(packet).whenFailure { error in
                Task { await self.failRequest(packetID: packetID, generation: generation, with: error) }
            }
        }
    }

    private func failRequest(packetID: UInt16, generation: Int, with error: any Error) {
        guard let entry = pending[packetID], entry.generation == generation else { return }
        pending[packetID] = nil
        entry.continuation.resume(throwing: error)
    }

    /// The next free non-zero packet identifier.
    func allocatePacketID() throws -> UInt16 {
        for _ in 0..<Int(UInt16.max) {
            let candidate = nextPacketID
            nextPacketID = nextPacketID == UInt16.max ? 1 : nextPacketID + 1
            if pending[candidate] == nil { return candidate }
        }
        throw MQTTError.packetIDsExhausted
    }
}
