import Foundation
import MQTT

/// Where observations come from over MQTT: `mqtt://[user[:password]@]host[:port]/topic/filter`.
///
/// The filter may hold `+` and `#`; the topic level at the first `+` names the sensor when a message
/// does not (e.g. `city/sensors/+/observations` and a message on `city/sensors/aq-12/observations`).
public struct MQTTSource: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var filter: String
    public var credentials: MQTTCredentials?

    public init(host: String, port: Int = 1883, filter: String, credentials: MQTTCredentials? = nil) throws {
        _ = try TopicFilter(filter)
        self.host = host
        self.port = port
        self.filter = filter
        self.credentials = credentials
    }

    /// Parses an `mqtt://` URL; the error says which part is wrong.
    ///
    /// The topic filter is everything after the first `/` of the authority, taken verbatim, so that
    /// `#` is the MQTT wildcard and not a URL fragment.
    public init(url text: String) throws {
        guard text.hasPrefix("mqtt://") else {
            throw MQTTSourceError("MQTT source must look like mqtt://host:1883/topic/filter, got \"\(text)\"")
        }
        let rest = text.dropFirst("mqtt://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let filter = slash < rest.endIndex ? String(rest[rest.index(after: slash)...]) : ""
        guard !filter.isEmpty else { throw MQTTSourceError("MQTT source \"\(text)\" has no topic filter after the host") }
        var authority = rest[..<slash]
        var credentials: MQTTCredentials?
        if let at = authority.lastIndex(of: "@") {
            let user = authority[..<at]
            let colon = user.firstIndex(of: ":")
            let name = String(user[..<(colon ?? user.endIndex)]).removingPercentEncoding ?? ""
            let password = colon.map { String(user[user.index(after: $0)...]).removingPercentEncoding ?? "" } ?? ""
            credentials = MQTTCredentials(username: name, password: password)
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority), port = 1883
        if let colon = authority.lastIndex(of: ":") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(number) else {
                throw MQTTSourceError("MQTT source \"\(text)\" has an invalid port")
            }
            host = String(authority[..<colon])
            port = number
        }
        guard !host.isEmpty else { throw MQTTSourceError("MQTT source \"\(text)\" has no host") }
        do {
            try self.init(host: host, port: port, filter: filter, credentials: credentials)
        } catch {
            throw MQTTSourceError("MQTT topic filter \"\(filter)\" is invalid: \(error)")
        }
    }

    /// The sensor a topic names, at the filter's first `+` level.
    public func sensorID(inTopic topic: String) -> String? {
        let levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = levels.firstIndex(of: "+") else { return nil }
        let topicLevels = topic.split(separator: "/", omittingEmptySubsequences: false)
        guard index < topicLevels.count, !topicLevels[index].isEmpty else { return nil }
        return String(topicLevels[index])
    }
}

/// A malformed `--mqtt` setting.
public struct MQTTSourceError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
