import Foundation
import SafeCityCore

/// Where a PostgreSQL database is, parsed from a `postgres://user:password@host:port/database` URL.
///
/// - Note: `sslmode=require` (or `verify-full`) in the query asks for TLS; the default is no TLS, as on a
///   private network or a Unix socket. The password never appears in ``description``.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var requiresTLS: Bool

    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String, requiresTLS: Bool = false) {
        (self.host, self.port, self.username, self.password, self.database, self.requiresTLS) = (host, port, username, password, database, requiresTLS)
    }

    /// Parses a `postgres://` or `postgresql://` URL; throws with the part at fault.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw EventLogError.storage("a PostgreSQL URL starts with postgres://, got \(Self.redacted(text))")
        }
        guard let host = components.host, !host.isEmpty else { throw EventLogError.storage("the PostgreSQL URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw EventLogError.storage("the PostgreSQL URL has no user name") }
        let name = String(components.path.drop(while: { $0 == "/" }))
        guard !name.isEmpty else { throw EventLogError.storage("the PostgreSQL URL has no database name") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "prefer", "require", "verify-ca", "verify-full"].contains(mode) else {
            throw EventLogError.storage("unknown sslmode \(mode)")
        }
        self.init(host: host, port: components.port ?? 5432, username: user, password: components.password,
                  database: name, requiresTLS: mode != "disable" && mode != "prefer")
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// The same server, another database (tests make one per case).
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    private static func redacted(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let colon = text[..<at].lastIndex(of: ":"), text[..<colon].contains("//") else { return text }
        return text[..<colon] + ":***" + text[at...]
    }
}
