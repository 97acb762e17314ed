import Geo
import SafeCityCore

/// One rule's state after an observation: whether it is firing and since when its condition holds.
struct SlotState: Sendable {
    var fired = false
    /// When the threshold condition began to hold without firing yet; `Int64.min` when it does not hold.
    var pendingSinceMs = Int64.min
}

/// A transition this series has emitted and not retracted.
struct EmittedTransition: Sendable {
    var timeMs: Int64
    var fired: Bool
    var firing: RuleFiring
}

/// A transition found by evaluation, before it is compared with what was emitted.
struct PendingTransition: Sendable {
    var slot: Int
    var timeMs: Int64
    var fired: Bool
    var value: Double?
    /// Newest observation of the evidence (absolute buffer index), −1 for none.
    var evidenceEnd: Int
    /// Oldest event time the evidence reaches back to.
    var evidenceFromMs: Int64
}

/// The observations and rule state of one sensor's quantity, or of one grid cell's quantity.
///
/// - Note: The buffer keeps what a replay from any observation within the allowed lateness needs:
///   the observation before it with its rule state, and the windows behind that one (see ``evict()``). `states[i * slots.count + s]` is slot `s`'s state after observation `i`.
struct RuleSeries: Sendable {
    var subject: String
    var quantity: Quantity
    var location: GeoPoint
    /// The sensor's index, −1 for a cell.
    var sensor: Int32
    /// The cell series this sensor's observations also feed, −1 for none.
    var cell: Int32 = -1
    var reportIntervalMs: Int64
    /// Indices of the compiled rules evaluated on this series.
    var slots: [Int32]
    var latenessMs: Int64
    /// The longest look-back of its rules (window, hold, span of a composite fed).
    var lookBackMs: Int64
    /// Where absence is counted from before the first observation; `Int64.min` before any clock tick.
    var startTimeMs = Int64.min
    var start = 0
    var times: [Int64] = []
    var values: [Double] = []
    var sensors: [Int32] = []
    var states: [SlotState] = []
    /// `prefix[i]` is the running sum of `values[0..<i]` and `magnitudes[i]` that of their magnitudes: with
    /// them most mean and sum judgements are decided without summing the window (see ``cannotTransition``).
    var prefix: [Double] = [0]
    var magnitudes: [Double] = [0]
    var emitted: [[EmittedTransition]]
    /// At least the time of the newest emitted transition of any slot, so that most evaluations can skip reconciling.
    var newestEmittedMs = Int64.min
    /// Emitted transitions at or before this time may have been forgotten; none after it.
    var prunedThroughMs = Int64.min

    init(subject: String, quantity: Quantity, location: GeoPoint, sensor: Int32, reportIntervalMs: Int64, slots: [Int32], latenessMs: Int64, lookBackMs: Int64) {
        self.subject = subject
        self.quantity = quantity
        self.location = location
        self.sensor = sensor
        self.reportIntervalMs = reportIntervalMs
        self.slots = slots
        self.latenessMs = latenessMs
        self.lookBackMs = lookBackMs
        self.emitted = Array(repeating: [], count: slots.count)
    }

    var latestMs: Int64 { times.count > start ? times[times.count - 1] : Int64.min }

    /// Whether an observation at exactly `timeMs` is buffered.
    func contains(timeMs: Int64) -> Bool {
        let i = lowerBound(timeMs, in: start, times.count)
        return i < times.count && times[i] == timeMs
    }

