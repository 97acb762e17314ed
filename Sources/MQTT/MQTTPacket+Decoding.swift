import NIOCore

extension MQTTPacket {
    /// Decodes one packet from its first fixed-header byte and its body (exactly the remaining-length bytes).
    ///
    /// - Throws: `MQTTError.malformedPacket` for an unknown type, reserved flag bits set, a body of the wrong size
    ///   or ending inside a field; `MQTTError.invalidUTF8` for a bad string; `MQTTError.invalidTopicName` for a
    ///   PUBLISH topic with wildcards.
    public static func decode(firstByte: UInt8, body: ByteBuffer) throws -> MQTTPacket {
        var body = body
        let type = firstByte >> 4
        let flags = firstByte & 0x0F
        let name = packetName(type)
        if type != 3 {
            let expectedFlags: UInt8 = (type == 6 || type == 8 || type == 10) ? 0b0010 : 0
            guard flags == expectedFlags else {
                throw MQTTError.malformedPacket(packet: name, reason: "reserved fixed-header flags are \(flags), expected \(expectedFlags)")
            }
        }
        let packet: MQTTPacket
        switch type {
        case 1:
            packet = try decodeConnect(&body)
        case 2:
            try expectLength(body, 2, name)
            let ackFlags = body.readInteger(as: UInt8.self)!
            let code = body.readInteger(as: UInt8.self)!
            guard ackFlags & 0xFE == 0 else {
                throw MQTTError.malformedPacket(packet: name, reason: "reserved acknowledge flags set (\(ackFlags))")
            }
            guard let returnCode = MQTTConnectReturnCode(rawValue: code) else {
                throw MQTTError.malformedPacket(packet: name, reason: "unknown return code \(code)")
            }
            packet = .connack(MQTTConnAck(sessionPresent: ackFlags == 1, returnCode: returnCode))
        case 3:
            packet = try decodePublish(flags: flags, body: &body)
        case 4:
            packet = .puback(packetID: try readPacketID(&body, name, exactBody: true))
        case 8:
            let packetID = try readPacketID(&body, name, exactBody: false)
            var subscriptions: [MQTTSubscription] = []
            while body.readableBytes > 0 {
                let filter = try readString(&body, field: "topic filter", packet: name)
                guard let byte = body.readInteger(as: UInt8.self) else {
                    throw MQTTError.malformedPacket(packet: name, reason: "topic filter \"\(filter)\" has no QoS byte")
                }
                guard byte & 0xFC == 0, let qos = MQTTQoS(rawValue: byte) else {
                    throw MQTTError.malformedPacket(packet: name, reason: "invalid requested QoS byte \(byte)")
                }
                subscriptions.append(MQTTSubscription(filter: filter, qos: qos))
            }
            guard !subscriptions.isEmpty else {
                throw MQTTError.malformedPacket(packet: name, reason: "no topic filters")
            }
            packet = .subscribe(MQTTSubscribe(packetID: packetID, subscriptions: subscriptions))
        case 9:
            let packetID = try readPacketID(&body, name, exactBody: false)
            var granted: [MQTTQoS?] = []
            while let code = body.readInteger(as: UInt8.self) {
                if code == 0x80 {
                    granted.append(nil)
                } else if let qos = MQTTQoS(rawValue: code) {
                    granted.append(qos)
                } else {
                    throw MQTTError.malformedPacket(packet: name, reason: "invalid return code \(code)")
                }
            }
            packet = .suback(MQTTSubAck(packetID: packetID, grantedQoS: granted))
        case 10:
            let packetID = try readPacketID(&body, name, exactBody: false)
            var filters: [String] = []
            while body.readableBytes > 0 {
                filters.append(try readString(&body, field: "topic filter", packet: name))
            }
            guard !filters.isEmpty else { throw MQTTError.malformedPacket(packet: name, reason: "no topic filters") }
            packet = .unsubscribe(MQTTUnsubscribe(packetID: packetID, filters: filters))
        case 11:
            packet = .unsuback(packetID: try readPacketID(&body, name, exactBody: true))
        case 12, 13, 14:
            try expectLength(body, 0, name)
            packet = type == 12 ? .pingreq : type == 13 ? .pingresp : .disconnect
        case 5, 6, 7:
            throw MQTTError.malformedPacket(packet: name, reason: "QoS 2 flow is not supported")
        default:
            throw MQTTError.malformedPacket(packet: name, reason: "reserved packet type \(type)")
        }
        guard body.readableBytes == 0 else {
            throw MQTTError.malformedPacket(packet: name, reason: "\(body.readableBytes) unexpected trailing bytes")
        }
        return packet
    }

