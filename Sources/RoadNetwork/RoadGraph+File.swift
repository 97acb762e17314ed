import CZlib
import Foundation

extension RoadGraph {
    /// The first four bytes of a graph file: "SCRG".
    public static let fileMagic: [UInt8] = Array("SCRG".utf8)
    /// The graph file format version this code writes and reads.
    public static let fileVersion: UInt32 = 2

    /// The graph in the binary file format: magic, version, counts, arrays (little-endian), CRC-32.
    public func serialized() -> Data {
        var writer = BinaryWriter()
        writer.bytes.append(contentsOf: Self.fileMagic)
        writer.append(Self.fileVersion)
        writer.append(UInt32(nodeCount))
        writer.append(UInt32(edgeCount))
        writer.append(UInt32(turnRestrictions.count))
        writer.append(array: firstOut)
        writer.append(array: head)
        writer.append(array: travelTimeDeciseconds)
        writer.append(array: lengthDecimetres)
        writer.append(array: wayID)
        writer.append(array: latitude.map(\.bitPattern))
        writer.append(array: longitude.map(\.bitPattern))
        writer.append(array: osmNodeID)
        writer.append(array: canonicalNode)
        for restriction in turnRestrictions {
            writer.append(UInt64(bitPattern: restriction.relationID))
            writer.append(UInt64(bitPattern: restriction.fromWay))
            writer.append(UInt64(bitPattern: restriction.viaNode))
            writer.append(UInt64(bitPattern: restriction.toWay))
            writer.bytes.append(restriction.kind == .prohibitive ? 0 : 1)
            writer.appendString(restriction.value)
            writer.appendString(restriction.exceptions.sorted().joined(separator: ";"))
        }
        writer.append(Self.checksum(writer.bytes[...]))
        return Data(writer.bytes)
    }

    /// Decodes a graph from the binary file format, checking magic, version, checksum and invariants.
    public init(serialized data: Data) throws(RoadGraphError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw bytes.starts(with: Self.fileMagic.prefix(bytes.count)) ? .truncated : .notAGraphFile }
        guard bytes.starts(with: Self.fileMagic) else { throw .notAGraphFile }
        var reader = BinaryReader(bytes: bytes, position: 4)
        let version: UInt32 = try reader.read()
        guard version == Self.fileVersion else { throw .unsupportedVersion(version) }
        guard bytes.count >= 24 else { throw .truncated }
        let stored = bytes[(bytes.count - 4)...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let computed = Self.checksum(bytes[..<(bytes.count - 4)])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        reader.end = bytes.count - 4
        let nodeCount = Int(try reader.read() as UInt32)
        let edgeCount = Int(try reader.read() as UInt32)
        let restrictionCount = Int(try reader.read() as UInt32)
        let firstOut: [UInt32] = try reader.readArray(count: nodeCount + 1)
        let head: [UInt32] = try reader.readArray(count: edgeCount)
        let time: [UInt32] = try reader.readArray(count: edgeCount)
        let length: [UInt32] = try reader.readArray(count: edgeCount)
        let way: [Int64] = try reader.readArray(count: edgeCount)
        let latitude: [UInt64] = try reader.readArray(count: nodeCount)
        let longitude: [UInt64] = try reader.readArray(count: nodeCount)
        let osmID: [Int64] = try reader.readArray(count: nodeCount)
        let canonical: [UInt32] = try reader.readArray(count: nodeCount)
        var restrictions: [TurnRestriction] = []
        for _ in 0..<restrictionCount {
            let relation = Int64(bitPattern: try reader.read())
            let from = Int64(bitPattern: try reader.read())
            let via = Int64(bitPattern: try reader.read())
            let to = Int64(bitPattern: try reader.read())
            let kind: UInt8 = try reader.read()
            let value = try reader.readString()
            let exceptions = try reader.readString().split(separator: ";").map(String.init)
            guard kind <= 1 else { throw .invariantViolated("turn restriction kind is 0 or 1") }
            restrictions.append(TurnRestriction(
                relationID: relation, kind: kind == 0 ? .prohibitive : .mandatory,
                value: value, fromWay: from, viaNode: via, toWay: to, exceptions: Set(exceptions)))
        }
        guard reader.position == reader.end else { throw .invariantViolated("file has trailing bytes") }
        try self.init(firstOut: firstOut, head: head, travelTimeDeciseconds: time, lengthDecimetres: length,
                      wayID: way, latitude: latitude.map(Double.init(bitPattern:)),
                      longitude: longitude.map(Double.init(bitPattern:)), osmNodeID: osmID,
                      turnRestrictions: restrictions, canonicalNode: canonical)
    }

    /// Writes the graph file atomically.
    public func write(to url: URL) throws(RoadGraphError) {
        do { try serialized().write(to: url, options: .atomic) } catch { throw .io("\(error)") }
    }

    /// Reads and checks a graph file.
    public static func read(from url: URL) throws(RoadGraphError) -> RoadGraph {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .io("\(error)") }
        return try RoadGraph(serialized: data)
    }

    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            var crc = crc32(0, nil, 0)
            var offset = 0
            while offset < buffer.count {
                let chunk = min(buffer.count - offset, Int(UInt32.max))
                crc = crc32(crc, buffer.baseAddress! + offset, uInt(chunk))
                offset += chunk
            }
            return UInt32(truncatingIfNeeded: crc)
        }
    }
}

/// Appends fixed-width integers in little-endian order.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func appendString(_ text: String) {
        let utf8 = Array(text.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func append<T: FixedWidthInteger>(array: [T]) {
        bytes.reserveCapacity(bytes.count + array.count * MemoryLayout<T>.size)
        for value in array { append(value) }
    }
}

/// Reads fixed-width little-endian integers with bounds checks.
struct BinaryReader {
    let bytes: [UInt8]
    var position: Int
    var end: Int

    init(bytes: [UInt8], position: Int) {
        self.bytes = bytes
        self.position = position
        self.end = bytes.count
    }

    mutating func read<T: FixedWidthInteger>() throws(RoadGraphError) -> T {
        let size = MemoryLayout<T>.size
        guard end - position >= size else { throw .truncated }
        var value = T.zero
        for offset in 0..<size { value |= T(truncatingIfNeeded: bytes[position + offset]) << (8 * offset) }
        position += size
        return value
    }

    mutating func readString() throws(RoadGraphError) -> String {
        let length = Int(try read() as UInt32)
        let utf8: [UInt8] = try readArray(count: length)
        return String(decoding: utf8, as: UTF8.self)
    }

    mutating func readArray<T: FixedWidthInteger>(count: Int) throws(RoadGraphError) -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= (end - position) / size else { throw .truncated }
        var result = [T]()
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try read()) }
        return result
    }
}
