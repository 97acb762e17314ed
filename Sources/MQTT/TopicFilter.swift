/// A validated MQTT topic filter with `+` (one level) and `#` (any trailing levels) wildcards (MQTT 3.1.1 §4.7).
///
/// - Note: Wildcards at the first level never match topics starting with `$` (such as `$SYS/…`), per §4.7.2.
public struct TopicFilter: Sendable, Hashable, CustomStringConvertible {
    /// The filter as written, e.g. `city/sensors/+/observations`.
    public let filter: String
    private let levels: [Substring]

    /// Validates a filter.
    ///
    /// - Throws: `MQTTError.invalidTopicFilter` if it is empty, over 65 535 bytes, contains U+0000,
    ///   has `#` anywhere but as the whole last level, or `+` not filling a whole level.
    public init(_ filter: String) throws {
        guard !filter.isEmpty else { throw MQTTError.invalidTopicFilter(filter, reason: "it is empty") }
        guard filter.utf8.count <= 65_535 else {
            throw MQTTError.invalidTopicFilter(filter, reason: "it is longer than 65535 bytes")
        }
        guard !filter.unicodeScalars.contains("\u{0}") else {
            throw MQTTError.invalidTopicFilter(filter, reason: "it contains U+0000")
        }
        let levels = filter.split(separator: "/", omittingEmptySubsequences: false)
        for (index, level) in levels.enumerated() {
            if level.contains("#") && (level != "#" || index != levels.count - 1) {
                throw MQTTError.invalidTopicFilter(filter, reason: "'#' must be the whole last level")
            }
            if level.contains("+") && level != "+" {
                throw MQTTError.invalidTopicFilter(filter, reason: "'+' must fill a whole level")
            }
        }
        self.filter = filter
        self.levels = levels
    }

    /// Whether the filter contains `+` or `#`.
    public var hasWildcards: Bool { levels.contains { $0 == "+" || $0 == "#" } }

    /// The filter as written.
    public var description: String { filter }

    /// Whether `topic` (a topic name) is matched by this filter.
    public func matches(_ topic: String) -> Bool {
        let topicLevels = topic.split(separator: "/", omittingEmptySubsequences: false)
        if topic.hasPrefix("$"), let first = levels.first, first == "+" || first == "#" {
            return false
        }
        var index = 0
        while index < levels.count {
            let level = levels[index]
            // `#` also matches the parent level itself: `sport/#` matches `sport`.
            if level == "#" { return true }
            guard index < topicLevels.count else { return false }
            // Byte comparison: MQTT matches without Unicode normalisation (§4.7.3).
            if level != "+" && !level.utf8.elementsEqual(topicLevels[index].utf8) { return false }
            index += 1
        }
        return index == topicLevels.count
    }

    /// Checks a topic name as used in PUBLISH (§4.7.3): non-empty, at most 65 535 bytes, no U+0000, no wildcards.
    ///
    /// - Throws: `MQTTError.invalidTopicName` naming the reason.
    public static func validateTopicName(_ topic: String) throws {
        guard !topic.isEmpty else { throw MQTTError.invalidTopicName(topic, reason: "it is empty") }
        guard topic.utf8.count <= 65_535 else {
            throw MQTTError.invalidTopicName(topic, reason: "it is longer than 65535 bytes")
        }
        guard !topic.unicodeScalars.contains("\u{0}") else {
            throw MQTTError.invalidTopicName(topic, reason: "it contains U+0000")
        }
        guard !topic.contains("+"), !topic.contains("#") else {
            throw MQTTError.invalidTopicName(topic, reason: "wildcards '+' and '#' are only allowed in filters")
        }
    }
}
