import HTTPTypes
import Hummingbird
import Security

/// One route the server answers, and the action it needs (nil for public routes).
public struct RouteDescriptor: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var action: Action?
}

/// Registers routes and remembers each with its permission, so that a test can prove
/// that every secured route refuses anonymous and wrong-role callers.
final class RouteCatalog {
    let router: Router<AppRequestContext>
    let authenticate: @Sendable (String) async throws -> Identity?
    let noteAccess: @Sendable (Identity, String?) async -> Void
    let metrics: ServerMetrics
    /// The budgets of every API key and session, shared by all secured routes.
    let credentialLimits: CredentialLimits
    private(set) var descriptors: [RouteDescriptor] = []

    init(router: Router<AppRequestContext>, authenticate: @escaping @Sendable (String) async throws -> Identity?,
         noteAccess: @escaping @Sendable (Identity, String?) async -> Void, metrics: ServerMetrics, credentialLimits: CredentialLimits) {
        self.router = router
        self.authenticate = authenticate
        self.noteAccess = noteAccess
        self.metrics = metrics
        self.credentialLimits = credentialLimits
    }

    /// A route anyone may call; with `limit`, each client address gets that rate (429 beyond it).
    func publicRoute(
        _ method: HTTPRequest.Method, _ path: RouterPath, limit: (scope: String, limiter: RateLimiter)? = nil,
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) {
        descriptors.append(RouteDescriptor(method: method, path: path.description, action: nil))
        if let limit {
            router.group().add(middleware: RateLimitMiddleware(scope: limit.scope, limiter: limit.limiter, metrics: metrics)).on(path, method: method, use: handler)
        } else {
            router.on(path, method: method, use: handler)
        }
    }

    /// A route that needs an API key whose role may perform `action`; the key's read or write budget applies.
    func secured(
        _ method: HTTPRequest.Method, _ path: RouterPath, action: Action,
        _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) {
        descriptors.append(RouteDescriptor(method: method, path: path.description, action: action))
        router.group()
            .add(middleware: AuthMiddleware(action: action, authenticate: authenticate, noteAccess: noteAccess, limits: credentialLimits, metrics: metrics))
            .on(path, method: method, use: handler)
    }
}
