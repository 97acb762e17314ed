import ArgumentParser
import Foundation
import Security

/// Options shared by commands that open the database or listen: each comes from a flag,
/// then a `SAFECITY_*` environment variable, then the config file, then a default.
struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (SAFECITY_HOST).")
    var host: String?

    @Option(help: "Port to listen on; 0 picks a free one (SAFECITY_PORT).")
    var port: Int?

    @Option(help: "SQLite database file, or a postgres://user:password@host:port/name URL (SAFECITY_DATABASE).")
    var database: String?

    @Option(help: "JSON config file with host, port, database, retention (SAFECITY_CONFIG).")
    var config: String?

    @Option(help: "Retention in days, e.g. caller=365,contact=180,notes=365,social=30,audit=365,sessions=30 (SAFECITY_RETENTION).")
    var retention: String?

    func resolved(defaultDatabase: String) throws -> Settings {
        let environment = ProcessInfo.processInfo.environment
        var file: [String: Any] = [:]
        if let path = config ?? environment["SAFECITY_CONFIG"] {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read config file \(path)") }
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CLIError("config file \(path) is not a JSON object")
            }
            let known: Set<String> = ["host", "port", "database", "retention"]
            if let unknown = object.keys.first(where: { !known.contains($0) }) {
                throw CLIError("config file \(path): unknown key \"\(unknown)\" (known: host, port, database, retention)")
            }
            file = object
        }
        let host = host ?? environment["SAFECITY_HOST"] ?? (file["host"] as? String) ?? "127.0.0.1"
        let portText = port.map(String.init) ?? environment["SAFECITY_PORT"] ?? (file["port"].map { "\($0)" }) ?? "8080"
        guard let port = Int(portText), (0...65_535).contains(port) else { throw CLIError("port must be 0–65535, got \(portText)") }
        let database = database ?? environment["SAFECITY_DATABASE"] ?? (file["database"] as? String) ?? defaultDatabase
        let retentionText = retention ?? environment["SAFECITY_RETENTION"] ?? (file["retention"] as? String) ?? ""
        let retention: RetentionSettings
        do { retention = try RetentionSettings(parsing: retentionText) } catch { throw CLIError("bad retention setting: \(error)") }
        return Settings(host: host, port: port, database: database, retention: retention)
    }
}

/// Resolved settings.
struct Settings {
    var host: String
    var port: Int
    var database: String
    var retention = RetentionSettings()
}

/// Where SafeCity keeps data by default: `$XDG_DATA_HOME/safecity` or `~/.local/share/safecity`.
enum DataDirectory {
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_DATA_HOME"] ?? (NSHomeDirectory() + "/.local/share")
        return base + "/safecity"
    }
}
