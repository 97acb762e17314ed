import Foundation
import SafeCityCore

/// Settings objects sent as partial overrides of their defaults.
///
/// Rule and tracker settings have sensible defaults; an installer who writes only
/// `{"dwellSeconds": 90}` means "the defaults, with a 90 s dwell". Decoding the sent keys over an
/// encoded default gives exactly that, without a hand-written decoder per settings type.
extension JSONValue {
    /// This object's keys laid over `defaults`; `required` keys must be present in it.
    func decode<T: Codable>(over defaults: T, name: String, required: [String] = []) throws(VisionError) -> T {
        guard case let .object(sent) = self else { throw .invalidConfiguration("\(name) must be a JSON object") }
        for key in required where sent[key] == nil { throw .invalidConfiguration("\(name).\(key) is required") }
        do {
            let base = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(defaults))
            guard case var .object(merged) = base else { return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(self)) }
            for (key, value) in sent { merged[key] = value }
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(JSONValue.object(merged)))
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
        guard let value = try decodeIfPresent(JSONValue.self, forKey: key) else { return nil }
        return try value.decode(over: defaults, name: key.stringValue, required: required)
    }
}
