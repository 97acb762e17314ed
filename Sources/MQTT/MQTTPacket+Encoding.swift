import NIOCore

extension MQTTPacket {
    /// Appends the whole packet (fixed header, variable header, payload) to `buffer`.
    ///
    /// - Throws: `MQTTError` if a string is too long, a topic is invalid, or a QoS 1 PUBLISH lacks its packet ID;
    ///   nothing is written then.
    public func encode(into buffer: inout ByteBuffer) throws {
        var body = ByteBuffer()
        let flags = try encodeBody(into: &body)
        buffer.writeInteger(typeCode << 4 | flags)
        try MQTTRemainingLength.write(body.readableBytes, to: &buffer)
        buffer.writeImmutableBuffer(body)
    }

    /// Writes variable header and payload, returning the fixed-header flag nibble.
    private func encodeBody(into body: inout ByteBuffer) throws -> UInt8 {
        switch self {
        case let .connect(connect):
            try Self.writeString("MQTT", field: "protocol name", to: &body)
            body.writeInteger(UInt8(4))  // protocol level 4 = MQTT 3.1.1
            var connectFlags: UInt8 = 0
            if connect.cleanSession { connectFlags |= 0x02 }
            if let credentials = connect.credentials {
                connectFlags |= 0x80
                if credentials.password != nil { connectFlags |= 0x40 }
            }
            body.writeInteger(connectFlags)
            body.writeInteger(connect.keepAliveSeconds)
            try Self.writeString(connect.clientID, field: "client identifier", to: &body)
            if let credentials = connect.credentials {
                try Self.writeString(credentials.username, field: "user name", to: &body)
                if let password = credentials.password {
                    try Self.writeBinary(password, field: "password", to: &body)
                }
            }
            return 0
        case let .connack(connack):
            body.writeInteger(UInt8(connack.sessionPresent ? 1 : 0))
            body.writeInteger(connack.returnCode.rawValue)
            return 0
        case let .publish(publish):
            try TopicFilter.validateTopicName(publish.topic)
            try Self.writeString(publish.topic, field: "topic name", to: &body)
            if publish.qos != .atMostOnce {
                guard let packetID = publish.packetID, packetID != 0 else {
                    throw MQTTError.malformedPacket(packet: "PUBLISH", reason: "QoS \(publish.qos.rawValue) needs a non-zero packet identifier")
                }
                body.writeInteger(packetID)
            }
            body.writeBytes(publish.payload)
            var flags = publish.qos.rawValue << 1
            if publish.dup && publish.qos != .atMostOnce { flags |= 0x08 }
            if publish.retain { flags |= 0x01 }
            return flags
        case let .puback(packetID), let .unsuback(packetID):
            body.writeInteger(packetID)
            return 0
        case let .subscribe(subscribe):
            guard !subscribe.subscriptions.isEmpty else {
                throw MQTTError.malformedPacket(packet: "SUBSCRIBE", reason: "it needs at least one topic filter")
            }
            body.writeInteger(subscribe.packetID)
            for subscription in subscribe.subscriptions {
                _ = try TopicFilter(subscription.filter)
                try Self.writeString(subscription.filter, field: "topic filter", to: &body)
                body.writeInteger(subscription.qos.rawValue)
            }
            return 0b0010
        case let .suback(suback):
            body.writeInteger(suback.packetID)
            for granted in suback.grantedQoS {
                body.writeInteger(granted?.rawValue ?? 0x80)
            }
            return 0
        case let .unsubscribe(unsubscribe):
            guard !unsubscribe.filters.isEmpty else {
                throw MQTTError.malformedPacket(packet: "UNSUBSCRIBE", reason: "it needs at least one topic filter")
            }
            body.writeInteger(unsubscribe.packetID)
            for filter in unsubscribe.filters {
                try Self.writeString(filter, field: "topic filter", to: &body)
            }
            return 0b0010
        case .pingreq, .pingresp, .disconnect:
            return 0
        }
    }

    /// Writes a UTF-8 string with its 2-byte big-endian length prefix (§1.5.3).
    private static func writeString(_ string: String, field: String, to buffer: inout ByteBuffer) throws {
        let bytes = Array(string.utf8)
        guard !string.unicodeScalars.contains("\u{0}") else { throw MQTTError.invalidUTF8(field: field) }
        try writeBinary(bytes, field: field, to: &buffer)
    }

    /// Writes binary data with its 2-byte big-endian length prefix.
    private static func writeBinary(_ bytes: [UInt8], field: String, to buffer: inout ByteBuffer) throws {
        guard bytes.count <= Int(UInt16.max) else {
            throw MQTTError.valueTooLong(field: field, bytes: bytes.count, limit: Int(UInt16.max))
        }
        buffer.writeInteger(UInt16(bytes.count))
        buffer.writeBytes(bytes)
    }
}
