/// A bounds-checked reader of the protobuf wire format over a byte array slice.
///
/// - Note: Every read checks bounds and throws ``OSMError/truncated(context:)`` instead of trapping.
struct ProtobufReader {
    /// Wire types of the protobuf encoding.
    enum WireType: Int {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
    }

    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    /// Reads the whole array.
    init(bytes: [UInt8]) {
        self.init(bytes: bytes, range: 0..<bytes.count)
    }

    /// Reads a sub-range of the array.
    init(bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    /// Whether all bytes of the range have been consumed.
    var isAtEnd: Bool { position >= end }

    /// Reads the next field key, or nil at the end of the message.
    mutating func nextField() throws(OSMError) -> (number: Int, wireType: WireType)? {
        guard position < end else { return nil }
        let key = try readVarint()
        guard let wireType = WireType(rawValue: Int(key & 7)) else {
            throw .malformed(context: "unknown protobuf wire type \(key & 7)")
        }
        let number = key >> 3
        guard number > 0, number < (1 << 29) else { throw .malformed(context: "invalid protobuf field number") }
        return (Int(number), wireType)
    }

    /// Reads a base-128 varint of up to 64 bits.
    mutating func readVarint() throws(OSMError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw .truncated(context: "varint") }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw .malformed(context: "varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw .malformed(context: "varint longer than 10 bytes") }
        }
    }

    /// Reads a zigzag-encoded signed varint (`sint64`/`sint32`).
    mutating func readSignedVarint() throws(OSMError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a two's-complement varint (`int64`/`int32`).
    mutating func readInt64() throws(OSMError) -> Int64 {
        Int64(bitPattern: try readVarint())
    }

    /// Reads the range of a length-delimited field's payload and skips past it.
    mutating func readLengthDelimited() throws(OSMError) -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw .truncated(context: "length-delimited field") }
        let start = position
        position += Int(length)
        return start..<position
    }

    /// Reads an embedded message as a reader over its bytes.
    mutating func readMessage() throws(OSMError) -> ProtobufReader {
        let range = try readLengthDelimited()
        return ProtobufReader(bytes: bytes, range: range)
    }

    /// Reads a length-delimited field as UTF-8 text (invalid sequences are repaired).
    mutating func readString() throws(OSMError) -> String {
        let range = try readLengthDelimited()
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// Reads a length-delimited field as a byte array.
    mutating func readBytes() throws(OSMError) -> [UInt8] {
        Array(bytes[try readLengthDelimited()])
    }

    /// Skips a field's value of the given wire type.
    mutating func skip(_ wireType: WireType) throws(OSMError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: try advance(by: 8)
        case .fixed32: try advance(by: 4)
        case .lengthDelimited: _ = try readLengthDelimited()
        case .startGroup, .endGroup: throw .malformed(context: "protobuf groups are not supported")
        }
    }

    private mutating func advance(by count: Int) throws(OSMError) {
        guard end - position >= count else { throw .truncated(context: "fixed-width field") }
        position += count
    }

    /// Reads a packed (or single unpacked) repeated varint field, appending raw values.
    mutating func readPackedVarints(_ wireType: WireType, into values: inout [UInt64]) throws(OSMError) {
        switch wireType {
        case .varint:
            values.append(try readVarint())
        case .lengthDelimited:
            var inner = try readMessage()
            while !inner.isAtEnd { values.append(try inner.readVarint()) }
        default:
            throw .malformed(context: "repeated varint field has wire type \(wireType.rawValue)")
        }
    }

    /// Reads a packed (or single) repeated zigzag field, appending decoded values.
    mutating func readPackedSigned(_ wireType: WireType, into values: inout [Int64]) throws(OSMError) {
        switch wireType {
        case .varint:
            values.append(try readSignedVarint())
        case .lengthDelimited:
            var inner = try readMessage()
            while !inner.isAtEnd { values.append(try inner.readSignedVarint()) }
        default:
            throw .malformed(context: "repeated sint field has wire type \(wireType.rawValue)")
        }
    }

    /// Reads a varint field, checking the wire type.
    mutating func readVarintField(_ wireType: WireType) throws(OSMError) -> UInt64 {
        guard wireType == .varint else { throw .malformed(context: "expected varint, got wire type \(wireType.rawValue)") }
        return try readVarint()
    }

    /// Reads a length-delimited field's range, checking the wire type.
    mutating func readLengthDelimitedField(_ wireType: WireType) throws(OSMError) -> Range<Int> {
        guard wireType == .lengthDelimited else {
            throw .malformed(context: "expected length-delimited field, got wire type \(wireType.rawValue)")
        }
        return try readLengthDelimited()
    }
}
