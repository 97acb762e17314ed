/// The thresholds the health monitor judges by.
public struct SensorHealthConfiguration: Sendable, Hashable {
    /// A sensor is stale after more than this many report intervals without an observation.
    public var staleIntervals: Double = 3
    /// A flat line needs at least this many identical readings in a row ...
    public var flatLineReadings: Int = 12
    /// ... spanning at least this long, so that a fast sensor is not judged on a few minutes.
    public var flatLineMinimumSeconds: Int = 1_800
    /// Readings whose spread (max − min) is at most this are "identical", in canonical units.
    public var flatLineTolerance: Double = 0
    /// Quantities that are legitimately constant for long spells (no shots, no rain), never judged flat.
    public var flatLineExempt: Set<Quantity> = [.gunshot, .rainfall]
    /// Sensors measuring the same quantity within this distance are neighbours.
    public var neighbourRadiusMetres: Double = 2_000
    /// At most this many of the nearest neighbours are compared with, however many stand within the radius.
    public var maximumNeighbours: Int = 16
    /// A neighbour's latest reading counts when it is at most this many of the neighbour's intervals older than the reading judged.
    public var neighbourRecentIntervals: Double = 2
    /// Fewer neighbours with recent data than this and no outlier judgement is made.
    public var minimumNeighbours: Int = 3
    /// A reading is far off when its modified z-score against the neighbours exceeds this (Iglewicz & Hoaglin: 3.5).
    public var outlierThreshold: Double = 3.5
    /// An outlier is raised after this many far-off readings in a row.
    public var outlierConsecutiveReadings: Int = 3

    public init() {}
}
