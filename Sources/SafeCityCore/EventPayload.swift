import Foundation

/// An event's body: UTF-8 JSON bytes, stored and hashed exactly as they are.
public struct EventPayload: Hashable, Sendable {
    /// The JSON text, as UTF-8.
    public let bytes: [UInt8]

    /// Wraps bytes already known to be one JSON value (read back from the log).
    public init(trustedBytes bytes: [UInt8]) { self.bytes = bytes }

    /// The canonical encoding of a JSON value.
    public init(_ value: JSONValue) { self.bytes = value.canonicalBytes }

    /// Encodes a typed payload with sorted keys.
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.bytes = Array(try encoder.encode(value))
    }

    /// Decodes a typed payload.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// The payload as a generic JSON value.
    public var jsonValue: JSONValue {
        (try? decode(JSONValue.self)) ?? .null
    }
}
