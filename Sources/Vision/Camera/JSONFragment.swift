import Foundation

/// Any JSON value, kept as it was sent, so that a settings object can be laid over its defaults.
///
/// Rule and tracker settings have sensible defaults; an installer who writes only
/// `{"dwellSeconds": 90}` means "the defaults, with a 90 s dwell". Decoding the sent keys over an
/// encoded default gives exactly that, without a hand-written decoder per settings type.
public indirect enum JSONFragment: Hashable, Sendable, Codable {
    case null, bool(Bool), number(Double), string(String), array([JSONFragment]), object([String: JSONFragment])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONFragment].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONFragment].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// This fragment's keys laid over `defaults`; `required` keys must be present in the fragment.
    func decode<T: Codable>(over defaults: T, name: String, required: [String] = []) throws(VisionError) -> T {
        guard case let .object(sent) = self else { throw .invalidConfiguration("\(name) must be a JSON object") }
        for key in required where sent[key] == nil { throw .invalidConfiguration("\(name).\(key) is required") }
        do {
            let base = try JSONDecoder().decode(JSONFragment.self, from: JSONEncoder().encode(defaults))
            guard case var .object(merged) = base else { return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self)) }
            for (key, value) in sent { merged[key] = value }
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(JSONFragment.object(merged)))
        } catch let error as VisionError {
            throw error
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidConfiguration("\(name).\(context.codingPath.map(\.stringValue).joined(separator: ".")) has the wrong type")
        } catch let DecodingError.dataCorrupted(context) {
            throw .invalidConfiguration("\(name).\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        } catch {
            throw .invalidConfiguration("\(name): \(error)")
        }
    }
}

extension KeyedDecodingContainer {
    /// Decodes a settings object sent as a partial override of `defaults`.
    func decodeSettings<T: Codable>(_ defaults: T, forKey key: Key, required: [String] = []) throws -> T? {
        guard let fragment = try decodeIfPresent(JSONFragment.self, forKey: key) else { return nil }
        return try fragment.decode(over: defaults, name: key.stringValue, required: required)
    }
}
