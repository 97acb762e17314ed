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
        let start = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.init("X-Request-ID")!] = id
        // Method, route pattern and outcome only: query strings and bodies may hold personal data.
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue), "route": .string(context.endpointPath ?? request.uri.path),
            "status": .stringConvertible(response.status.code),
            "ms": .stringConvertible(Int((ContinuousClock.now - start) / .milliseconds(1))),
        ])
        return response
    }
}
