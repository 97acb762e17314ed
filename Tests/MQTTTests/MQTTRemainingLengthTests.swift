import MQTT
import NIOCore
import Testing

/// Checked against Table 2.4 of the OASIS MQTT 3.1.1 specification (§2.2.3) and the mqtt.org wiki example (321 → C1 02).
@Suite struct MQTTRemainingLengthTests {
    static let specTable: [(Int, [UInt8])] = [
        (0, [0x00]), (127, [0x7F]),
        (128, [0x80, 0x01]), (16_383, [0xFF, 0x7F]),
        (16_384, [0x80, 0x80, 0x01]), (2_097_151, [0xFF, 0xFF, 0x7F]),
        (2_097_152, [0x80, 0x80, 0x80, 0x01]), (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
        (64, [0x40]), (321, [0xC1, 0x02]),
    ]

    @Test(arguments: specTable)
    func encodesAsInTheSpecTable(value: Int, bytes: [UInt8]) throws {
        var buffer = ByteBuffer()
        try MQTTRemainingLength.write(value, to: &buffer)
        #expect(Array(buffer.readableBytesView) == bytes)
    }

    @Test(arguments: specTable)
    func decodesAsInTheSpecTable(value: Int, bytes: [UInt8]) throws {
        let buffer = ByteBuffer(bytes: bytes)
        let decoded = try #require(try MQTTRemainingLength.peek(in: buffer, offset: 0))
        #expect(decoded.value == value)
        #expect(decoded.byteCount == bytes.count)
    }

    @Test func refusesValuesBeyondFourBytes() {
        var buffer = ByteBuffer()
        #expect(throws: MQTTError.valueTooLong(field: "remaining length", bytes: 268_435_456, limit: 268_435_455)) {
            try MQTTRemainingLength.write(268_435_456, to: &buffer)
        }
        #expect(throws: MQTTError.malformedRemainingLength) {
            try MQTTRemainingLength.peek(in: ByteBuffer(bytes: [0xFF, 0xFF, 0xFF, 0x80, 0x01]), offset: 0)
        }
    }

    @Test func asksForMoreBytesWhileTheContinuationBitIsSet() throws {
        #expect(try MQTTRemainingLength.peek(in: ByteBuffer(bytes: [0x80, 0x80]), offset: 0) == nil)
    }
}
