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

    func run() async throws {
        let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
        let roads = try roadOptions.load()
        let rules = try sensingOptions.ruleSet()
        let mqtt = try sensingOptions.mqttSource()
        let cameraMQTT = try sensingOptions.cameraMQTTSource()
        let platform = try await Platform(databasePath: settings.database, roads: roads, sensorRules: rules)
        let logger = Logger(label: "safecity")
        logger.info("database \(settings.database)")
        logger.info("roads \(roads.source): \(roads.car.graph.nodeCount) nodes, \(roads.car.graph.edgeCount) edges")
        let app = SafeCityApp.buildApplication(platform: platform, host: settings.host, port: settings.port, logger: logger) { port in
            printNow("SafeCity listening on http://\(settings.host):\(port)/")
        }
        await platform.delivery.start()
        if let mqtt { try await platform.startMQTT(mqtt, logger: logger) }
        if let cameraMQTT { try await platform.startCameraMQTT(cameraMQTT, logger: logger) }
        try await app.runService()
        await platform.shutdown()
    }
}
