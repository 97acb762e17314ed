import SafeCityCore

/// Remembers which (sensor, quantity, time) keys were accepted recently, to drop resent observations.
///
/// - Note: It remembers each series' keys for ``windowMilliseconds`` of event time behind that
///   series' newest observation; older observations are refused as too old by the service, so a key
///   the deduplicator has forgotten can never be accepted twice. The log's unique event ids
///   (``Observation/eventID``) back it up across restarts.
public struct ObservationDeduplicator: Sendable {
    private struct Series: Sendable {
        var newest: Int64 = .min
        var times: Set<Int64> = []
        var insertsSinceSweep = 0
    }

    public let windowMilliseconds: Int64
    private var series: [SeriesKey: Series] = [:]

    struct SeriesKey: Hashable, Sendable {
        var sensorID: String
        var quantity: Quantity
    }

    public init(windowMilliseconds: Int64) { self.windowMilliseconds = windowMilliseconds }

    /// Whether the key is older than the window behind its series' newest observation.
    public func isTooOld(_ key: ObservationKey) -> Bool {
        guard let entry = series[SeriesKey(sensorID: key.sensorID, quantity: key.quantity)] else { return false }
        return key.time.millisecondsSince1970 < entry.newest - windowMilliseconds
    }

    /// Records the key; false when it was already recorded (a duplicate).
    public mutating func insert(_ key: ObservationKey) -> Bool {
        let seriesKey = SeriesKey(sensorID: key.sensorID, quantity: key.quantity)
        let time = key.time.millisecondsSince1970
        var entry = series[seriesKey, default: Series()]
        guard entry.times.insert(time).inserted else { return false }
        entry.newest = max(entry.newest, time)
        entry.insertsSinceSweep += 1
        // Forget keys fallen out of the window now and then, not on every insert.
        if entry.insertsSinceSweep >= 1_024 {
            let horizon = entry.newest - windowMilliseconds
            entry.times = entry.times.filter { $0 >= horizon }
            entry.insertsSinceSweep = 0
        }
        series[seriesKey] = entry
        return true
    }

    /// Forgets a key (its append failed), so that a retry is not taken for a duplicate.
    public mutating func remove(_ key: ObservationKey) {
        series[SeriesKey(sensorID: key.sensorID, quantity: key.quantity)]?.times.remove(key.time.millisecondsSince1970)
    }
}
