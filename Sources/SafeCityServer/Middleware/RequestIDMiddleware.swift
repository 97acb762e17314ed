import Foundation
import Hummingbird
import Logging

/// Gives each request an id (the caller's `X-Request-ID` if sane), logs its outcome.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let supplied = request.headers[.init("X-Request-ID")!]
        let id = supplied.flatMap { $0.count <= 64 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } ? $0 : nil }
            ?? UUID().uuidString.lowercased()
        context.requestID = id
        context.logger[metadataKey: "request-id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.init("X-Request-ID")!] = id
        return response
    }
}
