import Geo
import SafeCityCore

/// Evaluates a ``RuleSet`` over a stream of observations in event time and reports rule transitions.
///
/// ```swift
/// var engine = RuleEngine(rules: try RuleSet.load(json: data), sensors: registry)
/// let firings = engine.ingest(observation)   // zero added latency for in-order input
/// let more = engine.advance(to: now)          // absences and emptied windows
/// ```
///
/// Each rule runs per sensor (subject = sensor id) or, for area aggregates, per grid cell (subject
/// `cell:x:y`, all the cell's sensors of the quantity). An observation only touches the rules of its
/// quantity.
///
/// ## Event time and out-of-order input
/// - An observation no older than its series' newest one is evaluated at once.
/// - An older one within ``RuleSet/allowedLatenessSeconds`` of the newest (of its sensor series, and of
///   its cell series when an area rule watches it) is inserted in time order and its series' rule state
///   is rewound to just before it and replayed.
/// - An older one beyond that is not evaluated and is counted in ``RuleEngineCounters/lateDropped``;
///   one with an ``ObservationKey`` already seen is counted in ``RuleEngineCounters/duplicates``.
///
/// - Note: Guarantee. For input whose disorder is within the allowed lateness (no observation arrives
///   after one more than the allowed lateness younger than it), the *net* transitions emitted — every
///   `fired`/`cleared` firing minus those later withdrawn by a retraction — are exactly those of the
///   same input sorted by event time, keyed by (rule, subject, state, time), when both end with the
///   same `advance(to:)`. Input in event-time order (ties within a cell in sensor registration order)
///   never retracts anything except provisional transitions found by `advance(to:)` (below).
///
///   How: per series the engine keeps the transitions it emitted; after each evaluation it compares
///   them, from the replay's start on, with what the replayed state yields. A new transition is
///   emitted once. One that no longer happens (a late reading broke a `forSeconds` hold, say) is
///   withdrawn by a copy with ``RuleFiring/isRetraction`` set, rather than by a made-up `cleared`, so
///   a consumer can strike it from the record. A key is never emitted twice unless it was withdrawn in
///   between. A transition that still happens keeps the value and evidence it was first emitted with,
///   even if a late reading changed them (e.g. the length of a silence). Transitions `advance(to:)`
///   finds after a series' newest observation (silences, windows emptying) are provisional in the
///   same way: a reading that then arrives from before them withdraws them if they no longer hold.
/// - Note: Ties. Observations of one cell at the same instant are taken in sensor registration order;
///   a fire and a clear of one subject at the same instant cancel out.
public struct RuleEngine: Sendable {
    public let ruleSet: RuleSet
    public private(set) var counters = RuleEngineCounters()

    var rules: [CompiledRule] = []
    var ruleIDs: [String] = []
    var ruleQuantities: [Quantity] = []
    var composites: [CompiledComposite] = []
    /// For each compiled rule, the composites it feeds.
    var feeds: [[Int]] = []
    /// For each compiled rule, the (series, slot) pairs that run it.
    var runners: [[SeriesSlot]] = []
    var sensorIDs: [String] = []
    var sensorIndex: [String: Int32] = [:]
    var series: [RuleSeries] = []
    var seriesIndex: [SeriesKey: Int32] = [:]
    var cellIndex: [CellKey: Int32] = [:]
    var compositeLog: [PairKey: [EmittedTransition]] = [:]
    let latenessMs: Int64
    let grid: AreaGrid
    var nowMs = Int64.min
    var pending: [PendingTransition] = []
    var scratch: [Double] = []
    var changed: [SeriesSlot] = []

    struct SeriesKey: Hashable, Sendable { var sensorID: String; var quantity: Quantity }
    struct CellKey: Hashable, Sendable { var x: Int; var y: Int; var quantity: Quantity }
    struct SeriesSlot: Hashable, Sendable { var series: Int32; var slot: Int32 }
    struct PairKey: Hashable, Sendable { var composite: Int; var a: Int32; var b: Int32 }

    /// Creates an engine for `rules` over the registered `sensors`.
    public init(rules ruleSet: RuleSet, sensors: [Sensor]) {
        self.ruleSet = ruleSet
        latenessMs = Int64((ruleSet.allowedLatenessSeconds * 1000).rounded())
        grid = AreaGrid(cellMetres: ruleSet.cellMetres)
        var compiledIndex: [String: Int] = [:]
        for (index, rule) in ruleSet.rules.enumerated() {
            guard let compiled = CompiledRule(rule, index: index) else { continue }
            compiledIndex[rule.id] = rules.count
            rules.append(compiled)
            ruleIDs.append(rule.id)
            ruleQuantities.append(rule.quantity ?? "")
        }
        feeds = Array(repeating: [], count: rules.count)
        runners = Array(repeating: [], count: rules.count)
        for (index, rule) in ruleSet.rules.enumerated() {
            guard case let .composite(a, b, withinSeconds, radiusMetres) = rule.kind,
                  let ia = compiledIndex[a], let ib = compiledIndex[b] else { continue }
            feeds[ia].append(composites.count)
            feeds[ib].append(composites.count)
            composites.append(CompiledComposite(ruleIndex: index, id: rule.id, a: ia, b: ib,
                                                withinMs: Int64((withinSeconds * 1000).rounded()), radiusMetres: radiusMetres))
        }
        for sensor in sensors { update(sensor: sensor) }
    }

