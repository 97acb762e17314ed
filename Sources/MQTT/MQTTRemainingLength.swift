import NIOCore

/// The variable-length "remaining length" of the fixed header (MQTT 3.1.1 §2.2.3).
///
/// Seven bits per byte, least significant group first, the top bit flagging a following byte;
/// at most four bytes, so at most 268 435 455.
public enum MQTTRemainingLength {
    /// The largest encodable value, 0xFF 0xFF 0xFF 0x7F.
    public static let maxValue = 268_435_455

    /// Appends `value` to `buffer`.
    ///
    /// - Throws: `MQTTError.valueTooLong` if `value` is negative or above `maxValue`.
    public static func write(_ value: Int, to buffer: inout ByteBuffer) throws {
        guard value >= 0, value <= maxValue else {
            throw MQTTError.valueTooLong(field: "remaining length", bytes: value, limit: maxValue)
        }
        var rest = value
        repeat {
            var byte = UInt8(rest % 128)
            rest /= 128
            if rest > 0 { byte |= 0x80 }
            buffer.writeInteger(byte)
        } while rest > 0
    }

    /// Reads a remaining length starting `offset` bytes after the reader index, without moving it.
    ///
    /// - Returns: the value and how many bytes encoded it, or `nil` if more bytes are needed.
    /// - Throws: `MQTTError.malformedRemainingLength` when a fourth byte still has its continuation bit set.
    public static func peek(in buffer: ByteBuffer, offset: Int) throws -> (value: Int, byteCount: Int)? {
        var value = 0
        var multiplier = 1
        for index in 0..<4 {
            guard let byte = buffer.getInteger(at: buffer.readerIndex + offset + index, as: UInt8.self) else {
                return nil
            }
            value += Int(byte & 0x7F) * multiplier
            if byte & 0x80 == 0 { return (value, index + 1) }
            multiplier *= 128
        }
        throw MQTTError.malformedRemainingLength
    }
}
