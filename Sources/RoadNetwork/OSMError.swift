/// Errors raised while reading OpenStreetMap PBF or XML input.
public enum OSMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended in the middle of a structure.
    case truncated(context: String)
    /// The bytes do not form a valid structure.
    case malformed(context: String)
    /// A blob uses a compression this reader does not implement (lzma, lz4, zstd, bzip2).
    case unsupportedCompression(String)
    /// zlib rejected a blob or produced the wrong size.
    case decompressionFailed(context: String)
    /// The file declares a required feature this reader does not implement.
    case unsupportedFeature(String)
    /// A block or header is larger than the format allows.
    case tooLarge(context: String, bytes: Int)
    /// The XML parser rejected the document.
    case invalidXML(line: Int, column: Int, reason: String)

    public var description: String {
        switch self {
        case let .truncated(context): "OSM input is truncated (\(context))"
        case let .malformed(context): "OSM input is malformed (\(context))"
        case let .unsupportedCompression(kind): "OSM blob uses unsupported compression \(kind)"
        case let .decompressionFailed(context): "OSM blob could not be decompressed (\(context))"
        case let .unsupportedFeature(feature): "OSM file requires unsupported feature \(feature)"
        case let .tooLarge(context, bytes): "OSM \(context) is too large (\(bytes) bytes)"
        case let .invalidXML(line, column, reason): "OSM XML is invalid at \(line):\(column): \(reason)"
        }
    }
}
