import Geo
import SafeCityCore
import Testing
@testable import Sensing

/// Out-of-order input within the allowed lateness gives the same net transitions as sorted input.
@Suite struct RuleEngineOrderTests {
    static let latenessSeconds = 300.0
    /// Long enough for every series to compact its buffer several times (it compacts past 512 forgotten readings).
    static let hours = 14

    static func rules() throws -> RuleSet {
        try RuleSet(rules: [
            Rule(id: "hold", kind: .threshold(quantity: .pm25, condition: RuleCondition(side: .above, limit: 55, clearAt: 45), forSeconds: 120)),
            Rule(id: "instant", kind: .threshold(quantity: .noise, condition: RuleCondition(side: .above, limit: 70), forSeconds: 0)),
            Rule(id: "rise", kind: .rateOfChange(quantity: .pm25, direction: .rise, condition: RuleCondition(side: .above, limit: 4, clearAt: 1),
                                                 windowSeconds: 180)),
            Rule(id: "fall", kind: .rateOfChange(quantity: .noise, direction: .fall, condition: RuleCondition(side: .above, limit: 5),
                                                 windowSeconds: 120)),
            Rule(id: "area-p90", kind: .aggregate(quantity: .pm25, function: .percentile(90), windowSeconds: 240,
                                                  condition: RuleCondition(side: .above, limit: 58, clearAt: 52), scope: .area)),
            Rule(id: "area-count", kind: .aggregate(quantity: .noise, function: .count, windowSeconds: 60,
                                                    condition: RuleCondition(side: .above, limit: 3), scope: .area)),
            Rule(id: "mean", kind: .aggregate(quantity: .noise, function: .mean, windowSeconds: 180,
                                              condition: RuleCondition(side: .above, limit: 66, clearAt: 62), scope: .sensor)),
            Rule(id: "silent", kind: .absence(quantity: .pm25, intervals: 2.5)),
            Rule(id: "near", kind: .composite(a: "hold", b: "instant", withinSeconds: 400, radiusMetres: 900)),
        ], allowedLatenessSeconds: latenessSeconds, cellMetres: 400)
    }

    /// Six sensors within about a kilometre, each reporting on its own irregular schedule with random walks.
    static func stream(seed: UInt64) -> (sensors: [Sensor], observations: [Observation]) {
        var rng = SplitMix64(seed: seed)
        var sensors: [Sensor] = []
        var observations: [Observation] = []
        for i in 0..<6 {
            let quantities: [Quantity] = i % 3 == 2 ? [.noise] : (i % 3 == 0 ? [.pm25] : [.pm25, .noise])
            let sensor = Sensor(id: "s\(i)", kind: .airQuality, name: "s\(i)",
                                location: GeoPoint(latitude: 0.003 * Double(i % 3), longitude: 0.004 * Double(i / 3)),
                                quantities: quantities, reportIntervalSeconds: 30, owner: "test")
            sensors.append(sensor)
            for quantity in quantities {
                var seconds = Int.random(in: 0..<30, using: &rng)
                var value = quantity == .pm25 ? 50.0 : 65.0
                while seconds < Self.hours * 3600 {
                    value = max(0, value + Double(Int.random(in: -6...6, using: &rng)))
                    if Int.random(in: 0..<40, using: &rng) == 0 { value += 15 }
                    observations.append(Observation(sensorID: sensor.id, time: RuleEngineTests.at(seconds), quantity: quantity, value: value))
                    // Mostly every 30 s, sometimes a long silence, on whole seconds so cells see ties.
                    seconds += Int.random(in: 0..<25, using: &rng) == 0 ? Int.random(in: 80...400, using: &rng) : Int.random(in: 10...40, using: &rng)
                }
            }
        }
        observations.sort { ($0.time, $0.sensorID, $0.quantity.name) < ($1.time, $1.sensorID, $1.quantity.name) }
        return (sensors, observations)
    }

