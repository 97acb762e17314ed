import MQTT
import NIOCore
import Testing

/// Wire bytes written out by hand from the packet layouts of the OASIS MQTT 3.1.1 specification, chapter 3.
@Suite struct MQTTPacketCodecTests {
    private func encoded(_ packet: MQTTPacket) throws -> [UInt8] {
        var buffer = ByteBuffer()
        try packet.encode(into: &buffer)
        return Array(buffer.readableBytesView)
    }

    private func decoded(_ bytes: [UInt8], maxPacketBytes: Int = MQTTPacketDecoder.defaultMaxPacketBytes) throws -> MQTTPacket? {
        var buffer = ByteBuffer(bytes: bytes)
        return try MQTTPacketDecoder(maxPacketBytes: maxPacketBytes).decodePacket(from: &buffer)
    }

    @Test func connectFollowsFigure3Layout() throws {
        // §3.1.2: "MQTT", level 4, flags (user name 0x80, password 0x40, clean session 0x02), keep-alive 10.
        let packet = MQTTPacket.connect(MQTTConnect(clientID: "c1", cleanSession: true, keepAliveSeconds: 10,
                                                    credentials: MQTTCredentials(username: "u", password: "p")))
        let expected: [UInt8] = [0x10, 20, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x04, 0xC2, 0x00, 0x0A,
                                 0x00, 0x02, 0x63, 0x31, 0x00, 0x01, 0x75, 0x00, 0x01, 0x70]
        #expect(try encoded(packet) == expected)
        #expect(try decoded(expected) == packet)
    }

    @Test func fixedSizePacketsMatchTheSpec() throws {
        #expect(try encoded(.pingreq) == [0xC0, 0x00])
        #expect(try encoded(.disconnect) == [0xE0, 0x00])
        #expect(try encoded(.puback(packetID: 0x1234)) == [0x40, 0x02, 0x12, 0x34])
        #expect(try decoded([0xD0, 0x00]) == .pingresp)
        #expect(try decoded([0xB0, 0x02, 0x00, 0x07]) == .unsuback(packetID: 7))
    }

