import Foundation

/// Where a webhook goes: the scheme, host and port its connections are pooled by, and the request target.
struct WebhookOrigin: Hashable, Sendable {
    var secure: Bool
    var host: String
    var port: Int

    /// The origin and the path-and-query of an `http` or `https` URL; nil for anything else.
    static func parse(_ url: String) -> (origin: WebhookOrigin, target: String)? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil else { return nil }
        let secure = scheme == "https"
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let target = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return (WebhookOrigin(secure: secure, host: bare, port: components.port ?? (secure ? 443 : 80)), target)
    }

    /// The `Host` header: the port only when it is not the scheme's default, IPv6 literals bracketed.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }

    /// Whether the host is an IP literal rather than a name to resolve.
    var isAddressLiteral: Bool {
        host.contains(":") || host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }
}