    /// First index in `from..<to` whose time is at least `timeMs`.
    @inline(__always) func lowerBound(_ timeMs: Int64, in from: Int, _ to: Int) -> Int {
        var lo = from, hi = to
        while lo < hi {
            let mid = (lo + hi) >> 1
            if times[mid] < timeMs { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Inserts an observation in (time, sensor) order and returns where replay must start.
    mutating func insert(timeMs: Int64, value: Double, sensor: Int32) -> Int {
        let n = times.count
        let k = slots.count
        if n == start || timeMs > times[n - 1] {
            times.append(timeMs)
            values.append(value)
            sensors.append(sensor)
            for _ in 0..<k { states.append(SlotState()) }
            prefix.append(prefix[n] + value)
            magnitudes.append(magnitudes[n] + abs(value))
            return n
        }
        let q = lowerBound(timeMs, in: start, n)
        var p = q
        while p < n && times[p] == timeMs && sensors[p] < sensor { p += 1 }
        times.insert(timeMs, at: p)
        values.insert(value, at: p)
        sensors.insert(sensor, at: p)
        states.insert(contentsOf: repeatElement(SlotState(), count: k), at: p * k)
        resum(from: p)
        return q
    }

    /// Recomputes the running sums from index `from` on.
    private mutating func resum(from: Int) {
        prefix.removeSubrange((from + 1)...)
        magnitudes.removeSubrange((from + 1)...)
        for i in from..<values.count {
            prefix.append(prefix[i] + values[i])
            magnitudes.append(magnitudes[i] + abs(values[i]))
        }
    }

    /// Forgets observations no replay can reach.
    ///
    /// A replay starts after the newest observation older than the allowed lateness (call it X) and
    /// looks back from X by at most the longest look-back, so everything older than that goes.
    mutating func evict() {
        let n = times.count
        guard n > start + 1 else { return }
        // Cheap test first: most calls have nothing to evict (it may keep one extra observation).
        guard times[start + 1] < times[n - 1] - latenessMs - lookBackMs else { return }
        let x = lowerBound(times[n - 1] - latenessMs, in: start, n) - 1
        guard x > start else { return }
        let keepFrom = lowerBound(times[x] - lookBackMs + 1, in: start, x + 1)
        if keepFrom > start { start = keepFrom }
        // Compact once half the buffer is forgotten: amortised O(1), and the buffer stays within twice what is live.
        guard start >= 32, start * 2 >= n else { return }
        let k = slots.count
        times.removeFirst(start)
        values.removeFirst(start)
        sensors.removeFirst(start)
        states.removeFirst(start * k)
        start = 0
        resum(from: 0)
        // A transition at or before the oldest kept observation can never be recomputed; an open firing
        // is kept for composites.
        let oldest = times[0]
        prunedThroughMs = oldest
        for s in 0..<emitted.count {
            var drop = 0
            while emitted[s].count - drop >= 2 && emitted[s][drop + 1].timeMs <= oldest { drop += 1 }
            if drop > 0 { emitted[s].removeFirst(drop) }
        }
    }

    /// Re-evaluates every rule from observation `q` on, then the stretch up to `nowMs`, appending what it finds.
    mutating func evaluate(from q: Int, rules: [CompiledRule], nowMs: Int64, pending: inout [PendingTransition], scratch: inout [Double]) {
        let n = times.count
        let k = slots.count
        for s in 0..<k {
            let rule = rules[Int(slots[s])]
            var state = q > start ? states[(q - 1) * k + s] : SlotState()
            let first = pending.count
            if q < n {
                for p in q..<n {
                    switch rule.kind {
                    case .threshold: threshold(rule, s, p, &state, &pending, first)
                    case .rate: rate(rule, s, p, &state, &pending, first)
                    case .aggregate: aggregate(rule, s, p, &state, &pending, first, &scratch)
                    case .absence: absence(rule, s, p, &pending, first)
                    }
                    states[p * k + s] = state
                }
            }
            if nowMs != Int64.min && rule.hasTail { tail(rule, s, state, nowMs, &pending, first, &scratch) }
        }
    }

    /// Records a transition, cancelling it against an opposite one at the same instant.
    @inline(__always) private func add(_ t: PendingTransition, _ pending: inout [PendingTransition], _ first: Int) {
        if pending.count > first, let last = pending.last, last.timeMs == t.timeMs, last.fired != t.fired {
            pending.removeLast()
        } else {
            pending.append(t)
        }
    }

    private func threshold(_ rule: CompiledRule, _ s: Int, _ p: Int, _ state: inout SlotState, _ pending: inout [PendingTransition], _ first: Int) {
        let t = times[p], v = values[p]
        if !state.fired {
            guard rule.condition.fires(v) else { state.pendingSinceMs = Int64.min; return }
            if state.pendingSinceMs == Int64.min { state.pendingSinceMs = t }
            if t - state.pendingSinceMs >= rule.forMs {
                add(PendingTransition(slot: s, timeMs: t, fired: true, value: v, evidenceEnd: p, evidenceFromMs: state.pendingSinceMs), &pending, first)
                state.fired = true
                state.pendingSinceMs = Int64.min
            }
        } else if rule.condition.clears(v) {
            add(PendingTransition(slot: s, timeMs: t, fired: false, value: v, evidenceEnd: p, evidenceFromMs: t), &pending, first)
            state.fired = false
        }
    }

    private func rate(_ rule: CompiledRule, _ s: Int, _ p: Int, _ state: inout SlotState, _ pending: inout [PendingTransition], _ first: Int) {
        let t = times[p]
        let j = lowerBound(t - rule.windowMs, in: start, p)
        guard j < p, times[j] < t else { return }
        let perMinute = (values[p] - values[j]) * 60_000 / Double(t - times[j])
        let magnitude = rule.falls ? -perMinute : perMinute
        if !state.fired, rule.condition.fires(magnitude) {
            add(PendingTransition(slot: s, timeMs: t, fired: true, value: magnitude, evidenceEnd: p, evidenceFromMs: times[j]), &pending, first)
            state.fired = true
        } else if state.fired, rule.condition.clears(magnitude) {
            add(PendingTransition(slot: s, timeMs: t, fired: false, value: magnitude, evidenceEnd: p, evidenceFromMs: times[j]), &pending, first)
            state.fired = false
        }
    }

    private func aggregate(_ rule: CompiledRule, _ s: Int, _ p: Int, _ state: inout SlotState, _ pending: inout [PendingTransition], _ first: Int,
                           _ scratch: inout [Double]) {
        let t = times[p]
        if p > start && !rule.expiryCannotFire(state) {
            expiries(rule, s, after: times[p - 1], before: t, through: p, &state, &pending, first, &scratch)
        }
        let a = lowerBound(t - rule.windowMs + 1, in: start, p + 1)
        judge(rule, s, window: a..<(p + 1), at: t, &state, &pending, first, &scratch)
    }

    /// Evaluates the window at each instant in (`after`, `before`) where an observation leaves it,
    /// using observations before index `through`.
    private func expiries(_ rule: CompiledRule, _ s: Int, after: Int64, before: Int64, through end: Int, _ state: inout SlotState,
                          _ pending: inout [PendingTransition], _ first: Int, _ scratch: inout [Double]) {
        let w = rule.windowMs
        var j = lowerBound(after - w + 1, in: start, end)
        while j < end && times[j] + w < before {
            let leaving = times[j]
            var next = j
            while next < end && times[next] == leaving { next += 1 }
            judge(rule, s, window: next..<end, at: leaving + w, &state, &pending, first, &scratch)
            j = next
        }
    }

    private func judge(_ rule: CompiledRule, _ s: Int, window: Range<Int>, at t: Int64, _ state: inout SlotState,
                       _ pending: inout [PendingTransition], _ first: Int, _ scratch: inout [Double]) {
        if cannotTransition(rule, window, state) { return }
        let value = statistic(rule.function, window, &scratch)
        let from = window.isEmpty ? t : times[window.lowerBound]
        let end = window.isEmpty ? -1 : window.upperBound - 1
        if let value {
            if !state.fired, rule.condition.fires(value) {
                add(PendingTransition(slot: s, timeMs: t, fired: true, value: value, evidenceEnd: end, evidenceFromMs: from), &pending, first)
                state.fired = true
            } else if state.fired, rule.condition.clears(value) {
                add(PendingTransition(slot: s, timeMs: t, fired: false, value: value, evidenceEnd: end, evidenceFromMs: from), &pending, first)
                state.fired = false
            }
        } else if state.fired {
            // No readings left in the window: nothing supports the firing any more.
            add(PendingTransition(slot: s, timeMs: t, fired: false, value: nil, evidenceEnd: -1, evidenceFromMs: t), &pending, first)
            state.fired = false
        }
    }

    /// Whether a mean or sum over `window` certainly leaves the slot as it is, judged from the running sums.
    ///
    /// The window's sum from the running sums differs from the sum `statistic` computes (in order, from the
    /// window's start) by rounding only: at most about (a + b + n) · ε · Σ|v| for prefixes of lengths a and b
    /// and n values summed. When the estimate lies further than a generous multiple of that from the limit
    /// in force, both fall on the same side of it and the exact sum is not needed; otherwise it is computed.
    @inline(__always) private func cannotTransition(_ rule: CompiledRule, _ window: Range<Int>, _ state: SlotState) -> Bool {
        guard !window.isEmpty else { return false }
        let count: Double
        switch rule.function {
        case .mean: count = Double(window.count)
        case .sum: count = 1
        default: return false
        }
        let sum = prefix[window.upperBound] - prefix[window.lowerBound]
        let rounding = 8 * Double(window.upperBound + 2) * Double.ulpOfOne * (magnitudes[window.upperBound] + abs(sum))
        let estimate = sum / count
        let limit = state.fired ? rule.condition.clearAt : rule.condition.limit
        let margin = rounding / count + 4 * Double.ulpOfOne * (abs(limit) + abs(estimate)) + Double.leastNormalMagnitude
        guard estimate.isFinite, abs(estimate - limit) > margin else { return false }
        return state.fired ? !rule.condition.clears(estimate) : !rule.condition.fires(estimate)
    }

    private func statistic(_ function: AggregateFunction, _ window: Range<Int>, _ scratch: inout [Double]) -> Double? {
        switch function {
        case .count: return Double(window.count)
        case .sum:
            var total = 0.0
            for i in window { total += values[i] }
            return total
        case .mean:
            guard !window.isEmpty else { return nil }
            var total = 0.0
            for i in window { total += values[i] }
            return total / Double(window.count)
        case .min:
            guard !window.isEmpty else { return nil }
            var best = Double.infinity
            for i in window where values[i] < best { best = values[i] }
            return best
        case .max:
            guard !window.isEmpty else { return nil }
            var best = -Double.infinity
            for i in window where values[i] > best { best = values[i] }
            return best
        case let .percentile(p):
            guard !window.isEmpty else { return nil }
            scratch.removeAll(keepingCapacity: true)
            for i in window { scratch.append(values[i]) }
            let rank = p / 100 * Double(scratch.count - 1)
            let lower = Int(rank.rounded(.down))
            let low = Self.select(lower, in: &scratch)
            guard lower + 1 < scratch.count else { return low }
            // After selection everything right of `lower` is at least `low`: the next rank is their minimum.
            var next = Double.infinity
            for i in (lower + 1)..<scratch.count where scratch[i] < next { next = scratch[i] }
            return low + (rank - Double(lower)) * (next - low)
        }
    }

    /// Hoare's quickselect: moves the k-th smallest value to index k, smaller ones before it, larger after.
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        values.withUnsafeMutableBufferPointer { a in
            var lo = 0, hi = a.count - 1
            while lo < hi {
                let pivot = a[(lo + hi) >> 1]
                var i = lo, j = hi
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while a[j] > pivot { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
            return a[k]
        }
    }

    private func absence(_ rule: CompiledRule, _ s: Int, _ p: Int, _ pending: inout [PendingTransition], _ first: Int) {
        let t = times[p]
        let reference = p > start ? times[p - 1] : (startTimeMs < t ? startTimeMs : Int64.min)
        guard reference != Int64.min else { return }
        let gap = absenceGapMs(rule)
        guard gap > 0, t - reference > gap else { return }
        let before = p > start ? p - 1 : -1
        add(PendingTransition(slot: s, timeMs: reference + gap, fired: true, value: Double(gap) / 1000, evidenceEnd: before, evidenceFromMs: reference),
            &pending, first)
        add(PendingTransition(slot: s, timeMs: t, fired: false, value: Double(t - reference) / 1000, evidenceEnd: p, evidenceFromMs: t), &pending, first)
    }

    /// The silence that fires an absence rule; 0 (never fires) for a sensor with no report interval.
    func absenceGapMs(_ rule: CompiledRule) -> Int64 { Int64((rule.intervals * Double(reportIntervalMs)).rounded()) }

    /// Transitions between the newest observation and `nowMs`: windows emptying and silences.
    private func tail(_ rule: CompiledRule, _ s: Int, _ state: SlotState, _ nowMs: Int64, _ pending: inout [PendingTransition], _ first: Int,
                      _ scratch: inout [Double]) {
        let n = times.count
        switch rule.kind {
        case .aggregate:
            guard n > start, nowMs > times[n - 1], !rule.expiryCannotFire(state) else { return }
            var state = state
            expiries(rule, s, after: times[n - 1], before: nowMs + 1, through: n, &state, &pending, first, &scratch)
        case .absence:
            let reference = n > start ? times[n - 1] : startTimeMs
            guard reference != Int64.min else { return }
            let gap = absenceGapMs(rule)
            guard gap > 0, nowMs - reference > gap else { return }
            add(PendingTransition(slot: s, timeMs: reference + gap, fired: true, value: Double(gap) / 1000,
                                  evidenceEnd: n > start ? n - 1 : -1, evidenceFromMs: reference), &pending, first)
        case .threshold, .rate:
            return
        }
    }
}
