import Foundation
import Hummingbird

extension Request {
    /// Collects the body (within the context's size limit) and decodes JSON, mapping every
    /// failure to a problem naming the field at fault.
    mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: AppRequestContext, arrayName: String? = nil) async throws -> T {
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
            // A bare top-level array is named as if it had been sent as {"<arrayName>": [...]}.
            let path = error.fieldPath.hasPrefix("[") ? (arrayName ?? "") + error.fieldPath : error.fieldPath
            throw SafeCityError(.unprocessableContent, title: "Invalid field", detail: "\(path): \(error.reason)", field: path)
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
