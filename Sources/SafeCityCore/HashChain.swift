import Crypto

/// The log's tamper-evidence: each record's hash covers the previous hash and the
/// record's own canonical bytes, so changing any stored byte breaks every later link.
public enum HashChain {
    /// The `previousHash` of the first record.
    public static let genesis = [UInt8](repeating: 0, count: 32)

    /// SHA-256 of `previous ‖ canonicalBytes(record)`.
    ///
    /// The record's bytes: sequence, id (canonical UUID text), type, source, actor, occurred-at and
    /// recorded-at, a location flag (1 then latitude and longitude bit patterns, or 0), schema version,
    /// payload length, then the payload. Integers are 8 bytes big-endian; strings are their UTF-8 length
    /// as such an integer, then the bytes.
    public static func hash(previous: [UInt8], sequence: Int64, recordedAt: Timestamp, event: NewEvent) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: previous)
        // The header is built on the stack: this runs for every append and every verified record.
        let capacity = 8 * 11 + 1 + 36 + event.type.name.utf8.count + event.source.utf8.count + event.actor.utf8.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var at = 0
            func put(_ value: Int64) {
                withUnsafeBytes(of: value.bigEndian) { bytes in
                    for byte in bytes {
                        buffer[at] = byte
                        at += 1
                    }
                }
            }
            func put(_ text: String) {
                var text = text
                text.withUTF8 { utf8 in
                    put(Int64(utf8.count))
                    for byte in utf8 {
                        buffer[at] = byte
                        at += 1
                    }
                }
            }
            put(sequence)
            put(36)
            event.id.writeCanonicalText { byte in
                buffer[at] = byte
                at += 1
            }
            put(event.type.name)
            put(event.source)
            put(event.actor)
            put(event.occurredAt.millisecondsSince1970)
            put(recordedAt.millisecondsSince1970)
            if let location = event.location {
                buffer[at] = 1
                at += 1
                put(Int64(bitPattern: location.latitude.bitPattern))
                put(Int64(bitPattern: location.longitude.bitPattern))
            } else {
                buffer[at] = 0
                at += 1
            }
            put(Int64(event.schemaVersion))
            put(Int64(event.payload.bytes.count))
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: buffer.baseAddress, count: at))
        }
        hasher.update(data: event.payload.bytes)
        return hasher.finalize().withUnsafeBytes { Array($0) }
    }
}
