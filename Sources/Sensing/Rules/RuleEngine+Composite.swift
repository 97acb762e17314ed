import Geo
import SafeCityCore

extension RuleEngine {
    /// One firing episode of a constituent: from its `fired` to its `cleared` (open when not cleared).
    private struct Episode {
        var fireMs: Int64
        var clearMs: Int64
        var fired: RuleFiring
        var cleared: RuleFiring?
    }

    /// Re-derives the composites fed by the constituents whose transitions changed, for every pair of
    /// subjects within the composite's radius, and emits the difference with what was emitted.
    ///
    /// A composite pair is active from max(fire A, fire B) to the first of their clears, for every
    /// pair of episodes whose fires are at most `withinSeconds` apart and which overlap; overlapping
    /// activity is merged. Being derived from the net transitions of its constituents, it obeys the
    /// same event-time guarantee.
    mutating func updateComposites(into out: inout [RuleFiring]) {
        var seen = Set<PairKey>()
        let work = changed
        changed.removeAll(keepingCapacity: true)
        for item in work {
            let rule = Int(series[Int(item.series)].slots[Int(item.slot)])
            for c in feeds[rule] {
                let composite = composites[c]
                let location = series[Int(item.series)].location
                if composite.a == rule {
                    for other in runners[composite.b] where within(composite, location, other.series) {
                        let key = PairKey(composite: c, a: item.series, b: other.series)
                        if seen.insert(key).inserted { derive(c, a: item, b: other, key: key, into: &out) }
                    }
                }
                if composite.b == rule {
                    for other in runners[composite.a] where within(composite, location, other.series) {
                        let key = PairKey(composite: c, a: other.series, b: item.series)
                        if seen.insert(key).inserted { derive(c, a: other, b: item, key: key, into: &out) }
                    }
                }
            }
        }
    }

    private func within(_ composite: CompiledComposite, _ location: GeoPoint, _ other: Int32) -> Bool {
        GreatCircle.distanceMetres(location, series[Int(other)].location) <= composite.radiusMetres
    }

    private func episodes(_ slot: SeriesSlot) -> [Episode] {
        var result: [Episode] = []
        for transition in series[Int(slot.series)].emitted[Int(slot.slot)] {
            if transition.fired {
                result.append(Episode(fireMs: transition.timeMs, clearMs: Int64.max, fired: transition.firing, cleared: nil))
            } else if let last = result.indices.last, result[last].clearMs == Int64.max {
                result[last].clearMs = transition.timeMs
                result[last].cleared = transition.firing
            }
        }
        return result
    }

    private mutating func derive(_ c: Int, a: SeriesSlot, b: SeriesSlot, key: PairKey, into out: inout [RuleFiring]) {
        let composite = composites[c]
        var spans: [(start: Int64, end: Int64, fired: [RuleFiring], cleared: RuleFiring?)] = []
        let right = episodes(b)
        for ea in episodes(a) {
            for eb in right where abs(ea.fireMs - eb.fireMs) <= composite.withinMs {
                let start = max(ea.fireMs, eb.fireMs)
                let end = min(ea.clearMs, eb.clearMs)
                guard start < end else { continue }
                spans.append((start, end, [ea.fired, eb.fired], ea.clearMs <= eb.clearMs ? ea.cleared : eb.cleared))
            }
        }
        spans.sort { $0.start < $1.start }
        let subject = series[Int(a.series)].subject + "+" + series[Int(b.series)].subject
        var derived: [(timeMs: Int64, firing: RuleFiring)] = []
        var i = 0
        while i < spans.count {
            var end = spans[i].end
            var clearer = spans[i].cleared
            var j = i + 1
            while j < spans.count && spans[j].start <= end {
                if spans[j].end > end { end = spans[j].end; clearer = spans[j].cleared }
                j += 1
            }
            derived.append((spans[i].start, RuleFiring(ruleID: composite.id, subject: subject, state: .fired,
                                                       time: Timestamp(millisecondsSince1970: spans[i].start), value: nil,
                                                       constituents: spans[i].fired)))
            if end != Int64.max {
                derived.append((end, RuleFiring(ruleID: composite.id, subject: subject, state: .cleared,
                                                time: Timestamp(millisecondsSince1970: end), value: nil,
                                                constituents: clearer.map { [$0] } ?? [])))
            }
            i = j
        }
        // Constituent transitions at or before either series' pruning point may be forgotten, and with
        // them the composite transitions they made, which all lie at or before it: compare only after it.
        let cutoff = max(series[Int(a.series)].prunedThroughMs, series[Int(b.series)].prunedThroughMs)
        derived.removeAll { $0.timeMs <= cutoff }
        let log = (compositeLog[key] ?? []).filter { $0.timeMs > cutoff }
        var merged: [EmittedTransition] = []
        var x = 0, y = 0
        while x < log.count || y < derived.count {
            if x < log.count, y < derived.count, log[x].timeMs == derived[y].timeMs, log[x].firing.state == derived[y].firing.state {
                merged.append(log[x])
                x += 1
                y += 1
            } else if y >= derived.count || (x < log.count && log[x].timeMs <= derived[y].timeMs) {
                var withdrawn = log[x].firing
                withdrawn.isRetraction = true
                withdrawn.constituents = []
                out.append(withdrawn)
                x += 1
            } else {
                out.append(derived[y].firing)
                merged.append(EmittedTransition(timeMs: derived[y].timeMs, fired: derived[y].firing.state == .fired, firing: derived[y].firing))
                y += 1
            }
        }
        compositeLog[key] = merged.isEmpty ? nil : merged
    }
}
