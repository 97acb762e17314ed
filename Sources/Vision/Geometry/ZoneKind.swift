/// What a zone is, for people reading events; behaviours are switched on per zone, not by kind.
public enum ZoneKind: String, Hashable, Sendable, Codable, CaseIterable {
    case general, walkway, waitingArea, entrance, roadway, parking, restricted
}
