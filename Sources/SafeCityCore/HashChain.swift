import Crypto

/// The log's tamper-evidence: each record's hash covers the previous hash and the
/// record's own canonical bytes, so changing any stored byte breaks every later link.
public enum HashChain {
    /// The `previousHash` of the first record.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// SHA-256 of `previous ‖ canonicalBytes(record)`.
    public static func hash(previous: [UInt8], sequence: Int64, recordedAt: Timestamp, event: NewEvent) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        var header: [UInt8] = []
        header.reserveCapacity(160)
        append(sequence, to: &header)
        append(event.id.description, to: &header)
        append(event.type.name, to: &header)
        append(event.source, to: &header)
        append(event.actor, to: &header)
        append(event.occurredAt.millisecondsSince1970, to: &header)
        append(recordedAt.millisecondsSince1970, to: &header)
        if let location = event.location {
            header.append(1)
            append(Int64(bitPattern: location.latitude.bitPattern), to: &header)
            append(Int64(bitPattern: location.longitude.bitPattern), to: &header)
        } else {
            header.append(0)
        }
        append(Int64(event.schemaVersion), to: &header)
        append(Int64(event.payload.bytes.count), to: &header)
        hasher.update(data: header)
        hasher.update(data: event.payload.bytes)
        return Array(hasher.finalize())
    }

    private static func append(_ value: Int64, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { out.append(contentsOf: $0) }
    }

    /// A length-prefixed UTF-8 string, written without an intermediate array (this runs for every append).
    private static func append(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        append(Int64(utf8.count), to: &out)
        out.append(contentsOf: utf8)
    }
}
