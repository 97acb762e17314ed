import Foundation
import Geo
import SafeCityCore

/// A burst of one category of public-safety posts in a connected group of grid cells (or in the
/// city-wide cell): raised when it begins, again when it spreads to more cells, and when it clears.
///
/// - Note: The began and cleared signals of one burst share ``episode``; a burst that meets an
///   older one is folded into it and clears with ``mergedInto`` naming the older episode.
public struct SocialSignal: Codable, Sendable, Equatable {
    /// What happened to the burst.
    public enum Phase: String, Codable, Sendable {
        case began, grew, cleared
    }

    /// The burst's number, unique within one detector.
    public var episode: Int
    public var phase: Phase
    /// The lexicon category, e.g. `fire`.
    public var category: String
    /// Every cell that has burst in this episode, sorted; only ``GridCell/cityWide`` for unplaced posts.
    public var cells: [GridCell]
    /// Mean position of the located evidence posts (the cells' centres when none has one); nil city-wide.
    public var centroid: GeoPoint?
    /// The box around the cells; nil city-wide.
    public var extent: BoundingBox?
    /// When the first cell began to burst.
    public var startedAt: Timestamp
    /// When this phase happened.
    public var time: Timestamp
    /// The cells' largest window counts, summed (each author counted once per window).
    public var observedCount: Int
    /// What the cells' baselines expected in those windows, summed.
    public var expectedCount: Double
    /// The smallest Poisson p-value any of the cells reached.
    public var pValue: Double
    /// The first posts of the burst, oldest first, at most the configured number.
    public var evidence: [SocialEvidence]
    /// How many posts the burst had in all, kept as evidence or not.
    public var evidencePosts: Int
    /// For a burst folded into an older one: that one's episode.
    public var mergedInto: Int?

    /// One line for the signal board, e.g. `fire: 7 posts in 5 min where 0.03 were expected (p = 2.1e-12), 2 cells`.
    public func summary(windowSeconds: Int) -> String {
        let place = cells == [.cityWide] ? "city-wide, unplaced posts" : "\(cells.count) cell\(cells.count == 1 ? "" : "s")"
        let minutes = windowSeconds % 60 == 0 ? "\(windowSeconds / 60) min" : "\(windowSeconds) s"
        return "\(category): \(observedCount) posts in \(minutes) where \(SocialSignal.short(expectedCount)) were expected "
            + "(p = \(SocialSignal.short(pValue))), \(place)"
    }

    private static func short(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value >= 0.01 && value < 1000 { return String(format: "%.2f", value) }
        return String(format: "%.1e", value)
    }
}

/// One post behind a burst, as shown to an operator.
public struct SocialEvidence: Codable, Sendable, Equatable {
    /// Where a post's position came from.
    public enum LocationSource: String, Codable, Sendable {
        case geotag, placeName, textMention, none
    }

    public var postID: String
    /// The start of the text, mentions already redacted.
    public var snippet: String
    public var time: Timestamp
    public var location: GeoPoint?
    /// The gazetteer name used to place it, when one was.
    public var place: String?
    public var locationSource: LocationSource

    /// Longest snippet kept, in characters.
    public static let snippetCharacters = 160

    init(post: SocialPost, location: GeoPoint?, place: String?, source: LocationSource) {
        postID = post.id
        let collapsed = post.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        snippet = collapsed.count > SocialEvidence.snippetCharacters
            ? String(collapsed.prefix(SocialEvidence.snippetCharacters - 1)) + "…" : collapsed
        time = post.time
        self.location = location
        self.place = place
        locationSource = source
    }
}
