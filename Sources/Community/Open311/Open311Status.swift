/// Open311's public `status` of a request.
public enum Open311Status: String, Hashable, Sendable, Codable, CaseIterable {
    case open
    case closed
}