    /// Registers a new sensor or applies a changed one (location, report interval, quantities).
    ///
    /// A moved sensor's later observations feed its new cell; what it already reported stays in the old one.
    /// A quantity the sensor no longer lists keeps being evaluated if it still arrives.
    public mutating func update(sensor: Sensor) {
        let index: Int32
        if let known = sensorIndex[sensor.id] {
            index = known
        } else {
            index = Int32(sensorIDs.count)
            sensorIDs.append(sensor.id)
            sensorIndex[sensor.id] = index
        }
        let intervalMs = Int64(sensor.reportIntervalSeconds) * 1000
        for quantity in Set(sensor.quantities) {
            let perSensor = rules.indices.filter { ruleQuantities[$0] == quantity && !rules[$0].isArea }.map { Int32($0) }
            let perArea = rules.indices.filter { ruleQuantities[$0] == quantity && rules[$0].isArea }.map { Int32($0) }
            guard !perSensor.isEmpty || !perArea.isEmpty else { continue }
            var cell: Int32 = -1
            if !perArea.isEmpty {
                let (x, y) = grid.cell(of: sensor.location)
                let key = CellKey(x: x, y: y, quantity: quantity)
                if let existing = cellIndex[key] {
                    cell = existing
                } else {
                    cell = addSeries(RuleSeries(subject: "cell:\(x):\(y)", quantity: quantity, location: grid.centre(x: x, y: y), sensor: -1,
                                                reportIntervalMs: intervalMs, slots: perArea, latenessMs: latenessMs, lookBackMs: lookBack(perArea)))
                    cellIndex[key] = cell
                }
            }
            let key = SeriesKey(sensorID: sensor.id, quantity: quantity)
            if let existing = seriesIndex[key] {
                series[Int(existing)].location = sensor.location
                series[Int(existing)].reportIntervalMs = intervalMs
                series[Int(existing)].cell = cell
            } else {
                var fresh = RuleSeries(subject: sensor.id, quantity: quantity, location: sensor.location, sensor: index,
                                       reportIntervalMs: intervalMs, slots: perSensor, latenessMs: latenessMs, lookBackMs: lookBack(perSensor))
                fresh.cell = cell
                seriesIndex[key] = addSeries(fresh)
            }
        }
    }

    private mutating func addSeries(_ fresh: RuleSeries) -> Int32 {
        var fresh = fresh
        fresh.startTimeMs = nowMs
        let index = Int32(series.count)
        for (slot, rule) in fresh.slots.enumerated() {
            runners[Int(rule)].append(SeriesSlot(series: index, slot: Int32(slot)))
        }
        series.append(fresh)
        return index
    }

    /// The longest look-back of a series' rules: window, hold, or the span of a composite it feeds.
    private func lookBack(_ slots: [Int32]) -> Int64 {
        var lookBack: Int64 = 0
        for slot in slots {
            lookBack = max(lookBack, rules[Int(slot)].lookBackMs)
            for c in feeds[Int(slot)] { lookBack = max(lookBack, composites[c].withinMs) }
        }
        return lookBack
    }

    /// Evaluates one observation and returns the transitions it causes, usually none.
    ///
    /// An observation of a sensor or quantity no rule watches, or with a value that is not finite, is
    /// counted in ``RuleEngineCounters/ignored``.
    public mutating func ingest(_ observation: Observation) -> [RuleFiring] {
        guard observation.value.isFinite, let index = seriesIndex[SeriesKey(sensorID: observation.sensorID, quantity: observation.quantity)] else {
            counters.ignored += 1
            return []
        }
        let s = Int(index)
        let t = observation.time.millisecondsSince1970
        let cell = Int(series[s].cell)
        if t < series[s].latestMs, t + latenessMs < series[s].latestMs {
            counters.lateDropped += 1
            return []
        }
        if cell >= 0, t < series[cell].latestMs, t + latenessMs < series[cell].latestMs {
            counters.lateDropped += 1
            return []
        }
        if t <= series[s].latestMs, series[s].contains(timeMs: t) {
            counters.duplicates += 1
            return []
        }
        counters.evaluated += 1
        var out: [RuleFiring] = []
        let sensor = series[s].sensor
        apply(series: s, from: series[s].insert(timeMs: t, value: observation.value, sensor: sensor), into: &out)
        if cell >= 0 {
            apply(series: cell, from: series[cell].insert(timeMs: t, value: observation.value, sensor: sensor), into: &out)
        }
        if !changed.isEmpty { updateComposites(into: &out) }
        return out
    }

