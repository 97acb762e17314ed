import Foundation

/// A stream's usual rate for each hour of the day (UTC), learned online with exponential
/// forgetting from day to day and shrunk towards a prior rate.
///
/// Cᵦ and Eᵦ are the posts and hours seen in hour-of-day bucket b, each older day weighted by
/// `retention` once more. (prior·priorHours + Cᵦ) / (priorHours + Eᵦ) is the posterior mean of a
/// Gamma–Poisson model with a forgetting factor: a new quiet stream starts at the prior (so a cold
/// start does not fire on a few posts where nothing has been learned) and settles a little above
/// its own rate. See ``postsPerHour(nowMilliseconds:priorPostsPerHour:priorHours:)`` for the rest.
struct HourlyBaseline: Sendable {
    private var counts = [Double](repeating: 0, count: 24)
    private var exposureHours = [Double](repeating: 0, count: 24)
    /// The hour (since 1970) whose posts ``currentCount`` holds, not yet folded in.
    private(set) var currentHour: Int64
    /// Posts counted in ``currentHour`` so far.
    var currentCount = 0

    init(startHour: Int64) { currentHour = startHour }

    static func bucket(_ hour: Int64) -> Int { Int(((hour % 24) + 24) % 24) }

    /// Folds the current hour and every hour since (each with no posts) into the buckets.
    mutating func advance(toHour hour: Int64, retention: Double) {
        guard hour > currentHour else { return }
        let current = HourlyBaseline.bucket(currentHour)
        counts[current] = retention * counts[current] + Double(currentCount)
        exposureHours[current] = retention * exposureHours[current] + 1
        let empty = hour - currentHour - 1
        if empty > 0 {
            // Closed form of `empty` hour-long folds with no posts: O(24) whatever the gap.
            let fullDays = empty / 24, remainder = empty % 24
            let first = HourlyBaseline.bucket(currentHour + 1)
            for offset in 0..<24 {
                let occurrences = Double(fullDays + (Int64(offset) < remainder ? 1 : 0))
                guard occurrences > 0 else { continue }
                let bucket = (first + offset) % 24
                let kept = pow(retention, occurrences)
                counts[bucket] *= kept
                exposureHours[bucket] = kept * exposureHours[bucket]
                    + (retention == 1 ? occurrences : (1 - kept) / (1 - retention))
            }
        }
        currentHour = hour
        currentCount = 0
    }

    /// The expected rate in posts per hour at `nowMilliseconds` (in ``currentHour``): the largest of
    /// the hour-of-day bucket's own rate, its shrunk estimate, and the stream's rate over all hours
    /// including the hour under way.
    ///
    /// The prior may only raise the expectation (shrinking a busy stream towards a small prior would
    /// make its ordinary traffic look like a burst), and the all-hours rate, which already counts
    /// the current hour's posts, stands in while a bucket has not been seen: a busy stream's first
    /// hour is then judged by its own traffic, not by the prior.
    func postsPerHour(nowMilliseconds: Int64, priorPostsPerHour: Double, priorHours: Double) -> Double {
        let bucket = HourlyBaseline.bucket(currentHour)
        let shrunk = (priorPostsPerHour * priorHours + counts[bucket]) / (priorHours + exposureHours[bucket])
        let own = exposureHours[bucket] > 0 ? counts[bucket] / exposureHours[bucket] : 0
        let elapsedHours = max(1.0 / 60, Double(nowMilliseconds - currentHour * 3_600_000) / 3_600_000)
        let pooled = (counts.reduce(0, +) + Double(currentCount)) / (exposureHours.reduce(0, +) + elapsedHours)
        return max(shrunk, own, pooled)
    }
}
