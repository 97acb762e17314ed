import CZlib
import Foundation
import Geo

/// Reads OpenStreetMap PBF files (the `.osm.pbf` format) into ``OSMData``.
///
/// Supports raw and zlib blobs, dense and plain nodes, ways and relations. Every read is bounds-checked,
/// so truncated or corrupt input throws an ``OSMError`` rather than trapping.
public enum PBFReader {
    /// The largest BlobHeader the format allows, in bytes.
    public static let maxBlobHeaderBytes = 64 * 1024
    /// The largest Blob (compressed or raw) the format allows, in bytes.
    public static let maxBlobBytes = 32 * 1024 * 1024

    /// Features a file may require that this reader understands.
    static let supportedFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

    /// Decodes a whole PBF file.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - keepWay: Ways whose tags fail this test are dropped while reading (saves memory); nil keeps all.
    ///   - progress: Called after each block with the fraction of the file read, 0…1.
    public static func read(
        _ data: Data,
        keepWay: ((OSMTags) -> Bool)? = nil,
        progress: ((Double) -> Void)? = nil
    ) throws(OSMError) -> OSMData {
        let bytes = [UInt8](data)
        var output = OSMData()
        var position = 0
        var sawHeader = false
        while position < bytes.count {
            guard bytes.count - position >= 4 else { throw .truncated(context: "blob header length") }
            let headerLength = Int(bytes[position]) << 24 | Int(bytes[position + 1]) << 16
                | Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            position += 4
            guard headerLength <= maxBlobHeaderBytes else { throw .tooLarge(context: "BlobHeader", bytes: headerLength) }
            guard bytes.count - position >= headerLength else { throw .truncated(context: "BlobHeader") }
            let header = try BlobHeader(reader: ProtobufReader(bytes: bytes, range: position..<(position + headerLength)))
            position += headerLength
            guard header.dataSize <= maxBlobBytes else { throw .tooLarge(context: "Blob", bytes: header.dataSize) }
            guard bytes.count - position >= header.dataSize else { throw .truncated(context: "Blob of \(header.type)") }
            let blobRange = position..<(position + header.dataSize)
            position += header.dataSize
            switch header.type {
            case "OSMHeader":
                let block = try decodeBlob(bytes, range: blobRange)
                try readHeaderBlock(ProtobufReader(bytes: block), into: &output)
                sawHeader = true
            case "OSMData":
                guard sawHeader else { throw .malformed(context: "OSMData block before OSMHeader") }
                let block = try decodeBlob(bytes, range: blobRange)
                var decoder = PrimitiveBlockDecoder(bytes: block, keepWay: keepWay)
                try decoder.decode(into: &output)
            default:
                break // Unknown blob types are skipped, as the format requires.
            }
            progress?(Double(position) / Double(bytes.count))
        }
        guard sawHeader else { throw .malformed(context: "no OSMHeader block") }
        return output
    }

    /// Reads a Blob message and returns its uncompressed payload.
    static func decodeBlob(_ bytes: [UInt8], range: Range<Int>) throws(OSMError) -> [UInt8] {
        var reader = ProtobufReader(bytes: bytes, range: range)
        var rawSize: Int?
        var raw: Range<Int>?
        var zlib: Range<Int>?
        while let field = try reader.nextField() {
            switch field.number {
            case 1: raw = try reader.readLengthDelimitedField(field.wireType)
            case 2:
                let value = try reader.readVarintField(field.wireType)
                guard value <= UInt64(maxBlobBytes) else { throw .tooLarge(context: "Blob raw_size", bytes: Int(clamping: value)) }
                rawSize = Int(value)
            case 3: zlib = try reader.readLengthDelimitedField(field.wireType)
            case 4: throw .unsupportedCompression("lzma")
            case 5: throw .unsupportedCompression("bzip2")
            case 6: throw .unsupportedCompression("lz4")
            case 7: throw .unsupportedCompression("zstd")
            default: try reader.skip(field.wireType)
            }
        }
        if let raw { return Array(bytes[raw]) }
        guard let zlib else { throw .malformed(context: "Blob has no data") }
        guard let rawSize else { throw .malformed(context: "zlib Blob has no raw_size") }
        return try inflate(bytes, range: zlib, expectedSize: rawSize)
    }

    /// Inflates a zlib stream that must decode to exactly `expectedSize` bytes.
    static func inflate(_ bytes: [UInt8], range: Range<Int>, expectedSize: Int) throws(OSMError) -> [UInt8] {
        guard expectedSize > 0 else { return [] }
        guard !range.isEmpty else { throw .decompressionFailed(context: "empty zlib stream") }
        var output = [UInt8](repeating: 0, count: expectedSize)
        var outputLength = uLongf(expectedSize)
        let status = output.withUnsafeMutableBufferPointer { destination in
            bytes.withUnsafeBufferPointer { source in
                uncompress(destination.baseAddress, &outputLength,
                           source.baseAddress! + range.lowerBound, uLong(range.count))
            }
        }
        guard status == Z_OK else { throw .decompressionFailed(context: "zlib status \(status)") }
        guard Int(outputLength) == expectedSize else {
            throw .decompressionFailed(context: "inflated \(outputLength) bytes, raw_size says \(expectedSize)")
        }
        return output
    }

    /// Reads a HeaderBlock: checks required features and takes the bounding box.
    static func readHeaderBlock(_ block: ProtobufReader, into output: inout OSMData) throws(OSMError) {
        var reader = block
        while let field = try reader.nextField() {
            switch field.number {
            case 1:
                var box = try ProtobufReader(bytes: reader.bytes, range: reader.readLengthDelimitedField(field.wireType))
                var left: Int64 = 0, right: Int64 = 0, top: Int64 = 0, bottom: Int64 = 0
                while let boxField = try box.nextField() {
                    switch boxField.number {
                    case 1: left = try box.readSignedVarint()
                    case 2: right = try box.readSignedVarint()
                    case 3: top = try box.readSignedVarint()
                    case 4: bottom = try box.readSignedVarint()
                    default: try box.skip(boxField.wireType)
                    }
                }
                output.declaredBounds = BoundingBox(
                    minLatitude: Double(bottom) * 1e-9, minLongitude: Double(left) * 1e-9,
                    maxLatitude: Double(top) * 1e-9, maxLongitude: Double(right) * 1e-9)
            case 4:
                guard field.wireType == .lengthDelimited else { throw .malformed(context: "required_features") }
                let feature = try reader.readString()
                guard supportedFeatures.contains(feature) else { throw .unsupportedFeature(feature) }
            default:
                try reader.skip(field.wireType)
            }
        }
    }
}

/// The fields of a BlobHeader this reader needs.
struct BlobHeader {
    var type = ""
    var dataSize = 0

    init(reader: ProtobufReader) throws(OSMError) {
        var reader = reader
        var sawSize = false
        while let field = try reader.nextField() {
            switch field.number {
            case 1:
                guard field.wireType == .lengthDelimited else { throw .malformed(context: "BlobHeader type") }
                type = try reader.readString()
            case 3:
                let size = try reader.readVarintField(field.wireType)
                guard size <= UInt64(Int32.max) else { throw .malformed(context: "BlobHeader datasize") }
                dataSize = Int(size)
                sawSize = true
            default:
                try reader.skip(field.wireType)
            }
        }
        guard sawSize, !type.isEmpty else { throw .malformed(context: "BlobHeader lacks type or datasize") }
    }
}
