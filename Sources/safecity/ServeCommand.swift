import Foundation
import ArgumentParser
import Hummingbird
import Logging
import SafeCityServer

/// `safecity serve`: runs the server until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the SafeCity server.")

    @OptionGroup var options: ServerOptions
    @OptionGroup var roadOptions: RoadOptions
    @OptionGroup var sensingOptions: SensingOptions
    @OptionGroup var noticeOptions: NoticeOptions
    @Option(name: .customLong("tls-certificate"), help: "PEM certificate chain: serve HTTPS (with --tls-key); else put a TLS reverse proxy in front.")
    var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-certificate.") var tlsKey: String?
    @Option(name: .customLong("credential-limits"),
            help: "Per API key or session: off, or reads=N,writes=M requests a minute (SAFECITY_CREDENTIAL_LIMITS; default reads=12000,writes=6000).")
    var credentialLimits: String?

    func run() async throws {
        let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
        let notices = try noticeOptions.settings(defaultPublicURL: "http://\(settings.host):\(settings.port)")
        let roads = try roadOptions.load()
        let rules = try sensingOptions.ruleSet()
        let mqtt = try sensingOptions.mqttSource()
        let cameraMQTT = try sensingOptions.cameraMQTTSource()
        var limits = RateLimits()
        if let text = credentialLimits ?? ProcessInfo.processInfo.environment["SAFECITY_CREDENTIAL_LIMITS"] {
            do { try limits.setCredentialLimits(text) } catch { throw CLIError("\(error)") }
        }
        let platform = try await Platform(databasePath: settings.database, roads: roads, sensorRules: rules, rateLimits: limits,
                                          retention: settings.retention, notices: notices)
        let logger = Logger(label: "safecity")
        logger.info("database \(platform.storage.location)")
        logger.info("roads \(roads.source): \(roads.car.graph.nodeCount) nodes, \(roads.car.graph.edgeCount) edges")
        await platform.delivery.start()
        await platform.notices.start()
        for (channel, sender) in platform.notices.senders.sorted(by: { $0.key < $1.key }) { logger.info("notices by \(channel): \(sender)") }
        if let mqtt { try await platform.startMQTT(mqtt, logger: logger) }
        if let cameraMQTT { try await platform.startCameraMQTT(cameraMQTT, logger: logger) }
        switch (tlsCertificate, tlsKey) {
        case let (certificate?, key?):
            let files = TLSFiles(certificateChainPath: certificate, privateKeyPath: key)
            do { try files.validate() } catch {
                await platform.shutdown()
                throw CLIError("\(error)")
            }
            let app = try SafeCityApp.buildApplication(platform: platform, tls: files, host: settings.host, port: settings.port, logger: logger) { port in
                printNow("SafeCity listening on https://\(settings.host):\(port)/")
            }
            try await app.runService()
        case (nil, nil):
            let app = SafeCityApp.buildApplication(platform: platform, host: settings.host, port: settings.port, logger: logger) { port in
                printNow("SafeCity listening on http://\(settings.host):\(port)/")
            }
            try await app.runService()
        default:
            await platform.shutdown()
            throw CLIError("--tls-certificate and --tls-key go together")
        }
        await platform.shutdown()
    }
}
