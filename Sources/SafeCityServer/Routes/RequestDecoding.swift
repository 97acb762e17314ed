import Foundation
import Hummingbird
import SafeCityCore

extension Request {
    /// Collects the body (within the context's size limit) and decodes JSON, mapping every
    /// failure to a problem naming the field at fault.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: context.maxUploadSize)
        } catch {
            throw SafeCityError.tooLarge(limit: context.maxUploadSize)
        }
        guard buffer.readableBytes > 0 else { throw SafeCityError.badRequest("the request body is empty; send JSON") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            if case let .dataCorrupted(context) = error, context.codingPath.isEmpty {
                throw SafeCityError.badRequest("the body is not valid JSON")
            }
            throw SafeCityError(.unprocessableContent, title: "Invalid field", detail: "\(error.fieldPath): \(error.reason)",
                                field: error.fieldPath)
        }
    }
}

extension Request {
    /// Collects the body (within the context's size limit) and parses it as untyped JSON.
    mutating func parseJSON(context: AppRequestContext) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: context.maxUploadSize)
        } catch {
            throw SafeCityError.tooLarge(limit: context.maxUploadSize)
        }
        guard buffer.readableBytes > 0 else { throw SafeCityError.badRequest("the request body is empty; send JSON") }
        do {
            return try JSONParser.parse(Array(buffer.readableBytesView))
        } catch {
            throw SafeCityError.badRequest("the body is not valid JSON: \(error)")
        }
    }
}

extension Response {
    /// A JSON response from raw UTF-8 bytes.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A JSON response from an encodable value.
    static func json(encoding value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(Array(try encoder.encode(value)), status: status)
    }
}

extension DecodingError {
    /// The JSON path of the value at fault, e.g. `events[2].occurredAt`.
    var fieldPath: String {
        let path: [CodingKey] = switch self {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context): context.codingPath
        case let .keyNotFound(key, context): context.codingPath + [key]
        @unknown default: []
        }
        var text = ""
        for key in path {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text
    }

    /// A one-line reason without Swift type names.
    var reason: String {
        switch self {
        case .typeMismatch: "has the wrong type"
        case .valueNotFound: "must not be null"
        case .keyNotFound: "is required"
        case let .dataCorrupted(context): context.debugDescription
        @unknown default: "is invalid"
        }
    }
}
