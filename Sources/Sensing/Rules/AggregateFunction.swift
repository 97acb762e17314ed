/// The statistic an aggregate rule takes over its window.
public enum AggregateFunction: Sendable, Hashable {
    /// How many readings.
    case count
    /// Sum of the readings, e.g. of gunshot counts.
    case sum
    case mean
    case min
    case max
    /// The p-th percentile (0…100), linearly interpolated between closest ranks as numpy's default
    /// and Excel's PERCENTILE.INC do: rank = p/100 × (n − 1) in the sorted window.
    case percentile(Double)
}
