import Foundation

/// Where outgoing mail goes, parsed from `--smtp` / `SAFECITY_SMTP_URL`:
/// `smtp://[user:pass@]host[:port]?from=noreply@city.example[&starttls=required|off]`, `smtps://…` (TLS from the
/// first byte, port 465 by default) or `file:///DIR[?from=…]` (each message written as an `.eml` file: a pickup directory).
///
/// - Warning: Holds the relay password; ``description`` never shows it.
public struct MailRelay: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        /// Plain TCP; STARTTLS when the server offers it.
        case opportunistic
        /// Plain TCP, then STARTTLS, or no mail at all.
        case startTLSRequired = "required"
        /// Plain TCP only (a relay on localhost).
        case plain = "off"
        /// TLS from the first byte (`smtps://`).
        case implicitTLS
    }

    /// Where the messages go.
    public enum Destination: Sendable, Equatable {
        case server(host: String, port: Int, security: Security)
        case pickupDirectory(path: String)
    }

    public var destination: Destination
    /// The envelope and header sender.
    public var from: MailAddress
    public var username: String?
    public var password: String?
    /// The name this client gives in EHLO.
    public var heloName: String
    /// The longest wait for one reply, or for the connection.
    public var timeoutSeconds: Int64
    /// A PEM file of extra trusted roots (a city relay with a private CA), `?ca=`.
    public var trustRootsPath: String?

    public init(destination: Destination, from: MailAddress, username: String? = nil, password: String? = nil, heloName: String = "localhost",
                timeoutSeconds: Int64 = 30, trustRootsPath: String? = nil) {
        self.destination = destination
        self.from = from
        self.username = username
        self.password = password
        self.heloName = heloName
        self.timeoutSeconds = timeoutSeconds
        self.trustRootsPath = trustRootsPath
    }

    /// Parses a relay URL; the error names the part at fault.
    public init(url text: String) throws(MailError) {
        func bad(_ reason: String) -> MailError { .permanent("bad SMTP URL: \(reason)") }
        guard let url = URLComponents(string: text.trimmingSpaces()), let scheme = url.scheme?.lowercased() else {
            throw bad("not a URL (expected smtp://host:port?from=…, smtps://… or file:///DIR)")
        }
        var query: [String: String] = [:]
        for item in url.queryItems ?? [] {
            guard ["from", "starttls", "helo", "timeout", "ca"].contains(item.name) else {
                throw bad("unknown parameter \"\(item.name)\" (known: from, starttls, helo, timeout, ca)")
            }
            query[item.name] = item.value ?? ""
        }
        let from: MailAddress
        do {
            from = try MailAddress(query["from"] ?? (scheme == "file" ? "safecity@localhost" : ""))
        } catch {
            throw bad(query["from"] == nil ? "from=ADDRESS is required (the sender of notices)" : "from: \(error)")
        }
        var timeout: Int64 = 30
        if let text = query["timeout"] {
            guard let seconds = Int64(text), (1...600).contains(seconds) else { throw bad("timeout must be 1–600 seconds, got \"\(text)\"") }
            timeout = seconds
        }
        switch scheme {
        case "file":
            guard url.host == nil || url.host == "" || url.host == "localhost" else { throw bad("file URL must be file:///absolute/dir") }
            guard !url.path.isEmpty, url.path.hasPrefix("/") else { throw bad("file URL needs an absolute directory, e.g. file:///var/spool/safecity") }
            self.init(destination: .pickupDirectory(path: url.path), from: from, timeoutSeconds: timeout)
        case "smtp", "smtps":
            guard let host = url.host, !host.isEmpty else { throw bad("no host") }
            let port = url.port ?? (scheme == "smtps" ? 465 : 25)
            guard (1...65_535).contains(port) else { throw bad("port must be 1–65535") }
            var security: Security = scheme == "smtps" ? .implicitTLS : .opportunistic
            if let mode = query["starttls"] {
                guard scheme == "smtp" else { throw bad("starttls applies to smtp://, not smtps://") }
                guard let chosen = Security(rawValue: mode), chosen != .implicitTLS, chosen != .opportunistic || mode == "opportunistic" else {
                    throw bad("starttls must be required, off or opportunistic, got \"\(mode)\"")
                }
                security = chosen
            }
            if url.user != nil, url.password == nil { throw bad("user given without a password (smtp://user:password@host)") }
            self.init(destination: .server(host: host, port: port, security: security), from: from, username: url.user, password: url.password,
                      heloName: query["helo"] ?? "localhost", timeoutSeconds: timeout, trustRootsPath: query["ca"])
        default:
            throw bad("scheme must be smtp, smtps or file, got \"\(scheme)\"")
        }
    }

    /// A line for logs and `/readyz`: host and port or directory, never the credentials.
    public var description: String {
        switch destination {
        case let .server(host, port, security):
            "smtp: \(host):\(port) configured (\(security == .implicitTLS ? "TLS" : security == .startTLSRequired ? "STARTTLS required" : security == .plain ? "no TLS" : "STARTTLS if offered")\(username == nil ? "" : ", with login"))"
        case let .pickupDirectory(path): "smtp: writing .eml files to \(path)"
        }
    }
}
