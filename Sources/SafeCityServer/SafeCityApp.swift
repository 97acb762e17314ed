import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import SafeCityDispatch

/// Builds the HTTP application over a platform.
public enum SafeCityApp {
    /// The router with every route and middleware, and the catalog of its routes.
    public static func buildRouter(platform: Platform) -> (router: Router<AppRequestContext>, routes: [RouteDescriptor]) {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: platform.metrics))
        router.add(middleware: ProblemMiddleware())
        let catalog = RouteCatalog(router: router, authenticate: { try await platform.authenticate($0) },
                                   noteAccess: { await platform.noteAccess($0, from: $1) }, metrics: platform.metrics,
                                   credentialLimits: CredentialLimits(platform.rateLimits, metrics: platform.metrics) { await platform.noteRateLimited($0) })
        HealthRoutes.register(in: catalog, platform: platform)
        EventRoutes.register(in: catalog, platform: platform)
        StreamRoutes.register(in: catalog, platform: platform)
        KeyRoutes.register(in: catalog, platform: platform)
        AuditRoutes.register(in: catalog, platform: platform)
        ActivityRoutes.register(in: catalog, platform: platform)
        RoutingRoutes.register(in: catalog, platform: platform)
        DispatchRoutes.register(in: catalog, platform: platform)
        AlertRoutes.register(in: catalog, platform: platform)
        AlertSubscriptionRoutes.register(in: catalog, platform: platform)
        AlertIngestRoutes.register(in: catalog, platform: platform)
        SensorRoutes.register(in: catalog, platform: platform)
        CameraRoutes.register(in: catalog, platform: platform)
        Open311Routes.register(in: catalog, platform: platform)
        NoticeRoutes.register(in: catalog, platform: platform)
        SocialRoutes.register(in: catalog, platform: platform)
        PublicHealthRoutes.register(in: catalog, platform: platform)
        AccountRoutes.register(in: catalog, platform: platform)
        ForecastRoutes.register(in: catalog, platform: platform)
        DrillRoutes.register(in: catalog, platform: platform)
        ObservationRoutes.register(in: catalog, platform: platform)
        AirQualityRoutes.register(in: catalog, platform: platform)
        SensorAnalysisRoutes.register(in: catalog, platform: platform)
        SignalRoutes.register(in: catalog, platform: platform)
        DashboardRoutes.register(in: catalog)
        PortalRoutes.register(in: catalog, platform: platform)
        PrivacyRoutes.register(in: catalog, platform: platform)
        return (router, catalog.descriptors)
    }

    /// The application listening on `host:port` (port 0 picks a free one, reported through `onServerRunning`).
    public static func buildApplication(
        platform: Platform, host: String = "127.0.0.1", port: Int = 8080, logger: Logger? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        application(platform: platform, server: plainServer(platform: platform), host: host, port: port, logger: logger, onServerRunning: onServerRunning)
    }

    /// The server speaking HTTPS with the certificate chain and private key in these PEM files.
    public static func buildApplication(
        platform: Platform, tls: TLSFiles, host: String = "127.0.0.1", port: Int = 8080, logger: Logger? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let server = try HTTPServerBuilder.tls(plainServer(platform: platform), tlsConfiguration: try tls.configuration())
        return application(platform: platform, server: server, host: host, port: port, logger: logger, onServerRunning: onServerRunning)
    }

    private static func plainServer(platform: Platform) -> HTTPServerBuilder {
        .http1WebSocketUpgrade { request, _, _ in
            if CameraSocket.cameraID(inPath: request.path) != nil { return await CameraSocket.shouldUpgrade(request, platform: platform) }
            return await ObservationSocket.shouldUpgrade(request, platform: platform)
        }
    }

    private static func application(
        platform: Platform, server: HTTPServerBuilder, host: String, port: Int, logger: Logger?,
        onServerRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        var logger = logger ?? Logger(label: "safecity")
        logger[metadataKey: "component"] = "server"
        return Application(
            router: buildRouter(platform: platform).router,
            server: server,
            configuration: .init(address: .hostname(host, port: port), serverName: "SafeCity"),
            services: [
                PeriodicService.escalation(platform.dispatch, policy: EscalationPolicy(), interval: .seconds(5), logger: logger),
                PeriodicService.socialQuiet(platform.social, interval: .seconds(30), logger: logger),
                PeriodicService.retention(platform.privacy, interval: .seconds(3_600), logger: logger),
            ],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
