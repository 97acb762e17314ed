import ArgumentParser

/// The `safecity` command-line tool.
@main
struct SafeCityCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "safecity",
        abstract: "SafeCity: an open platform for a city's public-safety operations centre.",
        version: version,
        subcommands: [
            ServeCommand.self, DemoCommand.self, KeysCommand.self, AuditCommand.self, BenchCommand.self,
            CrashChildCommand.self, ImportOSMCommand.self, RouteCommand.self, AlertCommand.self,
            RulesCommand.self, AQICommand.self, VisionCommand.self, BacktestCommand.self, HealthCommand.self,
            AccountsCommand.self, SecurityCommand.self, MigrateCommand.self, PrivacyCommand.self,
        ])
}

/// A failure reported to the user as one line, with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body`, turning its error into a one-line CLI error.
func cliFailure<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw CLIError("\(error)") }
}
