import ArgumentParser
import Hummingbird
import Logging
import SafeCityServer

/// `safecity serve`: runs the server until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the SafeCity server.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let settings = try options.resolved(defaultDatabase: DataDirectory.path + "/safecity.sqlite")
        let platform = try await Platform(databasePath: settings.database)
        let logger = Logger(label: "safecity")
        logger.info("database \(settings.database)")
        let app = SafeCityApp.buildApplication(platform: platform, host: settings.host, port: settings.port, logger: logger) { port in
            printNow("SafeCity listening on http://\(settings.host):\(port)/")
        }
        try await app.runService()
        await platform.shutdown()
    }
}