    /// Moves the engine's clock to `now`: reports silences and windows that emptied up to it.
    ///
    /// Absence before a sensor's first observation is counted from the first clock tick.
    public mutating func advance(to now: Timestamp) -> [RuleFiring] {
        let ms = now.millisecondsSince1970
        guard ms > nowMs else { return [] }
        let first = nowMs == Int64.min
        nowMs = ms
        var out: [RuleFiring] = []
        for s in series.indices {
            if first && series[s].startTimeMs == Int64.min { series[s].startTimeMs = ms }
            guard series[s].slots.contains(where: { rules[Int($0)].hasTail }) else { continue }
            apply(series: s, from: series[s].times.count, into: &out)
        }
        if !changed.isEmpty { updateComposites(into: &out) }
        return out
    }

    /// Replays series `s` from buffer index `q` and emits the difference with what it emitted before.
    private mutating func apply(series s: Int, from q: Int, into out: inout [RuleFiring]) {
        // Only when needed: clearing an empty array is not free on this path.
        if !pending.isEmpty { pending.removeAll(keepingCapacity: true) }
        series[s].evaluate(from: q, rules: rules, nowMs: nowMs, pending: &pending, scratch: &scratch)
        let fromMs = q > series[s].start ? series[s].times[q - 1] : Int64.min
        reconcile(series: s, fromMs: fromMs, into: &out)
        series[s].evict()
    }

    /// Compares each slot's new transitions after `fromMs` with those emitted, emitting new ones and
    /// retracting vanished ones.
    private mutating func reconcile(series s: Int, fromMs: Int64, into out: inout [RuleFiring]) {
        if pending.isEmpty && series[s].newestEmittedMs <= fromMs { return }
        var cursor = 0
        for slot in 0..<series[s].slots.count {
            let begin = cursor
            while cursor < pending.count && pending[cursor].slot == slot { cursor += 1 }
            let log = series[s].emitted[slot]
            var i0 = log.count
            while i0 > 0 && log[i0 - 1].timeMs > fromMs { i0 -= 1 }
            if i0 == log.count && begin == cursor { continue }
            var merged: [EmittedTransition] = []
            var a = i0, b = begin
            var touched = false
            while a < log.count || b < cursor {
                if a < log.count, b < cursor, log[a].timeMs == pending[b].timeMs, log[a].fired == pending[b].fired {
                    merged.append(log[a])
                    a += 1
                    b += 1
                } else if b >= cursor || (a < log.count && log[a].timeMs <= pending[b].timeMs) {
                    var withdrawn = log[a].firing
                    withdrawn.isRetraction = true
                    withdrawn.evidence = []
                    out.append(withdrawn)
                    touched = true
                    a += 1
                } else {
                    let firing = makeFiring(series: s, pending[b])
                    out.append(firing)
                    merged.append(EmittedTransition(timeMs: pending[b].timeMs, fired: pending[b].fired, firing: firing))
                    touched = true
                    b += 1
                }
            }
            if let last = merged.last { series[s].newestEmittedMs = max(series[s].newestEmittedMs, last.timeMs) }
            series[s].emitted[slot].replaceSubrange(i0..., with: merged)
            if touched && !feeds[Int(series[s].slots[slot])].isEmpty {
                changed.append(SeriesSlot(series: Int32(s), slot: Int32(slot)))
            }
        }
    }

    private func makeFiring(series s: Int, _ p: PendingTransition) -> RuleFiring {
        let owner = series[s]
        var evidence: [Observation] = []
        var i = p.evidenceEnd
        while i >= owner.start && i >= 0 && owner.times[i] >= p.evidenceFromMs && evidence.count < RuleFiring.maxEvidence {
            evidence.append(Observation(sensorID: sensorIDs[Int(owner.sensors[i])], time: Timestamp(millisecondsSince1970: owner.times[i]),
                                        quantity: owner.quantity, value: owner.values[i]))
            i -= 1
        }
        return RuleFiring(ruleID: ruleIDs[Int(owner.slots[p.slot])], subject: owner.subject, state: p.fired ? .fired : .cleared,
                          time: Timestamp(millisecondsSince1970: p.timeMs), value: p.value, evidence: evidence)
    }
}
