import Foundation
import HTTPTypes
import Hummingbird
import SafeCityCore

/// The only error type that reaches HTTP: renders RFC 9457 `application/problem+json`.
public struct SafeCityError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    /// A short, human-readable summary of the problem type.
    public var title: String
    /// What went wrong with this request.
    public var detail: String?
    /// The request field at fault, as a JSON path, when there is one.
    public var field: String?
    /// The request path, filled in by the problem middleware.
    public var instance: String?
    /// Extra response headers (e.g. `WWW-Authenticate`).
    public var headers: HTTPFields = [:]
    /// Further members of the problem object (RFC 9457 extensions), e.g. the current state behind a 409.
    public var extensions: [String: JSONValue] = [:]

    public init(_ status: HTTPResponse.Status, title: String, detail: String? = nil, field: String? = nil) {
        self.status = status
        self.title = title
        self.detail = detail
        self.field = field
    }

    /// A URI naming the problem type, stable across releases.
    public var type: String {
        "https://safecity.dev/problems/" + title.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var body = extensions
        body["type"] = .string(type)
        body["title"] = .string(title)
        body["status"] = .number(Double(status.code))
        if let detail { body["detail"] = .string(detail) }
        if let field { body["field"] = .string(field) }
        body["instance"] = .string(instance ?? request.uri.path)
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: JSONValue.object(body).canonicalBytes)))
    }
}

extension SafeCityError {
    static func badRequest(_ detail: String, field: String? = nil) -> SafeCityError {
        SafeCityError(.badRequest, title: "Malformed request", detail: detail, field: field)
    }

    static func invalid(_ error: ValidationError) -> SafeCityError {
        SafeCityError(.unprocessableContent, title: "Invalid field", detail: error.description, field: error.field)
    }

    static func unauthorized(_ detail: String) -> SafeCityError {
        var error = SafeCityError(.unauthorized, title: "Authentication required", detail: detail)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"safecity\""
        return error
    }

    static func forbidden(_ detail: String) -> SafeCityError {
        SafeCityError(.forbidden, title: "Not permitted", detail: detail)
    }

    static func tooLarge(limit: Int) -> SafeCityError {
        SafeCityError(.contentTooLarge, title: "Request body too large", detail: "the body exceeds the limit of \(limit) bytes")
    }
}
