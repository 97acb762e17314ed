import Foundation
import Crypto

/// A globally unique event identifier (a UUID), chosen by the producer so retries are detectable.
///
/// Identifiers SafeCity makes itself are time-ordered (UUID version 7, RFC 9562): the log's unique
/// index on them then grows at its end instead of at random pages, which keeps appends fast as the
/// log grows. Producers may send any UUID.
public struct EventID: Hashable, Sendable, Codable, CustomStringConvertible {
    public var uuid: UUID

    public init(_ uuid: UUID) { self.uuid = uuid }

    /// A new time-ordered identifier for now.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self = .timeOrdered(at: Timestamp(Date()), using: &generator)
    }

    /// A UUID version 7: 48 bits of Unix milliseconds, then random bits from `generator`
    /// (seeded generators make it reproducible for the simulation and benchmarks).
    public static func timeOrdered(at time: Timestamp, using generator: inout some RandomNumberGenerator) -> EventID {
        var bytes = [UInt8](repeating: 0, count: 16)
        let milliseconds = UInt64(max(0, time.millisecondsSince1970))
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - i))) }
        let random = generator.next() as UInt64, more = generator.next() as UInt64
        for i in 6..<16 { bytes[i] = UInt8(truncatingIfNeeded: (i < 14 ? random : more) >> (8 * (i % 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return EventID(bytes: bytes)
    }

    private init(bytes b: [UInt8]) {
        uuid = UUID(uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
    }

    /// Parses the canonical UUID text form; nil when malformed.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// Makes a deterministic identifier from a seeded generator (simulation, tests).
    public static func random(using generator: inout some RandomNumberGenerator) -> EventID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return EventID(bytes: bytes)
    }

    /// Lower-case canonical UUID text (8-4-4-4-12 hex digits).
    public var description: String {
        // Written by hand: Foundation's formatting goes through printf, and this runs for every event served.
        String(unsafeUninitializedCapacity: 36) { out in
            var at = 0
            writeCanonicalText { byte in
                out[at] = byte
                at += 1
            }
            return at
        }
    }

    /// Hands the 36 bytes of ``description`` to `put` one by one, without making a string (the hash chain).
    @inlinable
    public func writeCanonicalText(_ put: (UInt8) -> Void) {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 { put(UInt8(ascii: "-")) }
                let byte = bytes[index]
                put(Self.hexDigit(byte >> 4))
                put(Self.hexDigit(byte & 0x0F))
            }
        }
    }

    @usableFromInline
    static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10 }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = EventID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a UUID, got \"\(text)\"")
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension EventID {
    /// A UUID version 8 (RFC 9562) from SHA-256 of a namespace and a key: the same key always gives the same
    /// id, so that an event several writers derive from one fact (a detector's signal) is recorded once.
    public static func derived(namespace: String, key: String) -> EventID {
        var bytes = Array(SHA256.hash(data: Array((namespace + "\u{0}" + key).utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return EventID(UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15])))
    }
}
