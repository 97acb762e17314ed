import SafeCityCore

/// A series' usual level by hour of day, day of week or hour of week, and how far a value strays from it.
///
/// Build one per sensor and quantity from its history. Slots are taken in UTC shifted by a fixed
/// `utcOffsetSeconds` (daylight saving is not followed); weekdays count from Monday = 0.
public struct SeasonalBaseline: Sendable, Hashable {
    /// Which cycle the profile follows.
    public enum Profile: String, Sendable, Hashable, Codable, CaseIterable {
        /// 24 slots, hour 0...23.
        case hourOfDay = "hour_of_day"
        /// 7 slots, Monday = 0 ... Sunday = 6.
        case dayOfWeek = "day_of_week"
        /// 168 slots, weekday × 24 + hour.
        case hourOfWeek = "hour_of_week"

        /// How many slots the cycle has.
        public var slotCount: Int {
            switch self {
            case .hourOfDay: 24
            case .dayOfWeek: 7
            case .hourOfWeek: 168
            }
        }
    }

    /// The history that fell in one slot of the cycle.
    public struct Slot: Sendable, Hashable, Codable {
        public var index: Int
        public var mean: Double
        public var median: Double
        public var count: Int
    }

    /// A value set against its slot's baseline.
    public struct Deviation: Sendable, Hashable, Codable {
        public var time: Timestamp
        public var value: Double
        public var slot: Slot
        /// value − slot mean.
        public var fromMean: Double
        /// value − slot median.
        public var fromMedian: Double
    }

    public let profile: Profile
    public let utcOffsetSeconds: Int
    /// Slots with at least one value, by index.
    public let slots: [Slot]
    private let slotByIndex: [Int: Slot]

    /// The profile of `history` (non-finite values are skipped).
    public init(_ history: [TimedValue], profile: Profile, utcOffsetSeconds: Int = 0) {
        self.profile = profile
        self.utcOffsetSeconds = utcOffsetSeconds
        var grouped: [Int: [Double]] = [:]
        for point in history where point.value.isFinite {
            grouped[Self.slotIndex(of: point.time, profile: profile, utcOffsetSeconds: utcOffsetSeconds), default: []].append(point.value)
        }
        slots = grouped.keys.sorted().map { index in
            let values = grouped[index]!
            return Slot(index: index, mean: values.reduce(0, +) / Double(values.count), median: RobustScore.median(values), count: values.count)
        }
        slotByIndex = Dictionary(uniqueKeysWithValues: slots.map { ($0.index, $0) })
    }

    /// The slot `time` falls in.
    public static func slotIndex(of time: Timestamp, profile: Profile, utcOffsetSeconds: Int = 0) -> Int {
        let fields = CalendarUTC(time, offsetSeconds: utcOffsetSeconds)
        return switch profile {
        case .hourOfDay: fields.hour
        case .dayOfWeek: fields.weekday
        case .hourOfWeek: fields.weekday * 24 + fields.hour
        }
    }

    /// The baseline for the slot `time` falls in, nil when history has nothing there.
    public func slot(at time: Timestamp) -> Slot? {
        slotByIndex[Self.slotIndex(of: time, profile: profile, utcOffsetSeconds: utcOffsetSeconds)]
    }

    /// How far `point` strays from its slot's baseline, nil when that slot is empty.
    public func deviation(of point: TimedValue) -> Deviation? {
        guard let slot = slot(at: point.time) else { return nil }
        return Deviation(time: point.time, value: point.value, slot: slot, fromMean: point.value - slot.mean, fromMedian: point.value - slot.median)
    }

    /// The deviation of the latest value of `series` from the baseline of everything before it.
    public static func latestDeviation(in series: [TimedValue], profile: Profile, utcOffsetSeconds: Int = 0) -> Deviation? {
        guard let latestIndex = series.indices.max(by: { series[$0].time < series[$1].time }) else { return nil }
        var history = series
        let latest = history.remove(at: latestIndex)
        return SeasonalBaseline(history, profile: profile, utcOffsetSeconds: utcOffsetSeconds).deviation(of: latest)
    }
}
