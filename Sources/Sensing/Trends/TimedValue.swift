import SafeCityCore

/// One value at one instant: a point of a time series.
public struct TimedValue: Sendable, Hashable, Codable {
    public var time: Timestamp
    public var value: Double

    public init(time: Timestamp, value: Double) {
        self.time = time
        self.value = value
    }
}

extension Observation {
    /// The observation as a point of its series.
    public var timedValue: TimedValue { TimedValue(time: time, value: value) }
}
