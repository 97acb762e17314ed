/// Turns a per-frame condition into episodes: it begins after holding for a while and ends after
/// its release has held for a while, so a flickering measurement does not fire twice.
struct SustainedCondition: Sendable {
    enum Change { case began, ended }

    private(set) var episodeId: Int?
    private(set) var episodeStart = 0.0
    private var holdingSince: Double?
    private var releasedSince: Double?

    var isActive: Bool { episodeId != nil }

    /// Feeds one frame. `holds` starts an episode, `released` ends one; the caller assigns ids.
    mutating func update(holds: Bool, released: Bool, time: Double, onAfterSeconds: Double,
                         offAfterSeconds: Double, newEpisode: () -> Int) -> Change? {
        if episodeId == nil {
            guard holds else {
                holdingSince = nil
                return nil
            }
            let since = holdingSince ?? time
            holdingSince = since
            guard time - since >= onAfterSeconds else { return nil }
            episodeId = newEpisode()
            episodeStart = since
            releasedSince = nil
            return .began
        }
        guard released else {
            releasedSince = nil
            return nil
        }
        let since = releasedSince ?? time
        releasedSince = since
        guard time - since >= offAfterSeconds else { return nil }
        return .ended
    }

    /// Forgets the finished episode; call after reporting `.ended` (kept apart so the caller can read the id first).
    mutating func reset() {
        episodeId = nil
        holdingSince = nil
        releasedSince = nil
    }
}
