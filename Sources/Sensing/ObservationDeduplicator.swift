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

        mutating func insert(_ time: Int64, windowMilliseconds: Int64) -> Bool {
            guard times.insert(time).inserted else { return false }
            newest = max(newest, time)
            insertsSinceSweep += 1
            // Forget keys fallen out of the window now and then, not on every insert.
            if insertsSinceSweep >= 1_024 {
                let horizon = newest - windowMilliseconds
                times = times.filter { $0 >= horizon }
                insertsSinceSweep = 0
            }
            return true
        }
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
        // Mutated in place: a copy of the entry would copy its set of times on every insert.
        series[SeriesKey(sensorID: key.sensorID, quantity: key.quantity), default: Series()].insert(key.time.millisecondsSince1970,
                                                                                                    windowMilliseconds: windowMilliseconds)
    }

    /// Forgets a key (its append failed), so that a retry is not taken for a duplicate.
    public mutating func remove(_ key: ObservationKey) {
        series[SeriesKey(sensorID: key.sensorID, quantity: key.quantity)]?.times.remove(key.time.millisecondsSince1970)
    }
}
