import Geo

extension BurstDetector {
    /// How the detector counts and tests; the defaults suit a city of a few hundred posts an hour.
    public struct Configuration: Sendable, Equatable {
        /// A corner of the grid, usually the city centre.
        public var gridOrigin: GeoPoint
        /// Side of a grid cell.
        public var cellSizeMetres = 500.0
        /// The sliding window whose count is tested.
        public var windowSeconds = 300
        /// A cell begins to burst when its window count's Poisson upper-tail p-value is below this…
        public var alpha = 1e-4
        /// …and the count is at least this.
        public var minimumCount = 3
        /// A burst clears when the p-value is back at or above this (hysteresis: larger than ``alpha``).
        public var clearAlpha = 0.05
        /// The rate a stream is assumed to have before it has been seen (posts per hour per category and cell).
        public var priorPostsPerHour = 1.0
        /// How many hours of observation the prior is worth.
        public var priorHours = 6.0
        /// Weight kept by each older day of the baseline (0.9: about ten days of memory).
        public var baselineRetentionPerDay = 0.9
        /// Posts kept as evidence per signal.
        public var evidenceLimit = 50
        /// Whether several posts by one author in one window count once (authors known by hash only).
        public var countEachAuthorOncePerWindow = true
        /// How window counts are kept; ``Counting/recountFromScratch`` is the benchmark's naive baseline.
        public var counting = Counting.incremental

        /// The defaults around `gridOrigin`.
        public init(gridOrigin: GeoPoint) {
            self.gridOrigin = gridOrigin
        }

        /// Throws naming the first setting out of range.
        public func validate() throws(CommunityError) {
            func check(_ ok: Bool, _ field: String, _ reason: String) throws(CommunityError) {
                if !ok { throw .invalidField(field: field, reason: reason) }
            }
            try check(gridOrigin.isValid, "gridOrigin", "outside latitude −90…90 / longitude −180…180")
            try check(abs(gridOrigin.latitude) <= 85, "gridOrigin", "latitude beyond ±85° is not supported by the local grid")
            try check(cellSizeMetres.isFinite && (10...100_000).contains(cellSizeMetres), "cellSizeMetres", "must be 10…100000")
            try check((10...86_400).contains(windowSeconds), "windowSeconds", "must be 10…86400")
            try check(alpha > 0 && alpha < 1, "alpha", "must be between 0 and 1")
            try check(clearAlpha > alpha && clearAlpha <= 1, "clearAlpha", "must be above alpha and at most 1")
            try check(minimumCount >= 1, "minimumCount", "must be at least 1")
            try check(priorPostsPerHour.isFinite && priorPostsPerHour > 0, "priorPostsPerHour", "must be positive")
            try check(priorHours.isFinite && priorHours > 0, "priorHours", "must be positive")
            try check(baselineRetentionPerDay > 0 && baselineRetentionPerDay <= 1, "baselineRetentionPerDay", "must be in (0, 1]")
            try check(evidenceLimit >= 1, "evidenceLimit", "must be at least 1")
        }
    }

    /// How window counts are kept.
    public enum Counting: String, Sendable, Codable {
        /// A window per stream, updated as posts arrive and leave: O(1) amortised per post.
        case incremental
        /// Every post rescans all posts of the last window city-wide: the naive baseline.
        case recountFromScratch
    }

    /// What the detector has seen.
    public struct Statistics: Codable, Sendable, Equatable {
        public var posts = 0
        /// Posts with at least one term.
        public var matchedPosts = 0
        /// Matched posts with no geotag and no known place, counted in the city-wide cell.
        public var unplacedPosts = 0
        /// Posts older than the window behind the newest post, skipped.
        public var latePosts = 0
        /// Poisson tests run (one per matched post and category).
        public var tests = 0
        /// Cells that began to burst.
        public var cellBursts = 0
        /// Signals begun (episodes).
        public var episodes = 0
    }
}
