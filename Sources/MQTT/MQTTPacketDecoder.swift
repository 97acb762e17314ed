import NIOCore

/// Frames MQTT packets out of a byte stream and decodes them, refusing malformed or oversize ones.
///
/// - Note: The size check runs as soon as the fixed header is read, so an oversize packet is refused
///   before its body is buffered.
public struct MQTTPacketDecoder: ByteToMessageDecoder, Sendable {
    /// The decoded packet type.
    public typealias InboundOut = MQTTPacket

    /// The default maximum packet size, 1 MiB, fixed header included.
    public static let defaultMaxPacketBytes = 1 << 20

    /// The largest packet accepted, fixed header included.
    public let maxPacketBytes: Int

    /// Creates a decoder refusing packets larger than `maxPacketBytes`.
    public init(maxPacketBytes: Int = MQTTPacketDecoder.defaultMaxPacketBytes) {
        self.maxPacketBytes = maxPacketBytes
    }

    /// Removes one whole packet from the front of `buffer` and decodes it.
    ///
    /// - Returns: the packet, or `nil` (buffer untouched) if the packet is not complete yet.
    /// - Throws: `MQTTError` for a bad remaining length, an oversize packet or a malformed body.
    public func decodePacket(from buffer: inout ByteBuffer) throws -> MQTTPacket? {
        guard let firstByte = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let (length, lengthBytes) = try MQTTRemainingLength.peek(in: buffer, offset: 1) else {
            return nil
        }
        let total = 1 + lengthBytes + length
        guard total <= maxPacketBytes else { throw MQTTError.packetTooLarge(bytes: total, maxBytes: maxPacketBytes) }
        guard buffer.readableBytes >= total else { return nil }
        buffer.moveReaderIndex(forwardBy: 1 + lengthBytes)
        let body = buffer.readSlice(length: length)!
        return try MQTTPacket.decode(firstByte: firstByte, body: body)
    }

    /// Emits every complete packet in `buffer`.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let packet = try decodePacket(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(packet))
        return .continue
    }

    /// Emits what is left at end of stream and refuses a packet cut short.
    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if seenEOF && buffer.readableBytes > 0 {
            throw MQTTError.truncatedPacket(receivedBytes: buffer.readableBytes)
        }
        return .needMoreData
    }
}