    /// Applies firings and retractions, checking that no transition is emitted while already standing.
    static func net(_ firings: [RuleFiring]) -> Set<RuleFiringKey> {
        var standing: Set<RuleFiringKey> = []
        for firing in firings {
            if firing.isRetraction {
                #expect(standing.remove(firing.key) != nil, "retracted \(firing.key) was not standing")
            } else {
                #expect(standing.insert(firing.key).inserted, "emitted \(firing.key) twice")
            }
        }
        return standing
    }

    static func run(_ rules: RuleSet, _ sensors: [Sensor], _ observations: [Observation], until end: Timestamp) -> (firings: [RuleFiring], engine: RuleEngine) {
        var engine = RuleEngine(rules: rules, sensors: sensors)
        var firings: [RuleFiring] = []
        for observation in observations { firings += engine.ingest(observation) }
        firings += engine.advance(to: end)
        return (firings, engine)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func shuffledWithinLatenessGivesTheSortedTransitions(seed: UInt64) throws {
        let rules = try Self.rules()
        let (sensors, sorted) = Self.stream(seed: seed)
        let end = RuleEngineTests.at(Self.hours * 3600 + 900)
        let reference = Self.run(rules, sensors, sorted, until: end)
        #expect(!reference.firings.contains { $0.isRetraction })
        let expected = Self.net(reference.firings)
        let ruleIDs = Set(expected.map(\.ruleID))
        #expect(ruleIDs == ["hold", "instant", "rise", "fall", "area-p90", "area-count", "mean", "silent", "near"], "every rule should fire at least once")

        // Each observation is delayed by up to the allowed lateness, so no observation arrives after one
        // more than that lateness younger than it; some are sent twice.
        var rng = SplitMix64(seed: seed &* 7919)
        let latenessMs = Int64(Self.latenessSeconds * 1000)
        var arrivals: [(arrivalMs: Int64, observation: Observation)] = sorted.map {
            ($0.time.millisecondsSince1970 + Int64.random(in: 0...latenessMs, using: &rng), $0)
        }
        let resent = sorted.filter { _ in Int.random(in: 0..<50, using: &rng) == 0 }
        arrivals += resent.map { ($0.time.millisecondsSince1970 + Int64.random(in: 0...latenessMs, using: &rng), $0) }
        arrivals.sort { $0.arrivalMs < $1.arrivalMs }
        let shuffled = Self.run(rules, sensors, arrivals.map(\.observation), until: end)
        #expect(shuffled.firings.contains { $0.isRetraction }, "the shuffle should exercise retractions")
        let got = Self.net(shuffled.firings)
        let missing = expected.subtracting(got).sorted { $0.time < $1.time }
        let extra = got.subtracting(expected).sorted { $0.time < $1.time }
        #expect(missing.isEmpty, "missing \(missing.prefix(5))")
        #expect(extra.isEmpty, "extra \(extra.prefix(5))")
        #expect(got == expected)
        #expect(shuffled.engine.counters.duplicates == resent.count)
        #expect(shuffled.engine.counters.lateDropped == 0)
        // The run must have gone through buffer compaction and pruning of emitted transitions.
        #expect(shuffled.engine.series.allSatisfy { $0.prunedThroughMs != Int64.min })
        #expect(shuffled.engine.counters.evaluated == sorted.count)
    }

    @Test func beyondLatenessIsDroppedNotEvaluated() throws {
        let rules = try Self.rules()
        let (sensors, sorted) = Self.stream(seed: 9)
        var engine = RuleEngine(rules: rules, sensors: sensors)
        let last = sorted.last!
        _ = engine.ingest(last)
        let stale = sorted.filter { $0.sensorID == last.sensorID && $0.quantity == last.quantity
            && $0.time.millisecondsSince1970 + Int64(Self.latenessSeconds * 1000) < last.time.millisecondsSince1970 }
        for observation in stale { #expect(engine.ingest(observation).isEmpty) }
        #expect(engine.counters.lateDropped == stale.count)
        #expect(engine.counters.evaluated == 1)
    }
}