    @Test func connackReturnCodesMapToTable3_1() throws {
        #expect(try decoded([0x20, 0x02, 0x01, 0x00]) == .connack(MQTTConnAck(sessionPresent: true, returnCode: .accepted)))
        #expect(try decoded([0x20, 0x02, 0x00, 0x04]) == .connack(MQTTConnAck(sessionPresent: false, returnCode: .badUsernameOrPassword)))
        #expect(try decoded([0x20, 0x02, 0x00, 0x05]) == .connack(MQTTConnAck(sessionPresent: false, returnCode: .notAuthorized)))
        #expect(throws: MQTTError.malformedPacket(packet: "CONNACK", reason: "unknown return code 6")) {
            try decoded([0x20, 0x02, 0x00, 0x06])
        }
    }

    @Test func publishCarriesFlagsTopicIDAndPayload() throws {
        // §3.3.1: DUP 0x08, QoS 1 0x02, RETAIN 0x01 → 0x3B; topic "a/b", packet id 10, payload "hi".
        let bytes: [UInt8] = [0x3B, 0x09, 0x00, 0x03, 0x61, 0x2F, 0x62, 0x00, 0x0A, 0x68, 0x69]
        let packet = MQTTPacket.publish(MQTTPublish(topic: "a/b", payload: Array("hi".utf8), qos: .atLeastOnce,
                                                    retain: true, dup: true, packetID: 10))
        #expect(try decoded(bytes) == packet)
        #expect(try encoded(packet) == bytes)
    }

    @Test func subscribeAndSubackFollowSections3_8And3_9() throws {
        let subscribe = MQTTPacket.subscribe(MQTTSubscribe(packetID: 1, subscriptions: [MQTTSubscription(filter: "a/+", qos: .atLeastOnce)]))
        #expect(try encoded(subscribe) == [0x82, 0x08, 0x00, 0x01, 0x00, 0x03, 0x61, 0x2F, 0x2B, 0x01])
        #expect(try decoded([0x90, 0x05, 0x00, 0x01, 0x00, 0x01, 0x80]) == .suback(MQTTSubAck(packetID: 1, grantedQoS: [.atMostOnce, .atLeastOnce, nil])))
        let unsubscribe = MQTTPacket.unsubscribe(MQTTUnsubscribe(packetID: 2, filters: ["a"]))
        #expect(try encoded(unsubscribe) == [0xA2, 0x05, 0x00, 0x02, 0x00, 0x01, 0x61])
    }

    @Test func framesSeveralPacketsFromOneBuffer() throws {
        var buffer = ByteBuffer(bytes: [0xD0, 0x00, 0x40, 0x02, 0x00, 0x05, 0xD0])
        let decoder = MQTTPacketDecoder()
        #expect(try decoder.decodePacket(from: &buffer) == .pingresp)
        #expect(try decoder.decodePacket(from: &buffer) == .puback(packetID: 5))
        #expect(try decoder.decodePacket(from: &buffer) == nil)
        #expect(buffer.readableBytes == 1)
    }

    @Test func waitsForTheRestOfATruncatedPacket() throws {
        var buffer = ByteBuffer(bytes: [0x30, 0x0A, 0x00, 0x03, 0x61])
        #expect(try MQTTPacketDecoder().decodePacket(from: &buffer) == nil)
        #expect(buffer.readableBytes == 5)
    }

    @Test func refusesAFieldRunningPastItsPacket() {
        // Remaining length 4, but the topic claims 10 bytes.
        #expect(throws: MQTTError.malformedPacket(packet: "PUBLISH", reason: "topic name claims 10 bytes but only 2 remain")) {
            try decoded([0x30, 0x04, 0x00, 0x0A, 0x61, 0x62])
        }
        #expect(throws: MQTTError.malformedPacket(packet: "PUBACK", reason: "remaining length is 1, expected 2")) {
            try decoded([0x40, 0x01, 0x00])
        }
    }

    @Test func refusesABadRemainingLength() {
        #expect(throws: MQTTError.malformedRemainingLength) {
            try decoded([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        }
    }

    @Test func refusesAnOversizePacketFromItsHeaderAlone() {
        // 0x80 0x80 0x80 0x01 announces 2 097 152 bytes; none of the body is present yet.
        #expect(throws: MQTTError.packetTooLarge(bytes: 2_097_157, maxBytes: 1_048_576)) {
            try decoded([0x30, 0x80, 0x80, 0x80, 0x01])
        }
        #expect(throws: MQTTError.packetTooLarge(bytes: 12, maxBytes: 10)) {
            try decoded([0x30, 0x0A], maxPacketBytes: 10)
        }
    }

    @Test func refusesInvalidUTF8AndWildcardTopics() {
        // 0xC3 0x28 is an invalid two-byte sequence.
        #expect(throws: MQTTError.invalidUTF8(field: "topic name")) {
            try decoded([0x30, 0x04, 0x00, 0x02, 0xC3, 0x28])
        }
        #expect(throws: MQTTError.invalidUTF8(field: "topic name")) {
            try decoded([0x30, 0x04, 0x00, 0x02, 0x61, 0x00])
        }
        #expect(throws: MQTTError.self) {
            try decoded([0x30, 0x03, 0x00, 0x01, 0x23])
        }
    }

    @Test func refusesReservedFlagsAndQoS3() {
        #expect(throws: MQTTError.malformedPacket(packet: "PUBLISH", reason: "QoS bits are 3")) {
            try decoded([0x36, 0x03, 0x00, 0x01, 0x61])
        }
        #expect(throws: MQTTError.malformedPacket(packet: "SUBSCRIBE", reason: "reserved fixed-header flags are 0, expected 2")) {
            try decoded([0x80, 0x06, 0x00, 0x01, 0x00, 0x01, 0x61, 0x00])
        }
        #expect(throws: MQTTError.malformedPacket(packet: "reserved(15)", reason: "reserved packet type 15")) {
            try decoded([0xF0, 0x00])
        }
    }

    @Test func refusesToEncodeQoS1WithoutAPacketID() {
        var buffer = ByteBuffer()
        #expect(throws: MQTTError.self) {
            try MQTTPacket.publish(MQTTPublish(topic: "a", payload: [], qos: .atLeastOnce)).encode(into: &buffer)
        }
        #expect(buffer.readableBytes == 0)
    }
}
