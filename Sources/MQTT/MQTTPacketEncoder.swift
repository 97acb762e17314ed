import NIOCore

/// Serialises outbound `MQTTPacket`s onto the wire.
public struct MQTTPacketEncoder: MessageToByteEncoder, Sendable {
    /// The packet type accepted from the pipeline.
    public typealias OutboundIn = MQTTPacket

    /// Creates an encoder.
    public init() {}

    /// Appends `data`'s wire form to `out`.
    public func encode(data: MQTTPacket, out: inout ByteBuffer) throws {
        try data.encode(into: &out)
    }
}
