/// How much an event in a zone matters, which weighs its threat score.
public enum ZoneSensitivity: String, Hashable, Sendable, Codable, CodingKeyRepresentable, CaseIterable {
    case low, normal, high, critical
}