    private static func decodeConnect(_ body: inout ByteBuffer) throws -> MQTTPacket {
        let name = "CONNECT"
        let protocolName = try readString(&body, field: "protocol name", packet: name)
        guard protocolName == "MQTT" else {
            throw MQTTError.malformedPacket(packet: name, reason: "protocol name \"\(protocolName)\", expected \"MQTT\"")
        }
        guard let level = body.readInteger(as: UInt8.self), let flags = body.readInteger(as: UInt8.self),
              let keepAlive = body.readInteger(as: UInt16.self) else {
            throw MQTTError.malformedPacket(packet: name, reason: "variable header shorter than 10 bytes")
        }
        guard level == 4 else { throw MQTTError.malformedPacket(packet: name, reason: "protocol level \(level), expected 4") }
        guard flags & 0x01 == 0 else { throw MQTTError.malformedPacket(packet: name, reason: "reserved connect flag set") }
        guard flags & 0x04 == 0 else { throw MQTTError.malformedPacket(packet: name, reason: "will messages are not supported") }
        let clientID = try readString(&body, field: "client identifier", packet: name)
        var credentials: MQTTCredentials?
        if flags & 0x80 != 0 {
            let username = try readString(&body, field: "user name", packet: name)
            var password: [UInt8]?
            if flags & 0x40 != 0 { password = try readBinary(&body, field: "password", packet: name) }
            credentials = MQTTCredentials(username: username, password: password)
        } else if flags & 0x40 != 0 {
            throw MQTTError.malformedPacket(packet: name, reason: "password flag set without user name flag")
        }
        return .connect(MQTTConnect(clientID: clientID, cleanSession: flags & 0x02 != 0, keepAliveSeconds: keepAlive, credentials: credentials))
    }

    private static func decodePublish(flags: UInt8, body: inout ByteBuffer) throws -> MQTTPacket {
        let name = "PUBLISH"
        guard let qos = MQTTQoS(rawValue: (flags >> 1) & 0x03) else {
            throw MQTTError.malformedPacket(packet: name, reason: "QoS bits are 3")
        }
        let dup = flags & 0x08 != 0
        guard !(dup && qos == .atMostOnce) else {
            throw MQTTError.malformedPacket(packet: name, reason: "DUP set on a QoS 0 message")
        }
        let topic = try readString(&body, field: "topic name", packet: name)
        try TopicFilter.validateTopicName(topic)
        var packetID: UInt16?
        if qos != .atMostOnce {
            guard let id = body.readInteger(as: UInt16.self) else {
                throw MQTTError.malformedPacket(packet: name, reason: "missing packet identifier")
            }
            guard id != 0 else { throw MQTTError.malformedPacket(packet: name, reason: "packet identifier is 0") }
            packetID = id
        }
        let payload = body.readBytes(length: body.readableBytes) ?? []
        return .publish(MQTTPublish(topic: topic, payload: payload, qos: qos, retain: flags & 0x01 != 0, dup: dup, packetID: packetID))
    }

    private static func expectLength(_ body: ByteBuffer, _ length: Int, _ name: String) throws {
        guard body.readableBytes == length else {
            throw MQTTError.malformedPacket(packet: name, reason: "remaining length is \(body.readableBytes), expected \(length)")
        }
    }

    private static func readPacketID(_ body: inout ByteBuffer, _ name: String, exactBody: Bool) throws -> UInt16 {
        if exactBody { try expectLength(body, 2, name) }
        guard let id = body.readInteger(as: UInt16.self) else {
            throw MQTTError.malformedPacket(packet: name, reason: "missing packet identifier")
        }
        guard id != 0 else { throw MQTTError.malformedPacket(packet: name, reason: "packet identifier is 0") }
        return id
    }

    private static func readBinary(_ body: inout ByteBuffer, field: String, packet: String) throws -> [UInt8] {
        guard let length = body.readInteger(as: UInt16.self) else {
            throw MQTTError.malformedPacket(packet: packet, reason: "\(field) length is missing")
        }
        guard let bytes = body.readBytes(length: Int(length)) else {
            throw MQTTError.malformedPacket(packet: packet, reason: "\(field) claims \(length) bytes but only \(body.readableBytes) remain")
        }
        return bytes
    }

    /// Reads a length-prefixed UTF-8 string, refusing ill-formed UTF-8 and U+0000 (§1.5.3).
    private static func readString(_ body: inout ByteBuffer, field: String, packet: String) throws -> String {
        let bytes = try readBinary(&body, field: field, packet: packet)
        let string = String(decoding: bytes, as: UTF8.self)
        // Decoding repairs bad sequences with U+FFFD, so a byte mismatch means the input was ill-formed.
        guard string.utf8.elementsEqual(bytes), !bytes.contains(0) else { throw MQTTError.invalidUTF8(field: field) }
        return string
    }

    /// The spec's name for a packet type, for error messages.
    static func packetName(_ type: UInt8) -> String {
        let names = ["reserved(0)", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
                     "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "reserved(15)"]
        return names[Int(type & 0x0F)]
    }
}
