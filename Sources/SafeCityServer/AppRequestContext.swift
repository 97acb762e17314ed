import Hummingbird
import Logging
import Security

/// The request context of every SafeCity route: logger, request id and, once the auth
/// middleware has run, the caller's identity.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthMiddleware`` on routes that need a caller.
    public var identity: Identity?
    /// Echoed in the `X-Request-ID` header and every log line of the request.
    public var requestID: String = ""
    /// Request bodies larger than this are refused with 413.
    public var maxUploadSize: Int { 8 * 1024 * 1024 }

    /// The client's IP address, for per-address rate limits (nil when the channel has none, as in tests).
    public var remoteAddress: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The authenticated caller; throws when a route that needs one was reached without.
    func requireIdentity() throws -> Identity {
        guard let identity else { throw SafeCityError.unauthorized("this route needs an API key") }
        return identity
    }
}
