import Hummingbird
import Logging
import SafeCityCore

/// Turns every error into problem+json: our own errors as they are, Hummingbird's HTTP
/// errors with their status, anything else as a bare 500 whose details stay in the log.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch var error as SafeCityError {
            error.instance = request.uri.path
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            let problem: SafeCityError = switch error.status {
            case .notFound: SafeCityError(.notFound, title: "Not found", detail: "no route for \(request.method) \(request.uri.path)")
            case .contentTooLarge: .tooLarge(limit: context.maxUploadSize)
            case .methodNotAllowed: SafeCityError(.methodNotAllowed, title: "Method not allowed", detail: "\(request.method) is not allowed on \(request.uri.path)")
            default: SafeCityError(error.status, title: error.status.reasonPhrase, detail: error.body)
            }
            return try problem.response(from: request, context: context)
        } catch let error as ValidationError {
            return try SafeCityError.invalid(error).response(from: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": .string(String(describing: error))])
            return try SafeCityError(.internalServerError, title: "Internal error", detail: "the error was logged with request id \(context.requestID)")
                .response(from: request, context: context)
        }
    }
}
