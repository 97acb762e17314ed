import HTTPTypes
import Hummingbird
import Security

/// Authenticates the caller by API key or session token and checks that their role may perform the route's action.
///
/// Keys and tokens come in `Authorization: Bearer <key>` or `X-API-Key: <key>`; never in the URL,
/// where they would end up in access logs.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let action: Action
    let authenticate: @Sendable (String) async throws -> Identity?
    /// Told of every authenticated request, to watch for abuse.
    let noteAccess: @Sendable (Identity, String?) async -> Void
    /// The per-credential budgets, taken before the route runs.
    let limits: CredentialLimits
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = Self.presentedKey(request) else {
            metrics.recordAuthFailure(reason: "missing")
            throw SafeCityError.unauthorized("send an API key as 'Authorization: Bearer <key>'")
        }
        guard let identity = try await authenticate(token) else {
            metrics.recordAuthFailure(reason: "invalid")
            throw SafeCityError.unauthorized("the API key or session is unknown, expired, revoked or malformed")
        }
        guard PermissionTable.allows(identity.role, action) else {
            metrics.recordAuthFailure(reason: "forbidden")
            throw SafeCityError.forbidden("role '\(identity.role.rawValue)' may not \(action.rawValue)")
        }
        guard identity.isSession || !PermissionTable.needsPerson(action) else {
            metrics.recordAuthFailure(reason: "needs-person")
            throw SafeCityError.forbidden("\(action.rawValue) is a person's decision: sign in with username, password and one-time code; API keys are machine credentials")
        }
        await noteAccess(identity, context.remoteAddress)
        try await limits.check(identity, method: request.method)
        var context = context
        context.identity = identity
        context.logger[metadataKey: "actor"] = .string(identity.actorName)
        return try await next(request, context)
    }

    static func presentedKey(_ request: Request) -> String? { presentedKey(request.headers) }

    /// The key in `Authorization: Bearer` or `X-API-Key`, also for requests that never reach the router (WebSocket upgrades).
    static func presentedKey(_ headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            return nil
        }
        return headers[.init("X-API-Key")!]
    }
}
